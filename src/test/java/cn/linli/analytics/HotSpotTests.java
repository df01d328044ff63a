package cn.linli.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.Projected;
import cn.linli.TestApi;
import cn.linli.analytics.hotspot.HotSpotWatch;
import cn.linli.appeal.AppealApi;
import cn.linli.appeal.FreshCompound;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;

/**
 * A burst in a quiet compound: four appeals of one category in a week are not a hot spot, the
 * fifth makes one; the API lists it with its appeals, the community's board shows it and the
 * supervisors hear of it once.
 */
@LinliTest
class HotSpotTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	Projected projected;
	@Autowired
	HotSpotWatch watch;
	@Autowired
	RegisteringCompounds compounds;
	@Autowired
	RegisteringHouses houses;
	@Autowired
	RecordingContracts contracts;
	@Autowired
	UserAdministration users;

	@Test
	void theFifthAppealOfACategoryInAQuietWeekMakesAHotSpotToldOnce() throws Exception {
		projected.now();
		watch.watch(); // whatever the demo history holds is already known
		var api = new AppealApi(mvc, json, jdbc);
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "热点测试小区", 40, "3000.00", 5);
		String community = TestApi.token(mvc, json, "community");
		var ids = new ArrayList<Long>();
		String[] texts = { "地下车库入口积水很深", "车库排水沟堵了，雨水倒灌", "车库里积水淹到车轮", "车库水泵好像坏了，一直积水", "车库积水三天没人处理" };
		for (int i = 0; i < 4; i++) {
			ids.add(raise(api, TestApi.token(mvc, json, x.residents().get(i)), texts[i], x.houses().get(i)));
		}
		projected.now();
		assertThat(hotSpotsOf(community, x)).as("four are below the floor of five").isEmpty();

		ids.add(raise(api, TestApi.token(mvc, json, x.residents().get(4)), texts[4], x.houses().get(4)));
		projected.now();
		var spots = hotSpotsOf(community, x);
		assertThat(spots).hasSize(1);
		var h = spots.get(0);
		assertThat(h.get("category").asString()).isEqualTo("SAFETY");
		assertThat(h.get("count").asLong()).isEqualTo(5);
		assertThat(h.get("threshold").decimalValue()).isEqualByComparingTo("5.00");
		assertThat(h.get("name").asString()).isEqualTo("热点测试小区");
		var listed = new ArrayList<Long>();
		h.get("appealIds").forEach(n -> listed.add(n.asLong()));
		assertThat(listed).containsExactlyElementsOf(ids);

		// the board of the community shows it
		var board = mvc.perform(get("/dashboard/" + x.communityCode()).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
				"community"))).andReturn().getResponse().getContentAsString();
		assertThat(board).contains("诉求热点").contains("热点测试小区");

		// told once: a second look finds the same episode
		assertThat(watch.watch()).isPositive();
		assertThat(watch.watch()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> inboxOf("community", x) == 1);
		assertThat(inboxOf("street", x)).isEqualTo(1);
		assertThat(inboxOf("district", x)).isEqualTo(1);
		assertThat(inboxOf("city", x)).as("the city watches its big screen, not every compound's inbox").isZero();
	}

	private List<tools.jackson.databind.JsonNode> hotSpotsOf(String token, FreshCompound x) throws Exception {
		var r = mvc.perform(get("/api/v1/analytics/hotspots").param("region", x.communityCode()).param("days", "7")
			.header("Authorization", "Bearer " + token)).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		var out = new ArrayList<tools.jackson.databind.JsonNode>();
		json.readTree(r.getResponse().getContentAsString()).forEach(n -> {
			if (n.get("unit").asString().equals("COMPOUND") && n.get("key").asString().equals(String.valueOf(x.id()))) {
				out.add(n);
			}
		});
		return out;
	}

	private long inboxOf(String username, FreshCompound x) {
		return jdbc.sql("select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = :u and m.title like :t")
			.param("u", username).param("t", "诉求热点：热点测试小区%").query(Long.class).single();
	}

	private static long raise(AppealApi api, String token, String body, long house) throws Exception {
		var r = api.raise(token, """
				{"kind":"COMPLAINT","category":"SAFETY","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(body, house));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}
}
