package cn.linli.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

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
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;

/**
 * The bank's statement against the books: lines that match their posting, a line with another
 * amount and one with no posting listed for the bureau to resolve, postings the bank has not shown,
 * a statement sent again adding nothing, a bad file refused whole, and only the bureau doing it.
 */
@LinliTest
class FundBankTests {

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

	MockHttpServletResponse statement(String token, long compound, String csv) throws Exception {
		return mvc.perform(post("/api/v1/fund/compounds/" + compound + "/bank-statement").header("Authorization", "Bearer " + token)
			.contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse r) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isBetween(200, 201);
		return json.readTree(r.getContentAsString());
	}

	MockHttpServletResponse postJson(String token, String path, String body) throws Exception {
		return mvc.perform(post(path).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn()
			.getResponse();
	}

	@Test
	void aStatementIsReconciledLineByLineAndWhatMatchesNothingWaitsForAPerson() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "对账测试小区" + System.nanoTime() % 100000, 30, "3000.00", 2);
		String city = TestApi.token(mvc, json, "city");
		String base = "/api/v1/fund/compounds/" + x.id();
		String suffix = String.valueOf(x.id());
		ok(postJson(city, base + "/account", "{}"));
		// 2 × 95.37 m² at ¥50 = ¥9,537.00; the interest ¥12.34
		ok(postJson(city, base + "/deposits", "{\"fenPerSquareMetre\": {\"RESIDENTIAL\": 5000}, \"document\": \"DEP-" + suffix + "\"}"));
		ok(postJson(city, base + "/interest", "{\"amount\": 1234, \"document\": \"INT-" + suffix + "\"}"));
		ok(postJson(city, base + "/interest", "{\"amount\": 99, \"document\": \"INT2-" + suffix + "\"}"));

		String csv = "日期,流水号,金额,摘要\n"
				+ "2026-11-02,DEP-" + suffix + ",\"9,537.00\",首次交存\n"
				+ "2026-11-30,INT-" + suffix + ",12.43,利息\n"
				+ "2026-11-30,FEE-" + suffix + ",-8.00,账户管理费\n";
		var report = ok(statement(city, x.id(), csv));
		assertThat(report.get("imported").asInt()).isEqualTo(3);
		assertThat(report.get("matched").asInt()).isEqualTo(1);
		var open = report.get("open");
		assertThat(open.size()).isEqualTo(2);
		assertThat(open.get(0).get("status").asString()).isEqualTo("MISMATCH");
		assertThat(open.get(0).get("amountFen").asLong()).isEqualTo(1243);
		assertThat(open.get(0).get("postingAmountFen").asLong()).isEqualTo(1234);
		assertThat(open.get(1).get("status").asString()).isEqualTo("UNMATCHED");
		assertThat(open.get(1).get("amountFen").asLong()).isEqualTo(-800);
		assertThat(report.get("notInBank").size()).as("the second interest the bank has not shown").isEqualTo(1);
		assertThat(report.get("notInBank").get(0).get("document").asString()).isEqualTo("INT2-" + suffix);

		// the same statement again, with one new line: only that one is added
		var again = ok(statement(city, x.id(), csv + "2026-12-01,INT2-" + suffix + ",0.99,利息\n"));
		assertThat(again.get("imported").asInt()).isEqualTo(1);
		assertThat(again.get("alreadyImported").asInt()).isEqualTo(3);
		assertThat(again.get("matched").asInt()).isEqualTo(2);
		assertThat(again.get("notInBank").size()).isZero();

		// a bad file is refused whole, each bad line named, and nothing of it written
		long lines = jdbc.sql("select count(*) from fund_bank_line").query(Long.class).single();
		var bad = statement(city, x.id(), "日期,流水号,金额,摘要\n2026-13-01,A-" + suffix + ",1.00,x\n2026-12-01,B-" + suffix + ",1.234,x\n2026-12-01,C-" + suffix
				+ ",1.00,x\n");
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentType()).startsWith("application/problem+json");
		assertThat(bad.getContentAsString()).contains("第 2 行").contains("日期");
		assertThat(jdbc.sql("select count(*) from fund_bank_line").query(Long.class).single()).isEqualTo(lines);
		assertThat(statement(city, x.id(), "date,ref,amount\n1,2,3\n").getStatus()).isEqualTo(400);

		// the bureau resolves the unmatched fee with a note; a stale version is refused
		var fee = open.get(1);
		String resolve = base + "/bank-lines/" + fee.get("id").asLong() + "/resolve";
		assertThat(postJson(city, resolve, "{\"note\": \"银行扣收账户管理费，另行记账\", \"version\": 99}").getStatus()).isEqualTo(409);
		var resolved = ok(postJson(city, resolve, "{\"note\": \"银行扣收账户管理费，另行记账\", \"version\": " + fee.get("version").asInt() + "}"));
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(postJson(city, resolve, "{\"note\": \"再次\", \"version\": 1}").getStatus()).as("resolved once").isEqualTo(409);
		var standing = json.readTree(mvc.perform(get(base + "/bank-statement").header("Authorization", "Bearer " + city)).andReturn().getResponse()
			.getContentAsString());
		assertThat(standing.get("open").size()).isEqualTo(1);

		// only the bureau: the street may look at the account but not reconcile it; another compound's resident finds nothing
		assertThat(statement(TestApi.token(mvc, json, "street"), x.id(), csv).getStatus()).isEqualTo(403);
		assertThat(statement(TestApi.token(mvc, json, "resident"), x.id(), csv).getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get(base + "/bank-statement").header("Authorization", "Bearer " + TestApi.token(mvc, json, x.residents().get(0))))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from audit_log where action in ('fund.BANK_IMPORTED', 'fund.BANK_RESOLVED') and subject_id = (select id::text from fund_account where compound_id = :c)")
			.param("c", x.id()).query(Long.class).single()).isEqualTo(3);
	}
}
