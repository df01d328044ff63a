package cn.linli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;

@LinliTest
class DemoDataTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoDataLoader loader;

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	/** Rows written by the demo load share its transaction's timestamp. */
	static final String DEMO = "(select loaded_at from demo_data where name = 'weihai')";

	@Test
	void weihaiHas607CompoundsOnUrbanCommunitiesOnly() {
		assertThat(count("select count(*) from compound where created_at = " + DEMO)).isEqualTo(607);
		assertThat(count("select count(*) from compound c join region r on r.code = c.community_code where c.created_at = " + DEMO
				+ " and (not r.urban or c.community_code not like '3710%')")).isZero();
		assertThat(count("select count(distinct community_code) from compound where created_at = " + DEMO)).isGreaterThan(300);
		assertThat(count("select min(households) from compound where created_at = " + DEMO)).isGreaterThanOrEqualTo(100);
		assertThat(count("select max(households) from compound where created_at = " + DEMO)).isLessThanOrEqualTo(3000);
		assertThat(count("select count(distinct service_mode) from compound where created_at = " + DEMO)).isEqualTo(5);
	}

	@Test
	void companiesContractsStaffAndCommitteesAreThere() {
		assertThat(count("select count(*) from property_company where created_at = " + DEMO)).isEqualTo(120);
		assertThat(count("select count(*) from property_company where party_org = 'NONE' and created_at = " + DEMO)).isPositive();
		assertThat(count("select count(*) from service_contract sc join compound c on c.id = sc.compound_id where c.created_at = " + DEMO)).isGreaterThan(400);
		assertThat(count("select count(*) from staff where grid_worker")).isPositive();
		assertThat(count("select count(*) from owners_committee")).isGreaterThan(50);
	}

	@Test
	void someCompoundsHaveEveryHouseWithOwnersCoOwnersAndDeveloperUnits() {
		assertThat(count("select count(distinct b.compound_id) from house h join building b on b.id = h.building_id join compound c on c.id = b.compound_id where c.created_at = " + DEMO))
			.isGreaterThanOrEqualTo(4);
		assertThat(count("select count(*) from (select owner_id from house_owner group by owner_id having count(*) > 1) x")).isPositive();
		assertThat(count("select count(*) from (select house_id from house_owner group by house_id having count(*) > 1) x")).isPositive();
		assertThat(count("select count(*) from house h where developer_held and not exists (select 1 from house_owner ho where ho.house_id = h.id)")).isPositive();
		assertThat(count("select count(*) from house h where developer_held and exists (select 1 from house_owner ho where ho.house_id = h.id)")).isPositive();
		assertThat(count("select count(*) from house where kind = 'PARKING'")).isPositive();
	}

	@Test
	void loadingAgainChangesNothing() throws Exception {
		long compounds = count("select count(*) from compound");
		long users = count("select count(*) from app_user");
		loader.run(new DefaultApplicationArguments());
		assertThat(count("select count(*) from compound")).isEqualTo(compounds);
		assertThat(count("select count(*) from app_user")).isEqualTo(users);
		assertThat(count("select count(*) from open311_client where key_hash = encode(sha256(convert_to('" + LinliTest.OPEN311_KEY + "', 'UTF8')), 'hex')"))
			.as("the demo key is made once").isEqualTo(1);
		assertThat(count("select count(*) from app_user where username in ('city','district','street','community','company','staff','committee','resident','admin')"))
			.isEqualTo(9);
	}

	@Autowired
	cn.linli.appeal.open311.Open311Clients open311;

	@Test
	void ninetyDaysOfAppealsAndTheConfiguredOpen311Key() {
		long appeals = count("select count(*) from appeal where created_at < (select loaded_at from demo_data where name = 'weihai')");
		assertThat(appeals).isBetween(600L, 2500L);
		assertThat(count("select count(distinct status) from appeal")).isGreaterThanOrEqualTo(4);
		assertThat(count("select count(*) from appeal where level <> 'HANDLER'")).as("some climbed the ladder").isPositive();
		assertThat(count("select count(*) from appeal where rating is not null")).isPositive();
		assertThat(count("select count(*) from appeal a where not exists (select 1 from appeal_event e where e.appeal_id = a.id)"))
			.as("every appeal has its timeline").isZero();
		assertThat(count("""
				select count(*) from appeal a join app_user u on u.id = a.raised_by where u.username = 'resident' and a.status in ('RESOLVED', 'SUBMITTED')"""))
			.as("the demo resident has one to rate and one waiting").isGreaterThanOrEqualTo(2);
		assertThat(open311.clientOf(LinliTest.OPEN311_KEY)).isPresent();
		assertThat(count("select count(*) from open311_client where key_hash like '%" + LinliTest.OPEN311_KEY + "%'")).isZero();
	}
}
