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

		var queue = api.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/appeals/queue?size=500")
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

		// notified after commit: the resident of 签收 and of both results; the handler (the company's head office and its staff at the
		// compound) of the new appeal, the reopening and the rating. Counted once every listener has run, so a late extra message counts too.
		listenersHaveRun();
		var expected = new java.util.TreeMap<String, Long>();
		expected.put("resident", 3L);
		handlerUsers(id).forEach(u -> expected.put(u, 3L));
		assertThat(expected).containsKeys("company", "staff");
		assertThat(inboxByUser(id)).isEqualTo(expected);
		assertThat(titles(id, "resident")).containsExactly("您的诉求有新进展：诉求 #" + id, "您的诉求有新进展：诉求 #" + id, "您的诉求有新进展：诉求 #" + id);
		assertThat(titles(id, "staff")).containsExactly("新诉求待签收：诉求 #" + id, "居民不满意，重新办理：诉求 #" + id, "居民已评价：诉求 #" + id);
	}

	/** Every event published so far has been handled by its listeners (the registry marks it complete). */
	void listenersHaveRun() {
		await().atMost(Duration.ofSeconds(20)).until(
				() -> jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
	}

	/**
	 * The oracle for "the handler" of a company's appeal, from the README: the company's enabled head-office accounts and the enabled
	 * accounts of its staff serving the compound.
	 */
	java.util.List<String> handlerUsers(long id) {
		return jdbc.sql("""
				select u.username from app_user u, appeal a where a.id = :id and u.enabled and (
				  (u.role = 'COMPANY_ADMIN' and u.company_id = a.handler_company_id)
				  or (u.role = 'STAFF' and u.staff_id in (select stc.staff_id from staff_compound stc join staff s on s.id = stc.staff_id
				                                          where s.company_id = a.handler_company_id and stc.compound_id = a.compound_id)))""")
			.param("id", id).query(String.class).list();
	}

	java.util.Map<String, Long> inboxByUser(long id) {
		var out = new java.util.TreeMap<String, Long>();
		jdbc.sql("select u.username, count(*) from inbox_message m join app_user u on u.id = m.user_id where m.appeal_id = :id group by u.username")
			.param("id", id).query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
		return out;
	}

	java.util.List<String> titles(long id, String username) {
		return jdbc.sql("""
				select m.title from inbox_message m join app_user u on u.id = m.user_id where m.appeal_id = :id and u.username = :u order by m.id""")
			.param("id", id).param("u", username).query(String.class).list();
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
		var board = api.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/appeals/board?size=500")
			.header("Authorization", "Bearer " + community)).andReturn());
		assertThat(board.findValues("id").stream().map(n -> n.asLong()).toList()).contains(id);
		// the community confirms it was in fact solved: closed, counted as solved but not as satisfied
		api.actOk(community, id, "confirm", "{\"note\":\"现场核实已清运，居民要求每日两次超出合同约定\"}");
		assertThat(jdbc.sql("select status || '/' || closed_reason || '/' || confirmed_solved || '/' || rating from appeal where id = :id")
			.param("id", id).query(String.class).single()).isEqualTo("CLOSED/CONFIRMED/true/DISSATISFIED");
		assertThat(jdbc.sql("select next_escalation_at is null from appeal where id = :id").param("id", id).query(Boolean.class).single())
			.as("no clock runs for a closed appeal").isTrue();
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

		// the resident is told of 签收 and of what the handler needs from it; the handler only of the new appeal
		listenersHaveRun();
		assertThat(titles(id, "resident")).containsExactly("您的诉求有新进展：诉求 #" + id, "承办单位需要您配合：诉求 #" + id);
		assertThat(jdbc.sql("""
				select m.body from inbox_message m join app_user u on u.id = m.user_id
				where m.appeal_id = :id and u.username = 'resident' and m.title like '承办单位需要您配合%'""").param("id", id).query(String.class)
			.single()).isEqualTo("需入户查看，居民周末在家（办理计时已暂停，配合完成后恢复）");
		var expected = new java.util.TreeMap<String, Long>();
		expected.put("resident", 2L);
		handlerUsers(id).forEach(u -> expected.put(u, 1L));
		assertThat(inboxByUser(id)).isEqualTo(expected);
	}

	@Test
	void theCompanyAssignsAStaffMemberWhoIsToldAndWorksOnIt() throws Exception {
		long id = api.raiseRepair(resident, "FACILITY", "5号楼门口的路灯不亮了");
		String company = TestApi.token(mvc, json, "company");
		api.actOk(company, id, "accept", null);
		long staffId = jdbc.sql("select staff_id from app_user where username = 'staff'").query(Long.class).single();
		String staffName = jdbc.sql("select name from staff where id = :s").param("s", staffId).query(String.class).single();

		// only a member of the company serving this compound may be assigned
		long elsewhere = jdbc.sql("""
				select s.id from staff s where s.company_id <> (select handler_company_id from appeal where id = :id) order by s.id limit 1""")
			.param("id", id).query(Long.class).single();
		var refused = api.act(company, id, "assign", "{\"staffId\":" + elsewhere + "}");
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(refused).get("detail").asString()).isEqualTo("只能指派本企业服务该小区的人员");
		// the resident sees its appeal, but assigning is not an action its role takes
		assertThat(api.act(resident, id, "assign", "{\"staffId\":" + staffId + "}").getResponse().getStatus()).isEqualTo(403);
		assertThat(api.status(id)).isEqualTo("ACCEPTED");

		var assigned = api.actOk(company, id, "assign", "{\"staffId\":" + staffId + "}");
		assertThat(assigned.get("row").get("status").asString()).as("assigning an accepted appeal takes it into work").isEqualTo("IN_PROGRESS");
		assertThat(jdbc.sql("select assignee_staff_id from appeal where id = :id").param("id", id).query(Long.class).single()).isEqualTo(staffId);
		var timeline = assigned.get("timeline");
		var last = timeline.get(timeline.size() - 1);
		assertThat(last.get("action").asString()).isEqualTo("ASSIGNED");
		assertThat(last.get("note").asString()).isEqualTo("指派给 " + staffName);

		// the assignee, and nobody else, is told it was assigned; then it resolves the appeal itself
		listenersHaveRun();
		assertThat(jdbc.sql("""
				select u.username from inbox_message m join app_user u on u.id = m.user_id where m.appeal_id = :id and m.title = :t""")
			.param("id", id).param("t", "您被指派办理 诉求 #" + id).query(String.class).list()).containsExactly("staff");
		assertThat(jdbc.sql("""
				select m.body from inbox_message m join app_user u on u.id = m.user_id where m.appeal_id = :id and u.username = 'staff'
				and m.title like '您被指派办理%'""").param("id", id).query(String.class).single()).isEqualTo("指派给 " + staffName);
		api.actOk(staff, id, "resolve", "{\"result\":\"已更换路灯灯头\"}");
		assertThat(api.status(id)).isEqualTo("RESOLVED");
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
