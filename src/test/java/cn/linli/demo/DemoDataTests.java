package cn.linli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.shared.domain.Hashes;

/**
 * The Weihai demo as the fixed seed ({@link DemoDataLoader#SEED}) makes it. Other test classes
 * share the database and add (or move) rows, so every figure is restricted to what the demo load
 * wrote: rows stamped with the load's transaction time, registry records whose audit row is, and
 * appeals as their timeline stood before the load ended (later tests escalate and close some).
 * Where a rule of the generator fixes a figure, the expectation is that rule written as SQL; where
 * only the seed does, it is the literal the seed gives.
 */
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

	/** Registry records the demo load made, by their audit row (staff, contracts, houses have no creation time of their own). */
	static String made(String action) {
		return "(select subject_id::bigint from audit_log where action = '" + action + "' and at = " + DEMO + ")";
	}

	/** The four compounds whose every house the demo registers. */
	static final String FILLED_HOUSES = "select h.* from house h where h.id in " + made("house.registered");

	/** Each demo appeal with its status and level as its timeline stood at the end of the load. */
	static final String AT_LOAD = """
			select distinct on (e.appeal_id) e.appeal_id, e.to_status as status, e.level
			from appeal_event e join appeal a on a.id = e.appeal_id
			where a.created_at < %1$s and e.at < %1$s order by e.appeal_id, e.at desc, e.id desc""".formatted(DEMO);

	@Test
	void weihaiHas607CompoundsOnEveryUrbanCommunityAndNowhereElse() {
		assertThat(count("select count(*) from compound where created_at = " + DEMO)).isEqualTo(607);
		assertThat(count("select count(*) from compound c join region r on r.code = c.community_code where c.created_at = " + DEMO
				+ " and (not r.urban or c.community_code not like '3710%')")).isZero();
		// every urban community gets one compound before the rest are spread over them
		assertThat(count("select count(distinct community_code) from compound where created_at = " + DEMO))
			.isEqualTo(count("select count(*) from region where code like '3710%' and level = 5 and urban"));
		assertThat(count("select min(households) from compound where created_at = " + DEMO)).isGreaterThanOrEqualTo(100);
		assertThat(count("select max(households) from compound where created_at = " + DEMO)).isLessThanOrEqualTo(3000);
		assertThat(count("select count(distinct service_mode) from compound where created_at = " + DEMO)).isEqualTo(5);
	}

	@Test
	void companiesHaveThePartyOrganisationsTheSeedDraws() {
		// the companies are the generator's first draws: per company the party organisation (<68 independent, <85 joint, else none),
		// seven characters of the organisation code and a phone number
		var random = new Random(DemoDataLoader.SEED);
		var expected = new TreeMap<String, Long>();
		for (int i = 0; i < DemoDataLoader.COMPANIES; i++) {
			int r = random.nextInt(100);
			expected.merge(r < 68 ? "INDEPENDENT" : r < 85 ? "JOINT" : "NONE", 1L, Long::sum);
			for (int k = 0; k < 7; k++) {
				random.nextInt(31);
			}
			random.nextInt(799999);
		}
		var actual = new TreeMap<String, Long>();
		jdbc.sql("select party_org, count(*) from property_company where created_at = " + DEMO + " group by party_org")
			.query((rs, n) -> actual.put(rs.getString(1), rs.getLong(2))).list();
		assertThat(actual).isEqualTo(expected);
		assertThat(actual).isEqualTo(Map.of("INDEPENDENT", 82L, "JOINT", 22L, "NONE", 16L));
	}

	@Test
	void everyServedCompoundHasExactlyOneContractInForceAndStaff() {
		String demoContracts = "select sc.* from service_contract sc where sc.id in " + made("contract.signed");
		String today = "cast(now() at time zone 'Asia/Shanghai' as date)";
		// a compound the owners manage themselves (SELF) or that nobody manages (NONE) has no contract; every other has one in force
		assertThat(count("select count(*) from (" + demoContracts + ") sc join compound c on c.id = sc.compound_id where c.service_mode in ('SELF', 'NONE')"))
			.isZero();
		assertThat(count("""
				select count(*) from compound c where c.created_at = %s and c.service_mode not in ('SELF', 'NONE')
				  and (select count(*) from (%s) sc where sc.compound_id = c.id and %s between sc.starts_on and sc.ends_on) <> 1"""
			.formatted(DEMO, demoContracts, today))).isZero();
		assertThat(count("select count(*) from compound where created_at = " + DEMO + " and service_mode not in ('SELF', 'NONE')")).isEqualTo(551);
		// one in ten served compounds also has an earlier contract that ran out
		assertThat(count("select count(*) from (" + demoContracts + ") sc where sc.ends_on < " + today)).isEqualTo(59);
		assertThat(count("select count(*) from (" + demoContracts + ") sc")).isEqualTo(610);

		// one to three staff members per served compound, each serving that compound only
		String demoStaff = "select s.* from staff s where s.id in " + made("staff.hired");
		assertThat(count("""
				select count(*) from compound c where c.created_at = %s and c.service_mode not in ('SELF', 'NONE')
				  and (select count(*) from staff_compound stc where stc.compound_id = c.id and stc.staff_id in %s) not between 1 and 3"""
			.formatted(DEMO, made("staff.hired")))).isZero();
		assertThat(count("select count(*) from staff_compound where staff_id in " + made("staff.hired"))).isEqualTo(1116);
		assertThat(count("select count(*) from (" + demoStaff + ") s")).isEqualTo(1116);
		assertThat(count("select count(*) from (" + demoStaff + ") s where s.grid_worker")).isEqualTo(400);

		// the showcase and about a quarter of the others have an owners' committee
		assertThat(count("select count(*) from owners_committee where id in " + made("committee.formed"))).isEqualTo(154);
		assertThat(count("""
				select count(*) from owners_committee oc join app_user u on u.compound_id = oc.compound_id
				where u.username = 'committee' and oc.id in %s""".formatted(made("committee.formed")))).isEqualTo(1);
	}

	@Test
	void fourCompoundsHaveEveryHouseWithOwnersCoOwnersAndDeveloperUnits() {
		// per compound: 6 buildings × 2 units × 6 floors × 2 doors = 144 flats, 12 parking spaces, 3 shops
		assertThat(count("select count(distinct b.compound_id) from (" + FILLED_HOUSES + ") h join building b on b.id = h.building_id"))
			.isEqualTo(4);
		assertThat(count("select count(*) from (" + FILLED_HOUSES + ") h where kind = 'RESIDENTIAL'")).isEqualTo(4 * 144);
		assertThat(count("select count(*) from (" + FILLED_HOUSES + ") h where kind = 'PARKING'")).isEqualTo(4 * 12);
		assertThat(count("select count(*) from (" + FILLED_HOUSES + ") h where kind = 'COMMERCIAL'")).isEqualTo(4 * 3);
		// developer-held: flats 47, 94, 141 unsold (no owner) and parking spaces P10–P12; flats 61 and 122 sold but not delivered
		assertThat(count("select count(*) from (" + FILLED_HOUSES
				+ ") h where developer_held and not exists (select 1 from house_owner ho where ho.house_id = h.id)")).isEqualTo(4 * (3 + 3));
		assertThat(count("select count(*) from (" + FILLED_HOUSES
				+ ") h where developer_held and exists (select 1 from house_owner ho where ho.house_id = h.id)")).isEqualTo(4 * 2);
		// every seventh flat has a co-owner: 7, 14, …, 140
		assertThat(count("select count(*) from (select ho.house_id from house_owner ho where ho.house_id in (select id from (" + FILLED_HOUSES
				+ ") h) group by ho.house_id having count(*) = 2) x")).isEqualTo(4 * 20);
		assertThat(count("select count(*) from (select ho.house_id from house_owner ho where ho.house_id in (select id from (" + FILLED_HOUSES
				+ ") h) group by ho.house_id having count(*) > 2) x")).isZero();
		// every twentieth flat and the nine owned parking spaces go to an owner already drawn: the seed decides how many of them repeat
		assertThat(count("select count(*) from (select ho.owner_id from house_owner ho where ho.house_id in (select id from (" + FILLED_HOUSES
				+ ") h) group by ho.owner_id having count(*) > 1) x")).isEqualTo(59);
		// the demo resident's house is the third flat (1号楼 1单元 201) of the showcase
		assertThat(count("""
				select count(*) from resident_binding rb join app_user u on u.id = rb.user_id join house h on h.id = rb.house_id
				join building b on b.id = h.building_id join app_user c on c.compound_id = b.compound_id
				where u.username = 'resident' and c.username = 'committee' and b.name = '1号楼' and h.unit = '1单元' and h.number = '201'""")).isEqualTo(1);
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
	void ninetyDaysOfAppealsAsTheSeedMadeThem() {
		// 0 to 4 random appeals per compound (the seed draws 1,215), the 7 the demo accounts find waiting and the 6 of the hot spot
		assertThat(count("select count(*) from appeal where created_at < " + DEMO)).isEqualTo(1228);
		assertThat(count("select count(*) from appeal where created_at < " + DEMO + " and created_at < " + DEMO + " - interval '88 days 30 minutes'"))
			.as("raised within the last 88 days").isZero();
		assertThat(count("select count(*) from appeal a where created_at < " + DEMO
				+ " and not exists (select 1 from appeal_event e where e.appeal_id = a.id and e.action = 'SUBMITTED')"))
			.as("every appeal has its timeline, from its submission").isZero();
		assertThat(count("select count(*) from appeal a where a.compound_id not in (select id from compound where created_at = " + DEMO
				+ ") and a.created_at < " + DEMO)).isZero();

		var statuses = new TreeMap<String, Long>();
		jdbc.sql("select status, count(*) from (" + AT_LOAD + ") x group by status").query((rs, n) -> statuses.put(rs.getString(1), rs.getLong(2)))
			.list();
		assertThat(statuses).isEqualTo(Map.of("SUBMITTED", 10L, "ACCEPTED", 63L, "IN_PROGRESS", 6L, "RESOLVED", 36L, "REOPENED", 7L,
				"REJECTED_ROUTE", 1L, "CLOSED", 1105L));
		var levels = new TreeMap<String, Long>();
		jdbc.sql("select level, count(*) from (" + AT_LOAD + ") x group by level").query((rs, n) -> levels.put(rs.getString(1), rs.getLong(2)))
			.list();
		assertThat(levels).isEqualTo(Map.of("HANDLER", 1081L, "COMMUNITY", 136L, "STREET", 9L, "DISTRICT", 1L, "CITY", 1L));
		// nobody rates a demo appeal after the load, so the ratings are still those of the history
		var ratings = new TreeMap<String, Long>();
		jdbc.sql("select coalesce(rating, '-'), count(*) from appeal where created_at < " + DEMO + " group by 1")
			.query((rs, n) -> ratings.put(rs.getString(1), rs.getLong(2))).list();
		assertThat(ratings).isEqualTo(Map.of("SATISFIED", 682L, "BASICALLY_SATISFIED", 345L, "DISSATISFIED", 8L, "-", 193L));
	}

	record Waiting(String body, String compound, String kind, String category, String status, String level, long escalations,
			long orders, String raisedBy) {
	}

	@Test
	void theDemoAccountsFindWorkWaiting() {
		String showcase = "(select compound_id from app_user where username = 'committee')";
		String street = "(select region_code from app_user where username = 'street')";
		var rows = jdbc.sql("""
				select a.body,
				  case when a.compound_id = %2$s then 'showcase'
				       when c.community_code like %3$s || '%%' then 'street'
				       when c.community_code like '371002%%' then 'district'
				       when c.community_code like '3710%%' then 'city' end,
				  a.kind, a.category, x.status, x.level,
				  (select count(*) from appeal_event e where e.appeal_id = a.id and e.action = 'ESCALATED' and e.at < %1$s),
				  (select count(*) from appeal_event e where e.appeal_id = a.id and e.action = 'ORDERED' and e.at < %1$s),
				  coalesce((select username from app_user u where u.id = a.raised_by), '-')
				from appeal a join compound c on c.id = a.compound_id join (%4$s) x on x.appeal_id = a.id
				where a.created_at < %1$s
				  and (x.level <> 'HANDLER' and x.status = 'SUBMITTED' or x.status = 'REJECTED_ROUTE' or a.raised_by is not null)""".formatted(DEMO, showcase, street, AT_LOAD))
			.query((rs, n) -> new Waiting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getLong(7), rs.getLong(8), rs.getString(9)))
			.list();
		assertThat(rows).containsExactlyInAnyOrder(
				// one never-accepted appeal escalated to each supervising level, the last time six hours before the load
				new Waiting("3号楼电梯按钮失灵，按了没反应，老人上下楼很不方便", "showcase", "COMPLAINT", "FACILITY", "SUBMITTED", "COMMUNITY", 1, 0, "-"),
				new Waiting("小区东门道闸坏了好几天，外来车辆随便进出", "street", "COMPLAINT", "PARKING", "SUBMITTED", "STREET", 2, 0, "-"),
				new Waiting("地下车库积水严重，车都泡了，物业一直没人管", "district", "COMPLAINT", "PARKING", "SUBMITTED", "DISTRICT", 3, 1, "-"),
				new Waiting("消防通道被私家车长期占用，多次反映无人处理", "city", "COMPLAINT", "SAFETY", "SUBMITTED", "CITY", 4, 1, "-"),
				// a 派单异议 back with the community
				new Waiting("小区北侧围墙外的路灯坏了，晚上很黑，行人不安全", "showcase", "COMPLAINT", "SAFETY", "REJECTED_ROUTE", "HANDLER", 0, 0, "-"),
				// the resident's own: one resolved, to rate, and one just raised
				new Waiting("单元门门禁坏了，谁都能进，请尽快维修", "showcase", "REPAIR", "FACILITY", "RESOLVED", "HANDLER", 0, 0, "resident"),
				new Waiting("地下车库有僵尸车长期占用车位", "showcase", "COMPLAINT", "PARKING", "SUBMITTED", "HANDLER", 0, 0, "resident"));
		assertThat(count("""
				select count(*) from appeal a join app_user u on u.id = a.raised_by
				where u.username = 'resident' and a.created_at < %s""".formatted(DEMO))).as("the resident raised nothing else in the demo").isEqualTo(2);
		assertThat(count("""
				select count(*) from appeal a join resident_binding rb on rb.house_id = a.house_id join app_user u on u.id = rb.user_id
				where u.username = 'resident' and a.body = '单元门门禁坏了，谁都能进，请尽快维修'""")).as("for the resident's own flat").isEqualTo(1);
	}

	@Test
	void theBoardsShowTheDemosHotSpot(@Autowired cn.linli.analytics.hotspot.HotSpots hotSpots) {
		long neighbour = count("select compound_id from appeal where body = '今天早上家里突然停水了，也没有通知'");
		var spot = hotSpots.detect("3710", 7).stream().filter(h -> h.unit().equals("COMPOUND") && h.key().equals(String.valueOf(neighbour))).toList();
		assertThat(spot).hasSize(1);
		assertThat(spot.get(0).category()).isEqualTo("FACILITY");
		assertThat(spot.get(0).count()).isGreaterThanOrEqualTo(6);
	}

	/**
	 * The showcase compound's money, made after the load through the use cases: its board, three
	 * months of bills with the seed's collection, a disclosed quarter, and two fund projects settled
	 * and posted — the roof repair after its building's owners passed it online.
	 */
	@Test
	void theShowcaseCompoundsMoneyIsInTheOpen() {
		long showcase = jdbc.sql("""
				select b.compound_id from resident_binding rb join app_user u on u.id = rb.user_id join house h on h.id = rb.house_id
				join building b on b.id = h.building_id where u.username = 'resident'""").query(Long.class).single();
		assertThat(count("select count(*) from fee_item where compound_id = " + showcase + " and ends_on is null")).isEqualTo(3);
		assertThat(count("select count(distinct period) from fee_bill where compound_id = " + showcase)).isEqualTo(3);
		// every house with a rate is billed each month: 144 flats, 12 parking spaces and 3 shops
		assertThat(count("select count(*) from fee_bill where compound_id = " + showcase)).isEqualTo(3 * 159);
		var rates = jdbc.sql("""
				select period, sum(paid_fen) * 100 / sum(amount_fen) from fee_bill where compound_id = :c group by period order by period""")
			.param("c", showcase).query((rs, n) -> rs.getLong(2)).list();
		assertThat(rates).hasSize(3);
		assertThat(rates.get(0)).as("two months ago mostly paid").isBetween(85L, 99L);
		assertThat(rates.get(2)).as("this month still being collected").isBetween(40L, 75L);
		assertThat(count("select count(*) from common_income_disclosure where compound_id = " + showcase)).isEqualTo(1);
		assertThat(jdbc.sql("select kind || ':' || status from fund_project where compound_id = :c order by id").param("c", showcase).query(String.class)
			.list()).containsExactly("EMERGENCY:SETTLED", "NORMAL:SETTLED");
		assertThat(count("""
				select count(*) from fund_project p join motion m on m.id = p.motion_id where p.compound_id = %d and m.result like '%%"PASSED"%%'"""
			.formatted(showcase))).isEqualTo(1);
		assertThat(count("select count(*) from notice where compound_id = " + showcase + " and source like 'fund_project:%:settlement'")).isEqualTo(2);
		assertThat(count("select count(*) from notice where compound_id = " + showcase + " and duty = 'COMMON_INCOME'")).isEqualTo(1);
	}

	@Test
	void theConfiguredOpen311KeyWorksAndIsStoredOnlyAsItsHash() {
		long id = count("select id from open311_client where key_hash = '" + Hashes.sha256(LinliTest.OPEN311_KEY) + "'");
		assertThat(open311.clientOf(LinliTest.OPEN311_KEY)).contains(id);
		assertThat(count("select count(*) from open311_client where '" + LinliTest.OPEN311_KEY + "' in (key_hash, key_hint, name, created_by)"))
			.as("the plain key is in no column").isZero();
	}
}
