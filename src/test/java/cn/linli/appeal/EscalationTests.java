package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

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
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.shared.security.Role;
import cn.linli.appeal.supervision.EscalationSweep;

/** 督办 with one-minute clocks: company → community → street → district → city, and nothing fires twice. */
@LinliTest
class EscalationTests {

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
	@Autowired
	UserAdministration users;

	AppealApi api;
	String resident;
	String city;

	@BeforeEach
	void oneMinuteClocks() throws Exception {
		api = new AppealApi(mvc, json, jdbc);
		resident = TestApi.token(mvc, json, "resident");
		city = TestApi.token(mvc, json, "city");
		var r = mvc.perform(put("/api/v1/sla-policies").header("Authorization", "Bearer " + city).contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\":\"GOVERNANCE\",\"urgency\":\"NORMAL\",\"acceptMinutes\":1,\"resolveMinutes\":1,\"superviseMinutes\":1}"))
			.andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
	}

	@AfterEach
	void restore() {
		clock.reset();
		jdbc.sql("delete from sla_policy where region_code = '3710' and category = 'GOVERNANCE'").update();
	}

	long raiseGovernanceAppeal(String text) throws Exception {
		var r = api.raise(resident, """
				{"kind":"COMPLAINT","category":"GOVERNANCE","body":"%s","compoundId":%d}""".formatted(text, api.showcaseCompound()));
		assertThat(r.getResponse().getStatus()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}

	List<Long> board(String token, boolean all) throws Exception {
		var r = mvc.perform(get("/api/v1/appeals/board?size=500" + (all ? "&all=true" : "")).header("Authorization", "Bearer " + token)).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		return api.read(r).findValues("id").stream().map(n -> n.asLong()).toList();
	}

	void minutePasses() {
		clock.advance(Duration.ofSeconds(61));
		sweep.sweep();
	}

	@Test
	void escalatesThroughAllFiveTiersWithOneMinuteClocks() throws Exception {
		long id = raiseGovernanceAppeal("业委会换届一直拖着不开业主大会，公共收益去向不明");
		assertThat(jdbc.sql("select accept_minutes from appeal where id = :id").param("id", id).query(Integer.class).single()).isEqualTo(1);
		String community = TestApi.token(mvc, json, "community");
		String street = TestApi.token(mvc, json, "street");
		String district = TestApi.token(mvc, json, "district");
		String otherStreet = otherStreetOfficer();

		assertThat(board(community, false)).doesNotContain(id);
		minutePasses();
		assertThat(api.level(id)).isEqualTo("COMMUNITY");
		assertThat(board(community, false)).contains(id);
		assertThat(board(street, false)).doesNotContain(id);

		minutePasses();
		assertThat(api.level(id)).isEqualTo("STREET");
		assertThat(board(street, false)).contains(id);
		assertThat(board(otherStreet, false)).as("another street never sees this street's board").doesNotContain(id);
		assertThat(board(otherStreet, true)).doesNotContain(id);
		assertThat(api.detail(otherStreet, id).getResponse().getStatus()).isEqualTo(404);

		minutePasses();
		assertThat(api.level(id)).isEqualTo("DISTRICT");
		assertThat(board(district, false)).contains(id);
		minutePasses();
		assertThat(api.level(id)).isEqualTo("CITY");
		assertThat(board(city, false)).contains(id);
		minutePasses();
		minutePasses();
		assertThat(api.level(id)).as("the city is the top").isEqualTo("CITY");

		assertThat(api.status(id)).as("the handler stays responsible").isEqualTo("SUBMITTED");
		var notes = jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'ESCALATED' order by id").param("id", id)
			.query(String.class).list();
		// the wording of EscalationSweep.SWEEP: the clock that ran out, then the level it climbed to
		assertThat(notes).containsExactly("签收时限已到，升级至社区督办", "社区督办时限已到，升级至街道督办", "街道督办时限已到，升级至区县住建局督办",
				"区县住建局督办时限已到，升级至市住建局督办");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'appeal.escalated' and subject_id = :id").param("id", String.valueOf(id))
			.query(Long.class).single()).isEqualTo(4);
		assertThat(jdbc.sql("select escalations from appeal where id = :id").param("id", id).query(Integer.class).single()).isEqualTo(4);

		// each level that received it was told; the company was told it is being supervised
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select count(distinct u.username) from inbox_message m join app_user u on u.id = m.user_id
				where m.appeal_id = :id and u.username in ('community', 'street', 'district', 'city', 'company')""").param("id", id)
			.query(Long.class).single()).isEqualTo(5));

		// the staff still has it in its queue, overdue, among the nearest deadlines first
		String staff = TestApi.token(mvc, json, "staff");
		var queue = api.read(mvc.perform(get("/api/v1/appeals/queue").param("size", "500").header("Authorization", "Bearer " + staff)).andReturn()).get("content");
		var row = queue.values().stream().filter(n -> n.get("id").asLong() == id).findFirst().orElseThrow();
		assertThat(row.get("overdue").asBoolean()).as("the city's minute ran out too").isTrue();
		var handlerDue = queue.values().stream().filter(n -> !n.get("handlerDue").isNull())
			.map(n -> java.time.Instant.parse(n.get("handlerDue").asString())).toList();
		assertThat(handlerDue).as("nearest handler deadline first").isSorted();
		assertThat(queue.values().stream().dropWhile(n -> !n.get("handlerDue").isNull()).allMatch(n -> n.get("handlerDue").isNull()))
			.as("appeals without a handler deadline last").isTrue();
	}

	@Test
	void resolveClockRunningOutEscalatesAndSupervisorOrderRestartsTheLevelClock() throws Exception {
		long id = raiseGovernanceAppeal("业委会不公开账目");
		String staff = TestApi.token(mvc, json, "staff");
		api.actOk(staff, id, "accept", null);
		clock.advance(Duration.ofSeconds(30));
		sweep.sweep();
		assertThat(api.level(id)).isEqualTo("HANDLER");
		minutePasses();
		assertThat(api.level(id)).isEqualTo("COMMUNITY");
		assertThat(jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", id).query(String.class)
			.single()).contains("办结时限");
		String community = TestApi.token(mvc, json, "community");
		clock.advance(Duration.ofSeconds(40));
		api.actOk(community, id, "order", "{\"note\":\"请于今日内公开账目\"}");
		clock.advance(Duration.ofSeconds(40));
		sweep.sweep();
		assertThat(api.level(id)).as("the order gave the level a new minute").isEqualTo("COMMUNITY");
		clock.advance(Duration.ofSeconds(30));
		sweep.sweep();
		assertThat(api.level(id)).isEqualTo("STREET");
		api.actOk(staff, id, "resolve", "{\"result\":\"已在公告栏公开近三年账目\"}");
		minutePasses();
		assertThat(api.level(id)).as("a resolved appeal does not climb").isEqualTo("STREET");
	}

	@Test
	void anAppealTheCommunityRedispatchedOutsideThePlatformGoesStraightToTheStreet() throws Exception {
		long id = raiseGovernanceAppeal("小区供暖管道漏水");
		String staff = TestApi.token(mvc, json, "staff");
		String community = TestApi.token(mvc, json, "community");
		api.actOk(staff, id, "reject-route", "{\"reason\":\"属供热公司管网，不在物业服务范围\"}");
		assertThat(api.status(id)).isEqualTo("REJECTED_ROUTE");
		api.actOk(community, id, "redispatch", "{\"external\":\"区供热办\",\"note\":\"转供热办\"}");
		assertThat(jdbc.sql("select handler_kind from appeal where id = :id").param("id", id).query(String.class).single()).isEqualTo("EXTERNAL");
		assertThat(api.act(staff, id, "accept", null).getResponse().getStatus()).as("the company is no longer the handler").isEqualTo(404);
		minutePasses();
		assertThat(api.level(id)).isEqualTo("STREET");
	}

	@Test
	void aLevelBelowTheOneSupervisingCannotStopItsClockNorCanAHandlerSuperviseItself() throws Exception {
		// both raised before the clock moves: an appeal dated in the test clock's future would fall into later tests' periods
		long id = raiseGovernanceAppeal("电梯年检合格证过期未更换");
		long own = raiseGovernanceAppeal("小区门口市政井盖松动");
		String community = TestApi.token(mvc, json, "community");
		String street = TestApi.token(mvc, json, "street");
		minutePasses();
		minutePasses();
		assertThat(api.level(id)).isEqualTo("STREET");
		var held = api.act(community, id, "order", "{\"note\":\"请尽快更换\"}");
		assertThat(held.getResponse().getStatus()).as("the community must not restart the street's clock").isEqualTo(403);
		assertThat(api.read(held).get("detail").asString()).contains("街道");
		assertThat(api.act(community, id, "reassign", "{\"external\":\"区市场监管局\"}").getResponse().getStatus()).isEqualTo(403);
		String page = mvc.perform(get("/appeals/" + id).with(user("community"))).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("已升级至街道督办").doesNotContain("下达督办令").contains("督办意见");
		assertThat(mvc.perform(get("/appeals/" + id).with(user("street"))).andReturn().getResponse().getContentAsString()).contains("下达督办令");
		assertThat(api.act(community, id, "supervise", "{\"note\":\"社区已电话催办\"}").getResponse().getStatus())
			.as("a note is still welcome").isEqualTo(200);
		api.actOk(street, id, "order", "{\"note\":\"三日内更换合格证\"}");
		minutePasses();
		assertThat(api.level(id)).isEqualTo("DISTRICT");

		// the community handling an appeal itself (sent outside the platform) does not supervise, or close, its own work
		api.actOk(TestApi.token(mvc, json, "staff"), own, "reject-route", "{\"reason\":\"市政设施\"}");
		api.actOk(community, own, "redispatch", "{\"external\":\"区市政园林局\"}");
		assertThat(api.act(community, own, "order", "{\"note\":\"x\"}").getResponse().getStatus()).isEqualTo(403);
		assertThat(api.act(community, own, "reassign", "{\"external\":\"别的部门\"}").getResponse().getStatus()).isEqualTo(403);
		api.actOk(city, own, "order", "{\"note\":\"社区跟进市政园林局处理\"}");
	}

	@Test
	void aCommunityLateToRedispatchIsSkippedOnTheWayUp() throws Exception {
		long id = raiseGovernanceAppeal("小区围墙外的路灯坏了");
		api.actOk(TestApi.token(mvc, json, "staff"), id, "reject-route", "{\"reason\":\"市政路灯，不在小区内\"}");
		minutePasses();
		assertThat(api.level(id)).as("the community is the one that is late").isEqualTo("STREET");
		assertThat(jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", id).query(String.class)
			.single()).isEqualTo("重新派单时限已到，升级至街道督办");
	}

	@Test
	void twoSweepsRunningAtOnceEscalateEachAppealOnce() throws Exception {
		var ids = new ArrayList<Long>();
		for (int i = 0; i < 30; i++) {
			ids.add(raiseGovernanceAppeal("第" + i + "次反映：业主大会表决结果未公示"));
		}
		clock.advance(Duration.ofSeconds(61));
		// frozen, so that what is due when counted is what is due when both sweeps read
		clock.freeze();
		var now = java.sql.Timestamp.from(clock.instant());
		long due = jdbc.sql(EscalationSweepTests.DUE).param("now", now).query(Long.class).single();
		assertThat(jdbc.sql("select count(*) from appeal where id in (:ids) and next_escalation_at <= :now").param("ids", ids).param("now", now)
			.query(Long.class).single()).as("all 30 are among them").isEqualTo(30);
		var pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> run = sweep::sweep;
			var a = pool.submit(run);
			var b = pool.submit(run);
			assertThat(a.get() + b.get()).as("between them, every due appeal once").isEqualTo(due);
		}
		finally {
			pool.shutdown();
		}
		for (long id : ids) {
			assertThat(jdbc.sql("select escalations from appeal where id = :id").param("id", id).query(Integer.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", id)
				.query(Long.class).single()).isEqualTo(1);
		}
		assertThat(sweep.sweep()).as("nothing left due").isZero();
	}

	@Test
	void onlyCityAndDistrictSetClocksAndOneMinuteIsTheShortest() throws Exception {
		String street = TestApi.token(mvc, json, "street");
		var refused = mvc.perform(put("/api/v1/sla-policies").header("Authorization", "Bearer " + street).contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\":\"PARKING\",\"urgency\":\"NORMAL\",\"acceptMinutes\":5,\"resolveMinutes\":5,\"superviseMinutes\":5}")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(403);
		var zero = mvc.perform(put("/api/v1/sla-policies").header("Authorization", "Bearer " + city).contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\":\"PARKING\",\"urgency\":\"NORMAL\",\"acceptMinutes\":0,\"resolveMinutes\":5,\"superviseMinutes\":5}")).andReturn();
		assertThat(zero.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(zero).get("detail").asString()).contains("1 到");

		// a district override wins over the city inside the district only
		String district = TestApi.token(mvc, json, "district");
		var ok = mvc.perform(put("/api/v1/sla-policies").header("Authorization", "Bearer " + district).contentType(MediaType.APPLICATION_JSON)
			.content("{\"category\":\"GOVERNANCE\",\"urgency\":\"NORMAL\",\"acceptMinutes\":7,\"resolveMinutes\":8,\"superviseMinutes\":9}")).andReturn();
		assertThat(ok.getResponse().getStatus()).isEqualTo(200);
		try {
			long id = raiseGovernanceAppeal("业委会成员名单未公示");
			assertThat(jdbc.sql("select accept_minutes || '/' || resolve_minutes || '/' || supervise_minutes from appeal where id = :id").param("id", id)
				.query(String.class).single()).isEqualTo("7/8/9");
		}
		finally {
			jdbc.sql("delete from sla_policy where region_code = '371002' and category = 'GOVERNANCE'").update();
		}
	}

	private String otherStreetOfficer() throws Exception {
		String showcaseStreet = jdbc.sql("select substr(community_code, 1, 9) from compound where id = :c").param("c", api.showcaseCompound())
			.query(String.class).single();
		String other = jdbc.sql("select code from region where code like '371002%' and length(code) = 9 and code <> :s order by code limit 1")
			.param("s", showcaseStreet).query(String.class).single();
		if (jdbc.sql("select count(*) from app_user where username = 'street-other'").query(Long.class).single() == 0) {
			users.create(new NewUser("street-other", "另一街道", Role.STREET, other, null, null, null, null), LinliTest.PASSWORD);
		}
		return TestApi.token(mvc, json, "street-other");
	}
}
