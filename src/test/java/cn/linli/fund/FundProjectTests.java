package cn.linli.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;
import cn.linli.appeal.FreshCompound;
import cn.linli.fund.ledger.FundReconciliation;
import cn.linli.fund.ledger.KeepingTheFund;
import cn.linli.fund.project.UsingTheFund;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.Shares;
import cn.linli.shared.security.Actor;

/**
 * Using the fund: a normal project from its proposal through the posted plan, the benefiting
 * houses' vote (nothing paid before it passed), approval with 70 %, acceptance and settlement
 * shared exactly by area; an emergency reported with photos, confirmed on site by the other party,
 * escalated when its approval is late, and settled with the developer's share; who may do what.
 */
@LinliTest
class FundProjectTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	RegisteringCompounds compounds;
	@Autowired
	RegisteringHouses houses;
	@Autowired
	RecordingContracts contracts;
	@Autowired
	UserAdministration users;
	@Autowired
	FilingCommittees committees;
	@Autowired
	KeepingTheFund fund;
	@Autowired
	UsingTheFund using;
	@Autowired
	FundReconciliation reconciliation;
	@Autowired
	CountingTheVote counting;
	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	MockHttpServletResponse call(String user, String method, String path, String body) throws Exception {
		var request = method.equals("GET") ? get(path) : post(path).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
		return mvc.perform(request.header("Authorization", "Bearer " + TestApi.token(mvc, json, user))).andReturn().getResponse();
	}

	MockHttpServletResponse form(String user, String path, Map<String, String> fields, MockMultipartFile... files) throws Exception {
		var request = multipart(path);
		for (var f : files) {
			request.file(f);
		}
		fields.forEach(request::param);
		return mvc.perform(request.header("Authorization", "Bearer " + TestApi.token(mvc, json, user))).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse r) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isBetween(200, 201);
		return json.readTree(r.getContentAsString());
	}

	int status(MockHttpServletResponse r) {
		return r.getStatus();
	}

	Actor cityBureau() {
		long cityUser = jdbc.sql("select id from app_user where username = 'city'").query(Long.class).single();
		return new Actor(cityUser, "city", "威海市住房和城乡建设局", Fixtures.weihai());
	}

	FreshCompound funded(String name, int flats) {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, name + System.nanoTime() % 100000, 30, "3000.00", flats);
		fund.open(cityBureau(), x.id());
		fund.deposit(cityBureau(), x.id(), new KeepingTheFund.Deposits(Map.of(HouseKind.RESIDENTIAL, 10_000L), "PRJ-D-" + x.id(), ""));
		return x;
	}

	static MockMultipartFile pdf(String name) {
		return new MockMultipartFile("files", name, "application/pdf", "%PDF-1.4 document".getBytes());
	}

	long balance(long house) {
		return jdbc.sql("select balance_fen from fund_ledger where house_id = :h").param("h", house).query(Long.class).single();
	}

	@Test
	void aNormalProjectIsPostedVotedApprovedAcceptedAndSettledExactlyByArea() throws Exception {
		var x = funded("维修项目小区", 3);
		String committee = x.committee(committees, users);
		// each flat: 95.37 m² at ¥100 → ¥9,537.00
		assertThat(balance(x.houses().get(0))).isEqualTo(953_700);
		String base = "/api/v1/fund/compounds/" + x.id();
		var refused = form("company", base + "/projects", Map.of("title", "1单元屋面防水", "reason", "", "budgetFen", "12.5", "scope", "HOUSES"));
		assertThat(status(refused)).isEqualTo(400);
		var incomplete = form("company", base + "/projects", Map.of("title", "1单元屋面防水", "reason", "", "budgetFen", "1000001", "scope", "HOUSES"));
		assertThat(status(incomplete)).isEqualTo(400);
		assertThat(incomplete.getContentAsString()).contains("请说明维修原因", "请选择受益房屋", "165号令第二十五条");

		// the company proposes for the two flats under the leaking roof
		var fields = new java.util.HashMap<>(Map.of("title", "1单元屋面防水", "reason", "顶层渗漏，防水层老化", "budgetFen", "1000001", "scope", "HOUSES",
				"quotes", "威海某防水公司 10,000.01 元", "notExcluded", "true"));
		var request = multipart(base + "/projects").file(pdf("报价单.pdf"));
		fields.forEach(request::param);
		request.param("houseIds", String.valueOf(x.houses().get(0)), String.valueOf(x.houses().get(1)));
		var proposed = ok(mvc.perform(request.header("Authorization", "Bearer " + TestApi.token(mvc, json, "company"))).andReturn().getResponse());
		long project = proposed.get("id").asLong();
		assertThat(proposed.get("status").asString()).isEqualTo("PLAN_POSTED");
		assertThat(proposed.get("houses").asInt()).isEqualTo(2);
		assertThat(proposed.get("files").get(0).get("purpose").asString()).isEqualTo("QUOTE");
		await().atMost(Duration.ofSeconds(10)).until(() -> notices(x.id()).stream().anyMatch(t -> t.startsWith("维修资金使用方案公示")));

		// the vote gate and the posting period
		assertThat(status(call("city", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"PAY-A-" + project + "\"}")))
			.as("nothing is paid before the vote passed").isEqualTo(409);
		var early = call(committee, "POST", "/api/v1/fund/projects/" + project + "/vote", voteTimes());
		assertThat(status(early)).isEqualTo(409);
		assertThat(early.getContentAsString()).contains("公示不满 7 天");
		clock.advance(Duration.ofDays(7).plusMinutes(1));
		assertThat(status(call("company", "POST", "/api/v1/fund/projects/" + project + "/vote", voteTimes()))).as("the committee convenes").isEqualTo(403);
		var voting = ok(call(committee, "POST", "/api/v1/fund/projects/" + project + "/vote", voteTimes()));
		long motion = voting.get("motionId").asLong();
		ok(call("community", "POST", "/api/v1/motions/" + motion + "/publish", null));
		assertThat(jdbc.sql("select roll_head from motion where id = :m").param("m", motion).query(Long.class).single())
			.as("the roll is the benefiting houses").isEqualTo(2);
		assertThat(status(call(x.residents().get(2), "POST", "/api/v1/motions/" + motion + "/ballots", "{\"choice\": \"AGREE\"}")))
			.as("a house that does not benefit has no vote").isEqualTo(403);
		ok(call(x.residents().get(0), "POST", "/api/v1/motions/" + motion + "/ballots", "{\"choice\": \"AGREE\"}"));
		ok(call(x.residents().get(1), "POST", "/api/v1/motions/" + motion + "/ballots", "{\"choice\": \"AGREE\"}"));
		assertThat(status(call("city", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"PAY-A-" + project + "\"}")))
			.as("nor while the vote is open").isEqualTo(409);
		clock.advance(Duration.ofHours(2));
		counting.closeDue();
		await().atMost(Duration.ofSeconds(10)).until(() -> "PASSED".equals(projectStatus(project)));

		// approval: 70 % of ¥10,000.01 = 700,000.7 → 700,000 fen, shared by area between two equal flats
		assertThat(status(call("street", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"PAY-A-" + project + "\"}")))
			.isEqualTo(403);
		var approved = ok(call("city", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"PAY-A-" + project + "\"}"));
		assertThat(approved.get("payments").get(0).get("amountFen").asLong()).isEqualTo(700_000);
		assertThat(balance(x.houses().get(0)) + balance(x.houses().get(1))).isEqualTo(2 * 953_700 - 700_000);
		assertThat(balance(x.houses().get(2))).as("the third flat does not pay").isEqualTo(953_700);
		assertThat(reconciliation.check().differences()).isEmpty();

		int version = approved.get("version").asInt();
		assertThat(status(call("city", "POST", "/api/v1/fund/projects/" + project + "/settlement",
				"{\"settledFen\": 950000, \"document\": \"PAY-F-" + project + "\"}"))).as("settled only after acceptance").isEqualTo(409);
		var accepted = ok(form(committee, "/api/v1/fund/projects/" + project + "/acceptance",
				Map.of("note", "防水层已重做，闭水试验 48 小时无渗漏", "version", String.valueOf(version)), pdf("验收记录.pdf")));
		assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(status(call("city", "POST", "/api/v1/fund/projects/" + project + "/settlement",
				"{\"settledFen\": 1000002, \"document\": \"PAY-F-" + project + "\"}"))).as("no more than the budget voted").isEqualTo(400);
		var settled = ok(call("city", "POST", "/api/v1/fund/projects/" + project + "/settlement",
				"{\"settledFen\": 950001, \"document\": \"PAY-F-" + project + "\"}"));
		assertThat(settled.get("status").asString()).isEqualTo("SETTLED");
		// every house's total is its share of the settled cost, exactly; the odd fen to the smaller id of equal areas
		var expected = Shares.split(950_001, List.of(new Shares.Party(String.valueOf(x.houses().get(0)), 9_537),
				new Shares.Party(String.valueOf(x.houses().get(1)), 9_537)));
		var shares = ok(call(x.residents().get(0), "GET", "/api/v1/fund/projects/" + project + "/shares", null)).get("content");
		var paid = new ArrayList<Long>();
		shares.forEach(s -> paid.add(s.get("paidFen").asLong()));
		assertThat(paid).containsExactly(expected.get(0).share(), expected.get(1).share());
		assertThat(paid.get(0) + paid.get(1)).isEqualTo(950_001);
		assertThat(balance(x.houses().get(0))).isEqualTo(953_700 - expected.get(0).share());
		assertThat(reconciliation.check().differences()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> notices(x.id()).stream().anyMatch(t -> t.startsWith("维修资金使用结算公示")));
		assertThat(jdbc.sql("select extract(day from posted_until - posted_at)::int from notice where source = :s").param("s", "fund_project:" + project + ":settlement")
			.query(Integer.class).single()).isEqualTo(5);
		var ledger = ok(call(x.residents().get(0), "GET", "/api/v1/fund/houses/" + x.houses().get(0) + "/ledger", null));
		assertThat(ledger.get("entries").get(0).get("kind").asString()).isEqualTo("USE");
		assertThat(ledger.get("entries").get(0).get("document").asString()).isEqualTo("PAY-F-" + project);
		assertThat(jdbc.sql("select count(*) from audit_log where subject_type = 'fund_project' and subject_id = :p").param("p", String.valueOf(project))
			.query(Long.class).single()).as("proposed, voting, passed, approved, accepted, settled").isEqualTo(6);
	}

	@Test
	void anEmergencyIsConfirmedOnSiteEscalatedWhenLateAndTheDeveloperPaysForItsUnit() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "应急维修小区" + System.nanoTime() % 100000, 30, "3000.00", 2);
		String committee = x.committee(committees, users);
		long building = jdbc.sql("select building_id from house where id = :h").param("h", x.houses().get(0)).query(Long.class).single();
		var unsold = houses.registerHouse(Fixtures.weihai(), building,
				new HouseDetails("2单元", "201", Area.parse("60.05"), AreaSource.REGISTRY, HouseKind.RESIDENTIAL, true, null));
		fund.open(cityBureau(), x.id());
		fund.deposit(cityBureau(), x.id(), new KeepingTheFund.Deposits(Map.of(HouseKind.RESIDENTIAL, 10_000L), "EM-D-" + x.id(), ""));
		String base = "/api/v1/fund/compounds/" + x.id();
		var fields = Map.of("title", "电梯困人后更换曳引机", "reason", "1号楼电梯曳引机故障，困人", "hazard", "LIFT", "budgetFen", "800000", "notExcluded",
				"true", "affectedOwners", "住户1、住户2");
		var noPhoto = form("company", base + "/emergencies", fields);
		assertThat(status(noPhoto)).isEqualTo(400);
		assertThat(noPhoto.getContentAsString()).contains("须附现场照片");
		var photo = new MockMultipartFile("files", "现场.png", "image/png", png());
		var reported = ok(form("company", base + "/emergencies", fields, photo));
		long project = reported.get("id").asLong();
		assertThat(reported.get("status").asString()).isEqualTo("REPORTED");
		assertThat(status(call("city", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"EM-A-" + project + "\"}")))
			.as("not before the joint confirmation").isEqualTo(409);
		assertThat(status(call("company", "POST", "/api/v1/fund/projects/" + project + "/confirm", null))).as("the reporter cannot confirm itself")
			.isEqualTo(403);
		var confirmed = ok(call(committee, "POST", "/api/v1/fund/projects/" + project + "/confirm", null));
		assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(Duration.between(java.time.Instant.parse(confirmed.get("confirmedAt").asString()),
				java.time.Instant.parse(confirmed.get("approvalDue").asString()))).isEqualTo(Duration.ofHours(24));

		// the bureau lets the clock run out: the city's bureau is told
		clock.advance(Duration.ofHours(25));
		assertThat(using.escalateLate()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select escalation_level from fund_project where id = :p").param("p", project).query(Integer.class).single()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = 'city' and m.title = :t""")
			.param("t", "维修资金使用待办：电梯困人后更换曳引机").query(Long.class).single() > 0);

		long before = balance(unsold.id());
		ok(call("city", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"EM-A-" + project + "\"}"));
		ok(form("community", "/api/v1/fund/projects/" + project + "/acceptance", Map.of("note", "曳引机已更换，特种设备检验合格")));
		ok(call("city", "POST", "/api/v1/fund/projects/" + project + "/settlement", "{\"settledFen\": 790000, \"document\": \"EM-F-" + project + "\"}"));
		var split = Shares.split(790_000, List.of(new Shares.Party(String.valueOf(x.houses().get(0)), 9_537),
				new Shares.Party(String.valueOf(x.houses().get(1)), 9_537), new Shares.Party(String.valueOf(unsold.id()), 6_005)));
		assertThat(before - balance(unsold.id())).as("the developer's unit bears its share of the whole compound's cost").isEqualTo(split.get(2).share());
		assertThat(jdbc.sql("""
				select distinct e.payer from fund_entry e join fund_posting p on p.id = e.posting_id where p.project_id = :p and e.house_id = :h""")
			.param("p", project).param("h", unsold.id()).query(String.class).list()).containsExactly("DEVELOPER");
		assertThat(reconciliation.check().differences()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> notices(x.id()).stream().anyMatch(t -> t.equals("维修资金使用结算公示：电梯困人后更换曳引机")));
	}

	@Test
	void aPaymentThatTakesALedgerBelowThirtyPerCentAsksItsOwnersToTopUp() throws Exception {
		var x = funded("续交小区", 2);
		String committee = x.committee(committees, users);
		var fields = Map.of("title", "消防水泵更换", "reason", "消防水泵损坏", "hazard", "FIRE", "budgetFen", "2000000", "notExcluded", "true",
				"affectedOwners", "住户1");
		long project = ok(form("company", "/api/v1/fund/compounds/" + x.id() + "/emergencies", fields,
				new MockMultipartFile("files", "泵房.png", "image/png", png()))).get("id").asLong();
		ok(call(committee, "POST", "/api/v1/fund/projects/" + project + "/confirm", null));
		// 70 % of ¥20,000 is ¥14,000, ¥7,000 a flat: ¥2,537 of the first ¥9,537 is left, 26.6 %
		ok(call("city", "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"TOPUP-" + project + "\"}"));
		var ledger = ok(call(x.residents().get(0), "GET", "/api/v1/fund/houses/" + x.houses().get(0) + "/ledger", null));
		assertThat(ledger.get("balanceFen").asLong()).isEqualTo(253_700);
		assertThat(ledger.get("low").asBoolean()).isTrue();
		for (String owner : x.residents()) {
			await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
					select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = :u and m.title = '维修资金续交提醒'""")
				.param("u", owner).query(Long.class).single() == 1);
		}
		assertThat(cn.linli.fund.ledger.TopUp.due(953_700, 286_110)).as("exactly 30 % is not below it").isFalse();
		assertThat(cn.linli.fund.ledger.TopUp.due(953_700, 286_109)).isTrue();
	}

	@Test
	void incomeIsSharedByBalanceAndALostHouseIsRefundedAndSharesNoMore() throws Exception {
		var x = funded("灭失小区", 3);
		// the assembly puts ¥100.01 of common income into the fund: by balance, three equal ledgers, the odd fen to the smallest id
		var income = ok(call("city", "POST", "/api/v1/fund/compounds/" + x.id() + "/income", "{\"amount\": 10001, \"document\": \"INC-" + x.id() + "\"}"));
		assertThat(income.get("houses").asInt()).isEqualTo(3);
		assertThat(balance(x.houses().get(0))).isEqualTo(953_700 + 3_334);
		assertThat(status(call("company", "POST", "/api/v1/fund/houses/" + x.houses().get(2) + "/refund", "{\"document\": \"R\", \"note\": \"拆除\"}")))
			.isEqualTo(403);
		assertThat(status(call("city", "POST", "/api/v1/fund/houses/" + x.houses().get(2) + "/refund", "{\"document\": \"RF-" + x.id() + "\"}")))
			.as("the loss must be stated").isEqualTo(400);
		var refund = ok(call("city", "POST", "/api/v1/fund/houses/" + x.houses().get(2) + "/refund",
				"{\"document\": \"RF-" + x.id() + "\", \"note\": \"103 室因火灾灭失，经鉴定不再重建\"}"));
		assertThat(refund.get("amountFen").asLong()).isEqualTo(-(953_700 + 3_333));
		assertThat(balance(x.houses().get(2))).isZero();
		assertThat(status(call("city", "POST", "/api/v1/fund/houses/" + x.houses().get(2) + "/refund",
				"{\"document\": \"RF2-" + x.id() + "\", \"note\": \"again\"}"))).isEqualTo(409);
		ok(call("city", "POST", "/api/v1/fund/compounds/" + x.id() + "/interest", "{\"amount\": 1000, \"document\": \"INT-L-" + x.id() + "\"}"));
		assertThat(balance(x.houses().get(2))).as("a closed ledger earns no interest").isZero();
		long project = ok(form("company", "/api/v1/fund/compounds/" + x.id() + "/projects", Map.of("title", "围墙修补", "reason", "围墙倒塌",
				"budgetFen", "50000", "notExcluded", "true"))).get("houses").asLong();
		assertThat(project).as("nor any cost").isEqualTo(2);
		assertThat(reconciliation.check().differences()).isEmpty();
	}

	@Test
	void everyRoleSeesAndActsOnTheProjectsOfItsScopeOnly() throws Exception {
		var x = funded("项目权限小区", 2);
		String committee = x.committee(committees, users);
		String[][] expected = {
				// who, proposing, the list, the project
				{ x.residents().get(0), "403", "200", "200" }, { "resident", "404", "404", "404" }, { committee, "201", "200", "200" },
				{ "committee", "404", "404", "404" }, { "company", "201", "200", "200" }, { "staff", "404", "404", "404" },
				{ "community", "403", "200", "200" }, { "street", "403", "200", "200" }, { "district", "403", "200", "200" },
				{ "city", "403", "200", "200" }, { "admin", "404", "404", "404" } };
		long project = ok(form("company", "/api/v1/fund/compounds/" + x.id() + "/projects", Map.of("title", "外墙修补", "reason", "外墙空鼓",
				"budgetFen", "50000", "notExcluded", "true"))).get("id").asLong();
		for (var row : expected) {
			var proposed = form(row[0], "/api/v1/fund/compounds/" + x.id() + "/projects",
					Map.of("title", "路灯更换", "reason", "路灯损坏", "budgetFen", "20000", "notExcluded", "true"));
			assertThat(status(proposed)).as(row[0] + " proposes").isEqualTo(Integer.parseInt(row[1]));
			assertThat(status(call(row[0], "GET", "/api/v1/fund/compounds/" + x.id() + "/projects", null))).as(row[0] + " lists")
				.isEqualTo(Integer.parseInt(row[2]));
			assertThat(status(call(row[0], "GET", "/api/v1/fund/projects/" + project, null))).as(row[0] + " reads").isEqualTo(Integer.parseInt(row[3]));
			assertThat(status(call(row[0], "POST", "/api/v1/fund/projects/" + project + "/approve", "{\"document\": \"M-" + row[0] + "\"}")))
				.as(row[0] + " approves before the vote").isIn(403, 404, 409);
		}
		assertThat(projectStatus(project)).isEqualTo("PLAN_POSTED");
		assertThat(reconciliation.check().differences()).isEmpty();
	}

	String voteTimes() {
		var now = clock.instant();
		return "{\"opensAt\": \"%s\", \"closesAt\": \"%s\"}".formatted(now.minusSeconds(60), now.plusSeconds(3600));
	}

	String projectStatus(long project) {
		return jdbc.sql("select status from fund_project where id = :p").param("p", project).query(String.class).single();
	}

	List<String> notices(long compound) {
		return jdbc.sql("select title from notice where compound_id = :c order by id").param("c", compound).query(String.class).list();
	}

	static byte[] png() {
		return new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
	}
}
