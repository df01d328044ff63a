package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.Projected;
import cn.linli.TestApi;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;

/**
 * The indicators of DOMAIN §3, each against a count worked out by hand from what the test did:
 * appeals raised in a compound of their own (nothing earlier can be linked to them) and one in the
 * showcase compound, with time moved by the platform's clock, not by editing the rows.
 */
@LinliTest
class AppealIndicatorTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	MutableClock clock;
	@Autowired
	Projected projected;
	@Autowired
	RegisteringCompounds compounds;
	@Autowired
	RegisteringHouses houses;
	@Autowired
	RecordingContracts contracts;
	@Autowired
	UserAdministration users;

	@AfterEach
	void backToRealTime() {
		clock.reset();
	}

	@Test
	void ratesDensityRepeatsAndConcentrationAreExactlyWhatHappened() throws Exception {
		var api = new AppealApi(mvc, json, jdbc);
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "指标测试小区", 200, "18000.00", 2);
		String r1 = TestApi.token(mvc, json, x.residents().get(0));
		String r2 = TestApi.token(mvc, json, x.residents().get(1));
		String company = TestApi.token(mvc, json, "company");
		String community = TestApi.token(mvc, json, "community");
		String resident = TestApi.token(mvc, json, "resident");
		// appeals raised from this day on belong to this test: indicators count whole days, test classes run one after
		// another, and the clock is first moved to 09:00 of the day after every appeal raised so far (an earlier test's
		// last one may have been raised at a moved-forward time)
		var latest = jdbc.sql("select max(created_at) from appeal").query(java.sql.Timestamp.class).single().toInstant();
		var morning = java.time.LocalDate.ofInstant(latest, cn.linli.shared.time.TimeConfiguration.ZONE).plusDays(1).atTime(9, 0)
			.atZone(cn.linli.shared.time.TimeConfiguration.ZONE).toInstant();
		clock.advance(Duration.between(clock.instant(), morning).compareTo(Duration.ZERO) > 0 ? Duration.between(clock.instant(), morning) : Duration.ZERO);
		Instant start = clock.instant().minusSeconds(1);

		// A: accepted and resolved at once, 满意
		long a = raise(api, r1, "REPAIR", "FACILITY", "单元楼道的声控灯坏了，晚上看不见", x.houses().get(0));
		api.actOk(company, a, "accept", null);
		api.actOk(company, a, "resolve", "{\"result\":\"已更换声控灯\"}");
		api.actOk(r1, a, "rate", "{\"rating\":\"SATISFIED\"}");
		// D: the same lamp of the same flat again — a repeat of A; never accepted
		long d = raise(api, r1, "REPAIR", "FACILITY", "楼道声控灯还是不亮，晚上太黑了", x.houses().get(0));
		// B: a complaint accepted after its 24-hour accept clock, resolved after its 7-day resolve clock, 不满意 twice, then 核实办结
		long b = raise(api, r2, "COMPLAINT", "SANITATION", "垃圾桶满了好几天没人清运，臭气熏天", x.houses().get(1));
		clock.advance(Duration.ofMinutes(24 * 60 + 1));
		api.actOk(company, b, "accept", null);
		clock.advance(Duration.ofMinutes(7 * 24 * 60 + 1));
		api.actOk(company, b, "resolve", "{\"result\":\"已清运\"}");
		api.actOk(r2, b, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"第二天又满了\"}");
		api.actOk(company, b, "start", null);
		api.actOk(company, b, "resolve", "{\"result\":\"增加清运频次\"}");
		api.actOk(r2, b, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"还是不够\"}");
		api.actOk(community, b, "confirm", "{\"note\":\"现场核实已按合同每日清运\"}");
		// C: a complaint not yet due to be accepted
		long c = raise(api, r2, "COMPLAINT", "NEIGHBOUR", "楼上装修电钻声太吵，中午也不停", x.houses().get(1));
		// E: a complaint the company says is not its business; the community agrees and sends it to the city's law enforcement,
		// then follows it up itself: wrongly routed, so not a valid complaint about the compound's company
		long e = raiseCommon(api, r1, "COMPLAINT", "GREENING", "小区绿地被人私自开垦种菜", x.id());
		api.actOk(company, e, "reject-route", "{\"reason\":\"私自种菜属城管执法范围\"}");
		api.actOk(community, e, "redispatch", "{\"external\":\"区综合行政执法局\"}");
		api.actOk(community, e, "accept", null);
		api.actOk(community, e, "resolve", "{\"result\":\"执法局已责令恢复绿地\"}");
		api.actOk(r1, e, "rate", "{\"rating\":\"BASICALLY_SATISFIED\"}");
		// P: praise is never a repeat
		long p = raise(api, r1, "PRAISE", "FACILITY", "楼道声控灯修得很快，谢谢物业", x.houses().get(0));
		// S: one complaint in the showcase compound, for the concentration
		long s = api.read(api.raise(resident, """
				{"kind":"COMPLAINT","category":"NEIGHBOUR","body":"隔壁单元有人在楼顶养鸽子，粪便到处都是","compoundId":%d}""".formatted(api.showcaseCompound())))
			.get("id").asLong();

		assertThat(repeatOf(d)).isEqualTo(a);
		assertThat(repeatOf(a)).isNull();
		assertThat(repeatOf(b)).isNull();
		assertThat(repeatOf(c)).isNull();
		assertThat(repeatOf(e)).isNull();
		assertThat(repeatOf(p)).as("praise is never linked").isNull();
		assertThat(repeatOf(s)).as("precondition: nothing earlier in the showcase reads like it").isNull();

		// the compound: A, D, B, C, E, P
		projected.now();
		var compound = json.readTree(mvc.perform(get("/api/v1/appeal-indicators/" + x.communityCode()).param("from", start.toString())
			.header("Authorization", "Bearer " + community)).andReturn().getResponse().getContentAsString());
		JsonNode own = null;
		for (var child : compound.get("children")) {
			if (child.get("key").asString().equals(String.valueOf(x.id()))) {
				own = child.get("counts");
			}
			else if (!child.get("key").asString().equals(String.valueOf(api.showcaseCompound()))) {
				assertThat(child.get("counts").get("appeals").asLong()).as("nothing else in the period").isZero();
			}
		}
		assertThat(own).isNotNull();
		assertThat(own.get("appeals").asLong()).isEqualTo(6);
		// due to be accepted: A, D (its clock ran out), B, E; on time: A and E (B was a day late)
		assertThat(own.get("acceptDue").asLong()).isEqualTo(4);
		assertThat(own.get("acceptedOnTime").asLong()).isEqualTo(2);
		// due to be resolved: A, E (resolved in time), B (resolved late), D (its judged resolve clock ran out unaccepted)
		assertThat(own.get("resolveDue").asLong()).isEqualTo(4);
		assertThat(own.get("resolvedOnTime").asLong()).isEqualTo(2);
		assertThat(own.get("rated").asLong()).isEqualTo(3);
		assertThat(own.get("satisfied").asLong()).as("A 满意, E 基本满意").isEqualTo(2);
		assertThat(own.get("solved").asLong()).as("and B confirmed solved").isEqualTo(3);
		assertThat(own.get("complaints").asLong()).as("B and C; E was wrongly routed").isEqualTo(2);
		assertThat(own.get("repeats").asLong()).isEqualTo(1);
		assertThat(own.get("households").asLong()).isEqualTo(200);
		assertThat(own.get("buildingAreaCenti").asLong()).isEqualTo(1_800_000);
		assertThat(own.get("responseRate").asDouble()).isEqualTo(0.5);
		assertThat(own.get("onTimeRate").asDouble()).isEqualTo(0.5);
		assertThat(own.get("satisfactionRate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(own.get("resolutionRate").asDouble()).isEqualTo(1.0);
		assertThat(own.get("repeatRate").asDouble()).isCloseTo(1.0 / 6, within(1e-12));
		assertThat(own.get("densityPerThousandHouseholds").asDouble()).isEqualTo(10.0);
		assertThat(own.get("densityPerHundredThousandSquareMetres").asDouble()).isCloseTo(2 * 100_000.0 / 18_000, within(1e-9));
		assertThat(own.get("rankable").asBoolean()).as("3 rated appeals are too few to rank").isFalse();

		for (String code : new String[] { x.communityCode(), x.communityCode().substring(0, 9), x.communityCode().substring(0, 6), "3710" }) {
			String user = switch (code.length()) {
				case 12 -> "community";
				case 9 -> "street";
				case 6 -> "district";
				default -> "city";
			};
			var report = json.readTree(mvc.perform(get("/api/v1/appeal-indicators/" + code).param("from", start.toString())
				.header("Authorization", "Bearer " + TestApi.token(mvc, json, user))).andReturn().getResponse().getContentAsString());
			var t = report.get("total");
			assertThat(t.get("appeals").asLong()).as(code).isEqualTo(7);
			assertThat(t.get("complaints").asLong()).as(code).isEqualTo(3);
			long households = jdbc.sql("select sum(households) from compound where community_code like :p").param("p", code + "%")
				.query(Long.class).single();
			long area = jdbc.sql("select sum(building_area_centi) from compound where community_code like :p").param("p", code + "%")
				.query(Long.class).single();
			assertThat(t.get("households").asLong()).as(code).isEqualTo(households);
			assertThat(t.get("densityPerThousandHouseholds").asDouble()).as(code).isCloseTo(3 * 1000.0 / households, within(1e-9));
			assertThat(t.get("densityPerHundredThousandSquareMetres").asDouble()).as(code).isCloseTo(3 * 100_000.0 * 100 / area, within(1e-9));
			// 2 complaints in the fresh compound, 1 in the showcase: the top 10 % (at least one compound) hold 2 of 3, or all 3
			long n = jdbc.sql("select count(*) from compound where community_code like :p").param("p", code + "%").query(Long.class).single();
			long top = Math.max(1, (long) Math.ceil(n * 0.1));
			assertThat(report.get("concentration").asDouble()).as(code + " with " + n + " compounds").isCloseTo(top == 1 ? 2.0 / 3 : 1.0,
					within(1e-12));
			// drillable one level down: the children add up to the total and hold it where the compounds are
			long sum = 0;
			for (var child : report.get("children")) {
				sum += child.get("counts").get("appeals").asLong();
			}
			assertThat(sum).as(code).isEqualTo(7);
			assertThat(report.get("childKind").asString()).isEqualTo(code.length() == 12 ? "COMPOUND" : "REGION");
		}
	}

	@Test
	void aRegionWithoutComplaintsHasNoConcentration() throws Exception {
		var report = json.readTree(mvc.perform(get("/api/v1/appeal-indicators/3710").param("from", "2020-01-01T00:00:00Z").param("to", "2020-06-01T00:00:00Z")
			.header("Authorization", "Bearer " + TestApi.token(mvc, json, "city"))).andReturn().getResponse().getContentAsString());
		assertThat(report.get("total").get("appeals").asLong()).isZero();
		assertThat(report.get("concentration").isNull() || report.get("concentration").isMissingNode()).isTrue();
	}

	private Long repeatOf(long id) {
		return jdbc.sql("select repeat_of from appeal where id = :id").param("id", id).query((rs, n) -> (Long) rs.getObject(1, Long.class)).list()
			.get(0);
	}

	private static long raise(AppealApi api, String token, String kind, String category, String body, long house) throws Exception {
		var r = api.raise(token, """
				{"kind":"%s","category":"%s","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(kind, category, body, house));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}

	private static long raiseCommon(AppealApi api, String token, String kind, String category, String body, long compound) throws Exception {
		var r = api.raise(token, """
				{"kind":"%s","category":"%s","urgency":"NORMAL","body":"%s","compoundId":%d}""".formatted(kind, category, body, compound));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}
}
