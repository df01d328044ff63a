package cn.linli.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;

/** {@code POST /api/v1/fund/shares} answers the platform's own split, and bad input with a problem detail. */
@LinliTest
class SharesApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	MockHttpServletResponse shares(String token, String body) throws Exception {
		var request = post("/api/v1/fund/shares").contentType(MediaType.APPLICATION_JSON).content(body);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void answersTheSharesInTheHousesOrderAddingUpToTheAmount() throws Exception {
		String resident = TestApi.token(mvc, json, "resident");
		var r = shares(resident, """
				{"amount": 1000001, "basis": "AREA", "houses": [{"id": "101", "base": 13660}, {"id": "102", "base": 8950}, {"id": "201", "base": 12000}]}""");
		assertThat(r.getStatus()).isEqualTo(200);
		var body = json.readTree(r.getContentAsString());
		assertThat(body.size()).isEqualTo(3);
		assertThat(body.get(0).get("id").asString()).isEqualTo("101");
		assertThat(body.get(0).get("share").asLong()).isEqualTo(394_684);
		assertThat(body.get(1).get("share").asLong()).isEqualTo(258_596);
		assertThat(body.get(2).get("share").asLong()).isEqualTo(346_721);
	}

	@Test
	void refusesBadInputWithAProblemDetailAndNeedsASignedInCaller() throws Exception {
		String resident = TestApi.token(mvc, json, "resident");
		String[][] cases = {
				{ "{\"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 1}]}", "amount" },
				{ "{\"amount\": -1, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 1}]}", "amount" },
				{ "{\"amount\": 10, \"basis\": \"VOLUME\", \"houses\": [{\"id\": \"1\", \"base\": 1}]}", "basis" },
				{ "{\"amount\": 10, \"basis\": \"AREA\", \"houses\": []}", "houses" },
				{ "{\"amount\": 10, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 0}]}", "houses" },
				{ "{\"amount\": 10, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 1}, {\"id\": \"1\", \"base\": 2}]}", "houses" },
				{ "{\"amount\": 10, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\"}]}", "houses" },
				{ "{\"amount\": 10, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": -3}]}", "base" },
				{ "{\"amount\": 10, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 9223372036854775807}, {\"id\": \"2\", \"base\": 1}]}", "houses" },
				{ "{\"amount\": 99999999999999999999, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 1}]}", null },
				{ "{\"amount\": 100.5, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 1}]}", "amount" },
				{ "{\"amount\": 100, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 95.37}]}", "base" },
				{ "not json", null } };
		for (var c : cases) {
			var r = shares(resident, c[0]);
			assertThat(r.getStatus()).as(c[0]).isBetween(400, 422);
			assertThat(r.getContentType()).as(c[0]).startsWith("application/problem+json");
			if (c[1] != null) {
				assertThat(r.getContentAsString()).as(c[0]).contains(c[1]);
			}
		}
		assertThat(shares(null, "{\"amount\": 1, \"basis\": \"AREA\", \"houses\": [{\"id\": \"1\", \"base\": 1}]}").getStatus()).isEqualTo(401);
	}
}
