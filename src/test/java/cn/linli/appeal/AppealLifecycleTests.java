package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;
import cn.linli.appeal.rating.ClosingUnratedAppeals;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The whole loop over the API: raise, accept, resolve, 不满意 reopens, resolve again, 满意 closes; with timeline, audit and inbox. */
@LinliTest
class AppealLifecycleTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	MutableClock clock;

	AppealApi api;
	String resident;
	String staff;

	@BeforeEach
	void setUp() throws Exception {
		api = new AppealApi(mvc, json, jdbc);
		resident = TestApi.token(mvc, json, "resident");
		staff = TestApi.token(mvc, json, "staff");
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void residentRaisesStaffResolvesDissatisfiedReopensThenSatisfiedCloses() throws Exception {
		long id = api.raiseRepair(resident, "FACILITY", "3号楼2单元楼道灯坏了一个星期，晚上很黑");
		assertThat(api.status(id)).isEqualTo("SUBMITTED");
		assertThat(jdbc.sql("select handler_kind from appeal where id = :id").param("id", id).query(String.class).single()).isEqualTo("COMPANY");

		var queue = api.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/appeals/queue")
			.header("Authorization", "Bearer " + staff)).andReturn());
		assertThat(queue.findValues("id").stream().map(n -> n.asLong()).toList()).contains(id);

		int version = api.read(api.detail(staff, id)).get("row").get("version").asInt();
		api.actOk(staff, id, "accept", "{\"version\":" + version + "}");
		assertThat(api.status(id)).isEqualTo("ACCEPTED");
		api.actOk(staff, id, "start", null);
		api.actOk(staff, id, "note", "{\"note\":\"已联系电工\"}");
		api.actOk(staff, id, "resolve", "{\"result\":\"已更换楼道灯\"}");
		assertThat(api.status(id)).isEqualTo("RESOLVED");

		var refused = api.act(resident, id, "rate", "{\"rating\":\"DISSATISFIED\"}");
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(refused).get("detail").asString()).contains("原因");

		api.actOk(resident, id, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"灯还是不亮\"}");
		assertThat(api.status(id)).isEqualTo("REOPENED");
		assertThat(api.level(id)).as("the first 不满意 reopens without escalating").isEqualTo("HANDLER");

		api.actOk(staff, id, "start", null);
		api.actOk(staff, id, "resolve", "{\"result\":\"更换了感应开关\"}");
		var closed = api.actOk(resident, id, "rate", "{\"rating\":\"SATISFIED\"}");
		assertThat(closed.get("row").get("status").asString()).isEqualTo("CLOSED");

		var timeline = closed.get("timeline").findValues("action").stream().map(n -> n.asString()).toList();
		assertThat(timeline).containsExactly("SUBMITTED", "ACCEPTED", "STARTED", "NOTE", "RESOLVED", "REOPENED", "STARTED", "RESOLVED", "RATED");
		assertThat(jdbc.sql("select count(*) from audit_log where subject_type = 'appeal' and subject_id = :id").param("id", String.valueOf(id))
			.query(Long.class).single()).isEqualTo(9);
		assertThat(jdbc.sql("select count(*) from appeal_rating where appeal_id = :id").param("id", id).query(Long.class).single()).isEqualTo(2);

		// notified after commit: the resident of acceptance and resolution, the company of the new appeal
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = 'resident' and m.appeal_id = :id""")
			.param("id", id).query(Long.class).single()).isGreaterThanOrEqualTo(3));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username in ('company', 'staff') and m.appeal_id = :id""")
			.param("id", id).query(Long.class).single()).isGreaterThanOrEqualTo(2));
	}

	@Test
	void secondDissatisfiedRatingEscalatesToTheCommunity() throws Exception {
		long id = api.raiseRepair(resident, "SANITATION", "垃圾桶满了没人清运，气味很大");
		for (int round = 0; round < 2; round++) {
			if (round == 0) {
				api.actOk(staff, id, "accept", null);
			}
			else {
				api.actOk(staff, id, "start", null);
			}
			api.actOk(staff, id, "resolve", "{\"result\":\"已清运\"}");
			api.actOk(resident, id, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"第二天又满了\"}");
		}
		assertThat(api.status(id)).isEqualTo("REOPENED");
		assertThat(api.level(id)).isEqualTo("COMMUNITY");
		String community = TestApi.token(mvc, json, "community");
		var board = api.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/appeals/board")
			.header("Authorization", "Bearer " + community)).andReturn());
		assertThat(board.findValues("id").stream().map(n -> n.asLong()).toList()).contains(id);
		// the community confirms it was in fact solved: closed, counted as solved but not as satisfied
		api.actOk(community, id, "confirm", "{\"note\":\"现场核实已清运，居民要求每日两次超出合同约定\"}");
		assertThat(api.status(id)).isEqualTo("CLOSED");
	}

	@Test
	void waitingForTheResidentPausesTheResolveClock() throws Exception {
		long id = api.raiseRepair(resident, "NEIGHBOUR", "楼上卫生间漏水到我家天花板");
		api.actOk(staff, id, "accept", null);
		api.actOk(staff, id, "start", null);
		var due = jdbc.sql("select resolve_due_at from appeal where id = :id").param("id", id).query(java.sql.Timestamp.class).single().toInstant();
		api.actOk(staff, id, "pause", "{\"reason\":\"需入户查看，居民周末在家\"}");
		assertThat(jdbc.sql("select next_escalation_at is null from appeal where id = :id").param("id", id).query(Boolean.class).single())
			.as("no clock runs while waiting").isTrue();
		clock.advance(Duration.ofHours(30));
		api.actOk(staff, id, "resume", null);
		var shifted = jdbc.sql("select resolve_due_at from appeal where id = :id").param("id", id).query(java.sql.Timestamp.class).single().toInstant();
		assertThat(Duration.between(due, shifted)).isBetween(Duration.ofHours(30), Duration.ofHours(30).plusSeconds(5));
		assertThat(jdbc.sql("select paused_seconds from appeal where id = :id").param("id", id).query(Long.class).single())
			.isBetween(30L * 3600, 30L * 3600 + 5);
		assertThat(jdbc.sql("select next_escalation_at = resolve_due_at from appeal where id = :id").param("id", id).query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void postWithTheSameIdempotencyKeyCreatesOneAppeal() throws Exception {
		String key = UUID.randomUUID().toString();
		long before = jdbc.sql("select count(*) from appeal").query(Long.class).single();
		String body = """
				{"kind":"COMPLAINT","category":"PARKING","body":"消防通道上长期停着一辆白色轿车","compoundId":%d}""".formatted(api.showcaseCompound());
		var first = mvc.perform(post("/api/v1/appeals").header("Authorization", "Bearer " + resident).header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
		var second = mvc.perform(post("/api/v1/appeals").header("Authorization", "Bearer " + resident).header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
		assertThat(first.getResponse().getStatus()).isEqualTo(201);
		assertThat(second.getResponse().getStatus()).isEqualTo(201);
		assertThat(api.read(second).get("id").asLong()).isEqualTo(api.read(first).get("id").asLong());
		assertThat(jdbc.sql("select count(*) from appeal").query(Long.class).single()).isEqualTo(before + 1);
	}

	@Autowired
	ClosingUnratedAppeals unrated;

	@Test
	void anAppealNotRatedWithinSevenDaysClosesAsUnrated() throws Exception {
		long id = api.raiseRepair(resident, "GREENING", "草坪上的自动喷灌坏了一直在喷水");
		api.actOk(staff, id, "accept", null);
		api.actOk(staff, id, "resolve", "{\"result\":\"已关闭阀门并更换喷头\"}");
		clock.advance(Duration.ofDays(6));
		unrated.closeUnrated(Duration.ofDays(7));
		assertThat(api.status(id)).isEqualTo("RESOLVED");
		clock.advance(Duration.ofDays(1).plusMinutes(1));
		unrated.closeUnrated(Duration.ofDays(7));
		assertThat(api.status(id)).isEqualTo("CLOSED");
		assertThat(jdbc.sql("select closed_reason || '/' || coalesce(rating, '-') from appeal where id = :id").param("id", id).query(String.class)
			.single()).isEqualTo("UNRATED/-");
		assertThat(api.act(resident, id, "rate", "{\"rating\":\"SATISFIED\"}").getResponse().getStatus()).isEqualTo(409);
	}

	@Test
	void staffRaiseFromPatrolsForTheirCompoundsOnly() throws Exception {
		var ok = api.raise(staff, """
				{"kind":"REPAIR","category":"SAFETY","body":"巡查发现8号楼消防栓箱门损坏","compoundId":%d}""".formatted(api.showcaseCompound()));
		assertThat(ok.getResponse().getStatus()).isEqualTo(201);
		long id = api.read(ok).get("id").asLong();
		assertThat(jdbc.sql("select channel || '/' || raised_by_role from appeal where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("PATROL/STAFF");
		long foreign = jdbc.sql("select id from compound where community_code not like '371002%' order by id limit 1").query(Long.class).single();
		var refused = api.raise(staff, """
				{"kind":"REPAIR","category":"SAFETY","body":"别的小区","compoundId":%d}""".formatted(foreign));
		assertThat(refused.getResponse().getStatus()).isEqualTo(404);
		var company = api.raise(TestApi.token(mvc, json, "company"), """
				{"kind":"REPAIR","category":"SAFETY","body":"公司不直接上报","compoundId":%d}""".formatted(api.showcaseCompound()));
		// the company sees the compound, but raising is not an action its role takes (residents, staff and grid workers do)
		assertThat(company.getResponse().getStatus()).isEqualTo(403);
	}
}
