package cn.linli.appeal.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.SupervisionLevel;

/**
 * The escalation ladder is written once, in {@link SupervisionLevel#above}; the sweep's SQL is
 * generated from it. Run in PostgreSQL over every level, handler kind and open state, the SQL must
 * name the same next level as the Java — the two once differed for a re-routed appeal.
 */
@LinliTest
class LadderSqlTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSweepsSqlClimbsTheSameLadderAsTheAggregate() {
		var rows = new ArrayList<String>();
		var expected = new HashMap<String, String>();
		for (var level : SupervisionLevel.values()) {
			for (var handler : HandlerKind.values()) {
				for (var status : AppealStatus.values()) {
					if (status.isOpen()) {
						rows.add("('" + level + "', '" + handler + "', '" + status + "')");
						expected.put(level + "/" + handler + "/" + status, level.above(handler, status).name());
					}
				}
			}
		}
		Map<String, String> actual = new HashMap<>();
		jdbc.sql("select a.level || '/' || a.handler_kind || '/' || a.status, " + SupervisionLevel.nextLevelSql()
				+ " from (values " + String.join(", ", rows) + ") as a (level, handler_kind, status)")
			.query((rs, n) -> actual.put(rs.getString(1), rs.getString(2))).list();
		// 5 levels × 3 handler kinds × 5 open states
		assertThat(actual).hasSize(75);
		assertThat(actual).isEqualTo(expected);
		// the ladder itself, as DOMAIN.md §3 draws it
		assertThat(actual.get("HANDLER/COMPANY/SUBMITTED")).isEqualTo("COMMUNITY");
		assertThat(actual.get("HANDLER/COMPANY/REJECTED_ROUTE")).as("the community late to re-dispatch is skipped").isEqualTo("STREET");
		assertThat(actual.get("HANDLER/COMMUNITY/IN_PROGRESS")).isEqualTo("STREET");
		assertThat(actual.get("HANDLER/EXTERNAL/ACCEPTED")).isEqualTo("STREET");
		assertThat(actual.get("COMMUNITY/COMPANY/IN_PROGRESS")).isEqualTo("STREET");
		assertThat(actual.get("STREET/COMPANY/IN_PROGRESS")).isEqualTo("DISTRICT");
		assertThat(actual.get("DISTRICT/COMPANY/IN_PROGRESS")).isEqualTo("CITY");
		assertThat(actual.get("CITY/COMPANY/IN_PROGRESS")).isEqualTo("CITY");
	}
}
