package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;
import cn.linli.appeal.supervision.EscalationSweep;

/** 督办: an appeal nobody accepted climbs the ladder one level per clock, once per clock, with its timeline and audit rows. */
@LinliTest
class EscalationSweepTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	MutableClock clock;
	@Autowired
	EscalationSweep sweep;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void overdueAppealClimbsOneLevelPerClock() throws Exception {
		var api = new AppealApi(mvc, json, jdbc);
		long id = api.raiseRepair(TestApi.token(mvc, json, "resident"), "GREENING", "绿地里的树枝快碰到二楼窗户了");
		assertThat(jdbc.sql("select handler_kind from appeal where id = :id").param("id", id).query(String.class).single()).isEqualTo("COMPANY");

		int accept = jdbc.sql("select accept_minutes from appeal where id = :id").param("id", id).query(Integer.class).single();
		int supervise = jdbc.sql("select supervise_minutes from appeal where id = :id").param("id", id).query(Integer.class).single();

		sweep.sweep();
		assertThat(api.level(id)).as("not due yet").isEqualTo("HANDLER");

		clock.advance(Duration.ofMinutes(accept + 1));
		assertThat(sweep.sweep()).isPositive();
		assertThat(api.level(id)).as("a company's appeal goes to the community first").isEqualTo("COMMUNITY");
		assertThat(jdbc.sql("select escalations = 1 and next_escalation_at = supervise_due_at and next_escalation_at > :now from appeal where id = :id")
			.param("id", id).param("now", java.sql.Timestamp.from(clock.instant())).query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", id).query(String.class)
			.list()).containsExactly("签收时限已到，升级至社区督办");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'appeal.escalated' and subject_id = :id").param("id", String.valueOf(id))
			.query(Long.class).single()).isEqualTo(1);

		sweep.sweep();
		assertThat(api.level(id)).as("once per clock").isEqualTo("COMMUNITY");

		clock.advance(Duration.ofMinutes(supervise + 1));
		sweep.sweep();
		assertThat(api.level(id)).isEqualTo("STREET");
		assertThat(jdbc.sql("select count(*) from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", id).query(Long.class)
			.single()).isEqualTo(2);
	}
}
