package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;

/** A retry gets the first answer, a reused key with another request is refused, and no secret is kept. */
@LinliTest
class IdempotencyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	MockHttpServletResponse post(String token, String path, String key, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
	}

	@Test
	void anIssuedOpen311KeyIsShownOnceAndStoredNowhereInPlainText() throws Exception {
		String city = TestApi.token(mvc, json, "city");
		var issued = post(city, "/api/v1/open311-clients", "issue-1", "{\"name\":\"市民热线 App\"}");
		assertThat(issued.getStatus()).isEqualTo(201);
		String key = json.readTree(issued.getContentAsString()).get("key").asString();
		assertThat(key).hasSizeGreaterThan(40);

		var retry = post(city, "/api/v1/open311-clients", "issue-1", "{\"name\":\"市民热线 App\"}");
		assertThat(retry.getStatus()).isEqualTo(409);
		assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.getHeader("Location")).isEqualTo(issued.getHeader("Location"));
		var problem = json.readTree(retry.getContentAsString());
		assertThat(problem.get("code").asString()).isEqualTo("idempotent-secret-withheld");
		assertThat(problem.get("detail").asString()).contains("首次响应状态 201").contains("只在首次响应中显示一次");
		assertThat(retry.getContentAsString()).doesNotContain(key);
		assertThat(jdbc.sql("select count(*) from open311_client where name = '市民热线 App'").query(Long.class).single()).isOne();

		assertThat(tablesContaining(key)).as("the plain key in any column of any table").isEmpty();
	}

	/** Every text and binary column of every table that holds the value. */
	java.util.List<String> tablesContaining(String value) {
		var columns = jdbc.sql("""
				select table_name, column_name, data_type from information_schema.columns
				where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'bytea', 'jsonb', 'json')""")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).list();
		var found = new java.util.ArrayList<String>();
		for (var c : columns) {
			String predicate = c[2].equals("bytea") ? "position(convert_to(:v, 'UTF8') in \"" + c[1] + "\") > 0"
					: "\"" + c[1] + "\"::text like '%' || :v || '%'";
			long n = jdbc.sql("select count(*) from \"" + c[0] + "\" where " + predicate).param("v", value).query(Long.class).single();
			if (n > 0) {
				found.add(c[0] + "." + c[1]);
			}
		}
		return found;
	}

	@Test
	void aRetryGetsTheFirstAnswerAndAReusedKeyWithAnotherBodyIsRefused() throws Exception {
		String resident = TestApi.token(mvc, json, "resident");
		long house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
			.query(Long.class).list().get(0);
		String body = "{\"kind\":\"SUGGESTION\",\"category\":\"SERVICE\",\"urgency\":\"NORMAL\",\"body\":\"建议增加快递柜\",\"houseId\":" + house + "}";
		var first = post(resident, "/api/v1/appeals", "retry-1", body);
		assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(201);
		var again = post(resident, "/api/v1/appeals", "retry-1", body);
		assertThat(again.getStatus()).isEqualTo(201);
		assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.getContentAsString()).isEqualTo(first.getContentAsString());
		assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location"));

		var other = post(resident, "/api/v1/appeals", "retry-1", body.replace("快递柜", "充电桩"));
		assertThat(other.getStatus()).isEqualTo(422);
		assertThat(json.readTree(other.getContentAsString()).get("detail").asString()).contains("已用于另一个请求");
		assertThat(jdbc.sql("select count(*) from appeal where body like '建议增加%'").query(Long.class).single()).isOne();
	}

	@Test
	void answersExpireAfterADayAndAreThenForgotten() throws Exception {
		String resident = TestApi.token(mvc, json, "resident");
		long house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
			.query(Long.class).list().get(0);
		String body = "{\"kind\":\"PRAISE\",\"category\":\"SERVICE\",\"urgency\":\"NORMAL\",\"body\":\"保洁很认真\",\"houseId\":" + house + "}";
		assertThat(post(resident, "/api/v1/appeals", "expire-1", body).getStatus()).isEqualTo(201);
		var expires = jdbc.sql("select expires_at - created_at from idempotent_request where request_key = 'expire-1'").query(String.class).single();
		assertThat(expires).isEqualTo("1 day");

		clock.advance(Duration.ofHours(25));
		ReflectionTestUtils.invokeMethod(context.getBean("idempotencyFilter"), "forgetExpired");
		assertThat(jdbc.sql("select count(*) from idempotent_request where request_key = 'expire-1'").query(Long.class).single()).isZero();
	}

	@Test
	void anUnprintableKeyIsA400() throws Exception {
		String resident = TestApi.token(mvc, json, "resident");
		var tooLong = post(resident, "/api/v1/appeals", "k".repeat(201), "{}");
		assertThat(tooLong.getStatus()).isEqualTo(400);
		assertThat(json.readTree(tooLong.getContentAsString()).get("detail").asString()).contains("Idempotency-Key");
		var chinese = post(resident, "/api/v1/appeals", "键", "{}");
		assertThat(chinese.getStatus()).isEqualTo(400);
	}
}
