package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
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

	/**
	 * The oracle, from the rule's text: an appeal is due to climb when it is still open (not 已反馈,
	 * not 已办结) and the deadline of the clock running for it has passed.
	 */
	static final String DUE = """
			select count(*) from appeal
			where status in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'REOPENED', 'REJECTED_ROUTE') and next_escalation_at <= :now""";

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

	/** How many appeals the sweep must move at the (frozen) present. */
	long dueNow() {
		return jdbc.sql(DUE).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
	}

	@Test
	void overdueAppealClimbsOneLevelPerClock() throws Exception {
		var api = new AppealApi(mvc, json, jdbc);
		long id = api.raiseRepair(TestApi.token(mvc, json, "resident"), "GREENING", "绿地里的树枝快碰到二楼窗户了");
		assertThat(jdbc.sql("select handler_kind from appeal where id = :id").param("id", id).query(String.class).single()).isEqualTo("COMPANY");
		// the shipped clocks for a NORMAL appeal (V8__appeal.sql, README): 24 h to accept, 7 days to resolve, 24 h per supervising level
		assertThat(jdbc.sql("select accept_minutes || '/' || resolve_minutes || '/' || supervise_minutes from appeal where id = :id")
			.param("id", id).query(String.class).single()).isEqualTo("1440/10080/1440");

		// frozen, so that the count taken before a sweep is the count at the instant the sweep reads
		clock.freeze();
		long already = dueNow();
		assertThat(sweep.sweep()).as("whatever other test classes left due, and nothing else").isEqualTo(already);
		assertThat(api.level(id)).as("not due yet").isEqualTo("HANDLER");

		clock.advance(Duration.ofMinutes(1441));
		long due = dueNow();
		assertThat(jdbc.sql("select next_escalation_at <= :now from appeal where id = :id").param("id", id)
			.param("now", Timestamp.from(clock.instant())).query(Boolean.class).single()).as("one minute past its accept clock").isTrue();
		assertThat(sweep.sweep()).as("every appeal due, and only those").isEqualTo(due);
		assertThat(api.level(id)).as("a company's appeal goes to the community first").isEqualTo("COMMUNITY");
		assertThat(jdbc.sql("select escalations = 1 and next_escalation_at = supervise_due_at and next_escalation_at = cast(:now as timestamptz) + interval '1440 minutes' from appeal where id = :id")
			.param("id", id).param("now", Timestamp.from(clock.instant())).query(Boolean.class).single())
			.as("the community's own 24-hour clock starts at the escalation").isTrue();
		assertThat(jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", id).query(String.class)
			.list()).containsExactly("签收时限已到，升级至社区督办");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'appeal.escalated' and subject_id = :id").param("id", String.valueOf(id))
			.query(Long.class).single()).isEqualTo(1);

		assertThat(sweep.sweep()).as("once per clock: nothing is due again at the same instant").isZero();
		assertThat(api.level(id)).isEqualTo("COMMUNITY");

		clock.advance(Duration.ofMinutes(1441));
		long dueAgain = dueNow();
		assertThat(sweep.sweep()).isEqualTo(dueAgain);
		assertThat(api.level(id)).isEqualTo("STREET");
		assertThat(jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'ESCALATED' order by id").param("id", id)
			.query(String.class).list()).containsExactly("签收时限已到，升级至社区督办", "社区督办时限已到，升级至街道督办");
	}
}
