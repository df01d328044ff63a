package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;

/**
 * DOMAIN §3 indicators over a period that holds exactly the appeals this test makes, with known
 * outcomes: each rate must be the stated fraction, with its counts, at every level up to the city.
 */
@LinliTest
class AppealIndicatorTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;

	@Test
	void ratesAreTheFractionsDomainDefinesWithTheirCounts() throws Exception {
		var api = new AppealApi(mvc, json, jdbc);
		String resident = TestApi.token(mvc, json, "resident");
		String staff = TestApi.token(mvc, json, "staff");
		String community = TestApi.token(mvc, json, "community");
		// from this instant on, not a moment earlier: the previous test class may have raised appeals in the same community a second ago
		Instant start = Instant.now();

		// A: accepted and resolved in time, 满意
		long a = api.raiseRepair(resident, "FACILITY", "水表井盖破损");
		api.actOk(staff, a, "accept", null);
		api.actOk(staff, a, "resolve", "{\"result\":\"已更换井盖\"}");
		api.actOk(resident, a, "rate", "{\"rating\":\"SATISFIED\"}");
		// B: both clocks already run out when acted on, 不满意 twice, then confirmed solved by the community
		long b = api.raiseRepair(resident, "SANITATION", "单元门口污水横流");
		jdbc.sql("update appeal set accept_due_at = now() - interval '1 minute' where id = :id").param("id", b).update();
		api.actOk(staff, b, "accept", null);
		jdbc.sql("update appeal set resolve_due_at = now() - interval '1 minute', first_resolve_due_at = now() - interval '1 minute' where id = :id")
			.param("id", b).update();
		api.actOk(staff, b, "resolve", "{\"result\":\"已疏通\"}");
		api.actOk(resident, b, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"第二天又堵了\"}");
		api.actOk(staff, b, "start", null);
		api.actOk(staff, b, "resolve", "{\"result\":\"更换了管道\"}");
		api.actOk(resident, b, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"还有味道\"}");
		api.actOk(community, b, "confirm", "{\"note\":\"现场核实管道已更换，异味来自邻近工地\"}");
		// C: a complaint not yet due to be accepted
		var c = api.raise(resident, """
				{"kind":"COMPLAINT","category":"NEIGHBOUR","body":"楼上空调外机滴水","houseId":%d}""".formatted(api.residentHouse()));
		long cId = api.read(c).get("id").asLong();

		long repeats = jdbc.sql("select count(*) from appeal where id in (:ids) and repeat_of is not null").param("ids", java.util.List.of(a, b, cId))
			.query(Long.class).single();
		String communityCode = jdbc.sql("select community_code from appeal where id = :id").param("id", a).query(String.class).single();
		for (String code : new String[] { communityCode, communityCode.substring(0, 9), communityCode.substring(0, 6), "3710" }) {
			String user = switch (code.length()) {
				case 12 -> "community";
				case 9 -> "street";
				case 6 -> "district";
				default -> "city";
			};
			var report = report(TestApi.token(mvc, json, user), code, start);
			var t = report.get("total");
			assertThat(t.get("appeals").asLong()).as(code).isEqualTo(3);
			assertThat(t.get("acceptDue").asLong()).isEqualTo(2);
			assertThat(t.get("acceptedOnTime").asLong()).isEqualTo(1);
			assertThat(t.get("responseRate").asDouble()).isEqualTo(0.5);
			assertThat(t.get("resolveDue").asLong()).isEqualTo(2);
			assertThat(t.get("resolvedOnTime").asLong()).isEqualTo(1);
			assertThat(t.get("onTimeRate").asDouble()).isEqualTo(0.5);
			assertThat(t.get("rated").asLong()).isEqualTo(2);
			assertThat(t.get("satisfied").asLong()).isEqualTo(1);
			assertThat(t.get("satisfactionRate").asDouble()).isEqualTo(0.5);
			assertThat(t.get("solved").asLong()).as("confirmed solved counts for the resolution rate").isEqualTo(2);
			assertThat(t.get("resolutionRate").asDouble()).isEqualTo(1.0);
			assertThat(t.get("complaints").asLong()).isEqualTo(1);
			assertThat(t.get("repeats").asLong()).isEqualTo(repeats);
			assertThat(t.get("rankable").asBoolean()).as("2 rated appeals are too few to rank").isFalse();
			assertThat(t.get("households").asLong()).isPositive();
			assertThat(t.get("densityPerThousandHouseholds").asDouble()).isEqualTo(1000.0 / t.get("households").asLong());
			// drillable one level down: the children add up to the total
			long sum = 0;
			for (var child : report.get("children")) {
				sum += child.get("counts").get("appeals").asLong();
			}
			assertThat(sum).isEqualTo(3);
			assertThat(report.get("childKind").asString()).isEqualTo(code.length() == 12 ? "COMPOUND" : "REGION");
		}
	}

	private JsonNode report(String token, String code, Instant from) throws Exception {
		var r = mvc.perform(get("/api/v1/appeal-indicators/" + code).param("from", from.toString()).header("Authorization", "Bearer " + token))
			.andReturn();
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
		return json.readTree(r.getResponse().getContentAsString());
	}
}
