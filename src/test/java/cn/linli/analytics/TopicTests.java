package cn.linli.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.appeal.AppealApi;
import cn.linli.appeal.FreshCompound;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;

/** A burst of similar texts becomes one topic, with its keywords and masked samples; unrelated texts stay out of it. */
@LinliTest
class TopicTests {

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

	@Test
	void aBurstOfSimilarTextsIsOneTopic() throws Exception {
		var api = new AppealApi(mvc, json, jdbc);
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "话题测试小区", 80, "6000.00", 6);
		String[] lift = { "2号楼电梯又坏了，停在8楼不动，老人上不去", "电梯经常停运，今天早上又坏了，1101室的老人被困了十分钟", "我们楼电梯坏了三天了还没修好",
				"电梯门关不上，一直报警，坏了好几次", "电梯运行时异响很大，还突然停了一下，太吓人", "电梯坏了，住高层的只能爬楼梯", "电梯按钮失灵，电梯又停了",
				"二单元电梯坏了没人修，物业电话打不通" };
		String[] other = { "楼下垃圾桶满了没人清运", "小区绿化带的草长得很高没人修剪", "有人在消防通道上停车", "楼上装修声音太大了" };
		var burst = new ArrayList<Long>();
		for (int i = 0; i < lift.length; i++) {
			burst.add(raise(api, TestApi.token(mvc, json, x.residents().get(i % 6)), "FACILITY", lift[i], x.houses().get(i % 6)));
		}
		String[] categories = { "SANITATION", "GREENING", "SAFETY", "NEIGHBOUR" };
		for (int i = 0; i < other.length; i++) {
			raise(api, TestApi.token(mvc, json, x.residents().get(i)), categories[i], other[i], x.houses().get(i));
		}

		var r = mvc.perform(get("/api/v1/analytics/topics").param("region", x.communityCode()).param("days", "7")
			.header("Authorization", "Bearer " + TestApi.token(mvc, json, "community"))).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		var result = json.readTree(r.getResponse().getContentAsString());
		JsonNode liftTopic = null;
		for (var t : result.get("topics")) {
			var ids = new ArrayList<Long>();
			t.get("appealIds").forEach(n -> ids.add(n.asLong()));
			if (ids.stream().filter(burst::contains).count() >= 6) {
				liftTopic = t;
			}
		}
		assertThat(liftTopic).as("a topic holds at least six of the eight lift appeals: " + result.get("topics")).isNotNull();
		var keywords = new ArrayList<String>();
		liftTopic.get("keywords").forEach(k -> keywords.add(k.asString()));
		assertThat(keywords).contains("电梯");
		var members = new ArrayList<Long>();
		liftTopic.get("appealIds").forEach(n -> members.add(n.asLong()));
		assertThat(members).as("the unrelated appeals are not in it").allMatch(id -> burst.contains(id) || !isOurs(id, x));
		assertThat(liftTopic.get("samples").size()).isBetween(1, 3);
		liftTopic.get("samples").forEach(s -> assertThat(s.asString()).doesNotContain("1101"));
		assertThat(result.get("largest")).isNotNull();
	}

	private boolean isOurs(long id, FreshCompound x) {
		return jdbc.sql("select compound_id from appeal where id = :id").param("id", id).query(Long.class).single() == x.id();
	}

	private static long raise(AppealApi api, String token, String category, String body, long house) throws Exception {
		var r = api.raise(token, """
				{"kind":"COMPLAINT","category":"%s","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(category, body, house));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}

}
