package cn.linli.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.appeal.FreshCompound;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.Money;
import cn.linli.shared.time.TimeConfiguration;

/**
 * Property fees and common income: the price board (a guided rate outside its float refused) posted
 * on the notice board, bills from it, payments with receipts recorded once, the 物业缴费率 with its
 * counts; the common income's ledger, its quarter's disclosure, and an audit demanded by owners
 * holding 20 % of the area and heads; who sees and does what.
 */
@LinliTest
class FeeTests {

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
	cn.linli.MutableClock clock;
	@Autowired
	cn.linli.governance.counting.CountingTheVote counting;

	@org.junit.jupiter.api.AfterEach
	void resetClock() {
		clock.reset();
	}

	MockHttpServletResponse call(String user, String method, String path, String body) throws Exception {
		var request = method.equals("GET") ? get(path) : post(path).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
		if (user != null) {
			request.header("Authorization", "Bearer " + TestApi.token(mvc, json, user));
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse r) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isBetween(200, 201);
		return json.readTree(r.getContentAsString());
	}

	static final String GUIDED = """
			{"name": "物业服务费", "content": "保洁、秩序维护、绿化养护、共用设施设备日常维护", "standard": "二级服务标准", "billing": "AREA_MONTH",
			 "rateFen": %d, "pricing": "GUIDED", "baseRateFen": 120, "floatPercent": 10, "basis": "威价发〔2024〕12号", "startsOn": "2026-01-01"}""";

	@Test
	void thePriceBoardBillsPaymentsAndTheCollectionRate() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "物业费小区" + System.nanoTime() % 100000, 30, "3000.00", 3);
		String base = "/api/v1/fees/compounds/" + x.id();
		var outside = call("company", "POST", base + "/items", GUIDED.formatted(135));
		assertThat(outside.getStatus()).isEqualTo(400);
		assertThat(outside.getContentAsString()).contains("超出政府指导价的浮动范围");
		assertThat(call(x.residents().get(0), "POST", base + "/items", GUIDED.formatted(130)).getStatus()).isEqualTo(403);
		assertThat(call("resident", "POST", base + "/items", GUIDED.formatted(130)).getStatus()).isEqualTo(404);
		ok(call("company", "POST", base + "/items", GUIDED.formatted(130)));
		ok(call("company", "POST", base + "/items", """
				{"name": "电梯运行费", "content": "电梯运行维护", "standard": "按特种设备规范", "billing": "HOUSE_MONTH", "houseKind": "RESIDENTIAL",
				 "rateFen": 2000, "pricing": "MARKET", "basis": "物业服务合同第五条", "startsOn": "2026-01-01"}"""));
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from notice where compound_id = :c and duty = 'FEES' and body like '%12358%'")
			.param("c", x.id()).query(Long.class).single() >= 2);

		// ¥1.30 × 95.37 m² = ¥123.981 → ¥123.98, plus ¥20 for the lift
		long each = Money.perSquareMetre(130, 9_537) + 2_000;
		assertThat(each).isEqualTo(14_398);
		var issued = ok(call("company", "POST", base + "/bills?month=2026-12", null));
		assertThat(issued.get("bills").asInt()).isEqualTo(3);
		assertThat(issued.get("amountFen").asLong()).isEqualTo(3 * each);
		assertThat(ok(call("company", "POST", base + "/bills?month=2026-12", null)).get("bills").asInt()).as("billed once").isZero();
		var bills = ok(call("company", "GET", base + "/bills?month=2026-12", null)).get("content");
		long first = bills.get(0).get("id").asLong();
		long second = bills.get(1).get("id").asLong();
		var receipt = ok(call("company", "POST", "/api/v1/fees/bills/" + first + "/payments",
				"{\"amountFen\": %d, \"method\": \"TRANSFER\", \"reference\": \"BANK-FEE-%d\"}".formatted(each, first)));
		assertThat(receipt.get("receiptNo").asString()).startsWith("SJ2026");
		assertThat(call("company", "POST", "/api/v1/fees/bills/" + first + "/payments",
				"{\"amountFen\": 1, \"method\": \"TRANSFER\", \"reference\": \"BANK-FEE-%d\"}".formatted(first)).getStatus()).isIn(400, 409);
		ok(call("company", "POST", "/api/v1/fees/bills/" + second + "/payments", "{\"amountFen\": 10000, \"method\": \"CASH\", \"reference\": \"CASH-" + second + "\"}"));
		var over = call("company", "POST", "/api/v1/fees/bills/" + second + "/payments", "{\"amountFen\": 4399, \"method\": \"CASH\", \"reference\": \"CASH2-" + second + "\"}");
		assertThat(over.getStatus()).isEqualTo(400);
		assertThat(over.getContentAsString()).contains("不超过未缴的 43.98 元");
		assertThat(call(x.residents().get(0), "POST", "/api/v1/fees/bills/" + second + "/payments",
				"{\"amountFen\": 1, \"method\": \"CASH\", \"reference\": \"R-" + second + "\"}").getStatus()).isEqualTo(403);

		var rate = ok(call("street", "GET", base + "?month=2026-12", null)).get("thisMonth");
		assertThat(rate.get("billedFen").asLong()).isEqualTo(3 * each);
		assertThat(rate.get("collectedFen").asLong()).isEqualTo(each + 10_000);
		assertThat(rate.get("bills").asLong()).isEqualTo(3);
		assertThat(rate.get("paidBills").asLong()).isEqualTo(1);
		assertThat(rate.get("rate").decimalValue()).isEqualByComparingTo("0.5648");
		assertThat(rate.get("householdRate").decimalValue()).isEqualByComparingTo("0.3333");
		var region = ok(call("street", "GET", "/api/v1/fees/collection?month=2026-12", null));
		assertThat(java.util.stream.StreamSupport.stream(region.spliterator(), false).filter(r -> r.get("compoundId").asLong() == x.id())
			.map(r -> r.get("collection").get("collectedFen").asLong())).containsExactly(each + 10_000);
		assertThat(call("company", "GET", "/api/v1/fees/collection", null).getStatus()).isEqualTo(403);

		// a resident sees its own bill and its payment, not its neighbours'
		var mine = ok(call(x.residents().get(0), "GET", "/api/v1/me/bills", null));
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).get("houseId").asLong()).isEqualTo(x.houses().get(0));
		assertThat(call(x.residents().get(0), "GET", base + "/bills?month=2026-12", null).getStatus()).isEqualTo(403);
		var checkout = call(x.residents().get(0), "POST", "/api/v1/fees/bills/" + second + "/checkout", null);
		assertThat(checkout.getStatus()).as("not its bill").isEqualTo(404);
		var offline = call(x.residents().get(2), "POST", "/api/v1/fees/bills/" + bills.get(2).get("id").asLong() + "/checkout", null);
		assertThat(offline.getStatus()).isEqualTo(409);
		assertThat(offline.getContentAsString()).contains("尚未开通在线缴费");
		var forged = mvc.perform(post("/api/v1/fees/payment-notifications").param("bill", String.valueOf(second)).param("amount", "4398"))
			.andReturn().getResponse();
		assertThat(forged.getStatus()).isEqualTo(200);
		assertThat(json.readTree(forged.getContentAsString()).get("accepted").asBoolean()).as("no gateway believes a notification").isFalse();

		String[][] matrix = { { x.residents().get(1), "200" }, { "resident", "404" }, { "committee", "404" }, { "company", "200" }, { "staff", "404" },
				{ "community", "200" }, { "street", "200" }, { "district", "200" }, { "city", "200" }, { "admin", "404" } };
		for (var row : matrix) {
			assertThat(call(row[0], "GET", base, null).getStatus()).as(row[0]).isEqualTo(Integer.parseInt(row[1]));
		}
		// the public column's money page, for anyone: the board in force and compound-level figures, no house
		var publicPage = mvc.perform(get("/public/compounds/" + x.id() + "/money")).andReturn().getResponse();
		assertThat(publicPage.getStatus()).isEqualTo(200);
		assertThat(publicPage.getContentAsString()).contains("物业服务费", "¥1.30/m²·月", "电梯运行费", "12358").doesNotContain("1单元-101");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'fee.paid' and subject_id in (:a, :b)")
			.param("a", String.valueOf(first)).param("b", String.valueOf(second)).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void commonIncomeIsBookedDisclosedByQuarterAndAuditedWhenOwnersDemandIt() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "公共收益小区" + System.nanoTime() % 100000, 30, "3000.00", 6);
		String committee = x.committee(committees, users);
		var today = LocalDate.now(TimeConfiguration.ZONE);
		var thisQuarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
		var last = thisQuarter.minusMonths(3);
		String base = "/api/v1/income/compounds/" + x.id();
		String entry = """
				{"source": "%s", "description": "%s", "grossFen": %d, "costFen": %d, "contractNo": "HT-%d", "receiptRef": "%s", "receivedOn": "%s"}""";
		ok(call("company", "POST", base + "/entries", entry.formatted("LIFT_AD", "电梯轿厢广告", 1_200_000, 120_000, x.id(), "SK-1-" + x.id(), last.plusDays(10))));
		ok(call("company", "POST", base + "/entries", entry.formatted("PARKING", "地面车位租赁", 3_000_000, 0, x.id(), "SK-2-" + x.id(), last.plusMonths(2))));
		assertThat(call("company", "POST", base + "/entries", entry.formatted("VENUE", "场地", 100, 0, x.id(), "SK-1-" + x.id(), last)).getStatus())
			.as("one receipt, one income").isEqualTo(409);
		assertThat(call("company", "POST", base + "/entries", entry.formatted("VENUE", "场地", 100, 200, x.id(), "SK-3-" + x.id(), last)).getStatus())
			.as("cost above income").isEqualTo(400);
		assertThat(call(x.residents().get(0), "POST", base + "/entries", entry.formatted("VENUE", "场地", 100, 0, x.id(), "SK-4-" + x.id(), last))
			.getStatus()).isEqualTo(403);
		assertThatThrownBy(() -> jdbc.sql("update common_income set gross_fen = 0 where compound_id = :c").param("c", x.id()).update())
			.as("the ledger is never changed").hasMessageContaining("只可追加");

		assertThat(call("company", "POST", base + "/disclosures", "{\"quarter\": \"" + thisQuarter + "\"}").getStatus()).as("a quarter not over")
			.isEqualTo(400);
		var disclosed = ok(call("company", "POST", base + "/disclosures", "{\"quarter\": \"" + last + "\"}"));
		assertThat(disclosed.get("grossFen").asLong()).isEqualTo(4_200_000);
		assertThat(disclosed.get("netFen").asLong()).isEqualTo(4_080_000);
		assertThat(disclosed.get("entries").asInt()).isEqualTo(2);
		assertThat(call("company", "POST", base + "/disclosures", "{\"quarter\": \"" + last + "\"}").getStatus()).isEqualTo(409);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				select count(*) from notice where compound_id = :c and duty = 'COMMON_INCOME' and posted_until - posted_at >= interval '30 days'
				  and body like '%净收益 40800.00 元%'""").param("c", x.id()).query(Long.class).single() == 1);
		var ledger = ok(call(x.residents().get(3), "GET", base, null));
		assertThat(ledger.get("grossFen").asLong()).isEqualTo(4_200_000);
		assertThat(ledger.get("disclosures")).hasSize(1);
		assertThat(call("resident", "GET", base, null).getStatus()).isEqualTo(404);

		// six owners of equal flats: one is 16.7 % of the area and the heads, two are a third
		var opened = ok(call(x.residents().get(0), "POST", base + "/audit-demands", "{\"reason\": \"车位租金去向不明，要求审计\"}"));
		assertThat(opened.get("reached").asBoolean()).isFalse();
		assertThat(opened.get("heads").asInt()).isEqualTo(1);
		assertThat(opened.get("totalHeads").asInt()).isEqualTo(6);
		long demand = opened.get("demandId").asLong();
		assertThat(call("company", "POST", "/api/v1/income/audit-demands/" + demand + "/signatures", null).getStatus()).as("owners sign").isEqualTo(403);
		assertThat(call(committee, "POST", "/api/v1/income/audit-demands/" + demand + "/answer", "{\"answer\": \"x\"}").getStatus())
			.as("not before 20 %").isEqualTo(409);
		var signed = ok(call(x.residents().get(1), "POST", "/api/v1/income/audit-demands/" + demand + "/signatures", null));
		assertThat(signed.get("reached").asBoolean()).isTrue();
		assertThat(signed.get("areaCenti").asLong() * 3).isEqualTo(signed.get("totalAreaCenti").asLong());
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = :u and m.title = '公共收益审计要求待答复'""")
			.param("u", committee).query(Long.class).single() == 1);
		assertThat(call(x.residents().get(2), "POST", "/api/v1/income/audit-demands/" + demand + "/answer", "{\"answer\": \"x\"}").getStatus())
			.isEqualTo(403);
		ok(call(committee, "POST", "/api/v1/income/audit-demands/" + demand + "/answer", "{\"answer\": \"已委托会计师事务所审计，30 日内公布结果\"}"));
		var answered = ok(call(x.residents().get(0), "GET", base, null)).get("demands").get(0);
		assertThat(answered.get("answer").asString()).contains("会计师事务所");
		assertThat(call(committee, "POST", "/api/v1/income/audit-demands/" + demand + "/answer", "{\"answer\": \"again\"}").getStatus()).isEqualTo(409);
	}

	@Test
	void aFeeChangeFollowsThePublishedStepsBeforeItsRatesApply() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "调价小区" + System.nanoTime() % 100000, 30, "3000.00", 3);
		String committee = x.committee(committees, users);
		String base = "/api/v1/fees/compounds/" + x.id();
		long item = ok(call("company", "POST", base + "/items", GUIDED.formatted(125))).get("board").get(0).get("id").asLong();
		assertThat(call("company", "POST", base + "/changes", "{\"reason\": \"人工成本上涨\", \"audit\": \"\", \"rates\": []}").getStatus())
			.isEqualTo(400);
		ok(call("company", "POST", base + "/changes", """
				{"reason": "最低工资标准上调，人工成本上涨 12%%", "audit": "2026 年度成本测算：人工 62%%、能耗 18%%……", "rates": [{"itemId": %d, "rateFen": 132}]}"""
			.formatted(item)));
		assertThat(call("committee", "GET", base + "/changes", null).getStatus()).as("another compound's committee").isEqualTo(404);
		long id = ok(call(committee, "GET", base + "/changes", null)).get(0).get("id").asLong();
		String step = "/api/v1/fees/changes/" + id;
		var early = call("company", "POST", step + "/rates", null);
		assertThat(early.getStatus()).isEqualTo(409);
		assertThat(early.getContentAsString()).contains("成本测算公示须满 30 天");
		clock.advance(java.time.Duration.ofDays(30).plusMinutes(1));
		ok(call("company", "POST", step + "/rates", null));
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = 'street' and m.title = '物业服务收费调整报备'
				  and m.body like '%' || (select name from compound where id = :c) || '%'""").param("c", x.id()).query(Long.class).single() == 1);
		assertThat(call(committee, "POST", step + "/vote", voteTimes()).getStatus()).as("the rates' 30 days first").isEqualTo(409);
		clock.advance(java.time.Duration.ofDays(30).plusMinutes(1));
		assertThat(call("company", "POST", step + "/vote", voteTimes()).getStatus()).as("the owners' side convenes").isEqualTo(403);
		long motion = ok(call(committee, "POST", step + "/vote", voteTimes())).get("motionId").asLong();
		ok(call("community", "POST", "/api/v1/motions/" + motion + "/publish", null));
		for (String owner : x.residents()) {
			ok(call(owner, "POST", "/api/v1/motions/" + motion + "/ballots", "{\"choice\": \"AGREE\"}"));
		}
		clock.advance(java.time.Duration.ofHours(2));
		counting.closeDue();
		await().atMost(Duration.ofSeconds(10)).until(() -> "RESULT_POSTED".equals(jdbc.sql("select status from fee_change where id = :id").param("id", id)
			.query(String.class).single()));
		var today = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
		assertThat(call("company", "POST", step + "/in-force", "{\"effectiveOn\": \"" + today + "\"}").getStatus()).as("the result's 7 days first")
			.isEqualTo(409);
		clock.advance(java.time.Duration.ofDays(7).plusMinutes(1));
		var effective = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
		ok(call("company", "POST", step + "/in-force", "{\"effectiveOn\": \"" + effective + "\"}"));
		var board = ok(call(x.residents().get(0), "GET", base, null)).get("board");
		assertThat(board.get(0).get("rateFen").asLong()).as("the new rate in force").isEqualTo(132);
		assertThat(board.get(0).get("startsOn").asString()).isEqualTo(effective.toString());
		assertThat(board.get(1).get("endsOn").asString()).as("the old one ended the day before").isEqualTo(effective.minusDays(1).toString());
		assertThat(jdbc.sql("select count(*) from notice where source like :s").param("s", "fee_change:" + id + ":%").query(Long.class).single())
			.as("audit, rates, result posted").isEqualTo(3);
	}

	String voteTimes() {
		var now = clock.instant();
		return "{\"opensAt\": \"%s\", \"closesAt\": \"%s\"}".formatted(now.minusSeconds(60), now.plusSeconds(3600));
	}
}
