package cn.linli.governance;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.identity.UserAdministration;

/** Resident accounts bound to owners of the demo compounds, for voting tests. */
final class Residents {

	private Residents() {
	}

	/** The owner id of the nth house of the compound that has one owner who holds no other house. */
	static String soleOwner(JdbcClient jdbc, long compoundId, int nth) {
		return jdbc.sql("""
				select ho.owner_id::text from house h join building b on b.id = h.building_id join house_owner ho on ho.house_id = h.id
				where b.compound_id = ? and (select count(*) from house_owner y where y.owner_id = ho.owner_id) = 1
				  and (select count(*) from house_owner x where x.house_id = h.id) = 1 and not h.developer_held
				order by h.id offset ? limit 1""").param(compoundId).param(nth).query(String.class).single();
	}

	/** A resident account (password {@link LinliTest#PASSWORD}) for the nth owner who holds exactly one house, alone. */
	static String forOwner(JdbcClient jdbc, UserAdministration users, long compoundId, int nth, String prefix) {
		var row = jdbc.sql("""
				select h.id as house_id, ho.owner_id from house h join building b on b.id = h.building_id
				join house_owner ho on ho.house_id = h.id
				where b.compound_id = ? and not h.developer_held and h.kind = 'RESIDENTIAL'
				  and (select count(*) from house_owner x where x.house_id = h.id) = 1
				  and (select count(*) from house_owner y where y.owner_id = ho.owner_id) = 1
				order by h.id offset ? limit 1""").param(compoundId).param(nth)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		String username = prefix + nth;
		users.createBoundResident(username, Fixtures.phone(), "业主" + nth, LinliTest.PASSWORD, row[0], row[1]);
		return username;
	}
}
