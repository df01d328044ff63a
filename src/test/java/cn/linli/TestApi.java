package cn.linli;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/** Bearer tokens for the demo and test accounts (all with {@link LinliTest#PASSWORD}). */
public final class TestApi {

	private TestApi() {
	}

	public static String token(MockMvc mvc, JsonMapper json, String username) throws Exception {
		var body = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + LinliTest.PASSWORD + "\"}")).andReturn().getResponse().getContentAsString();
		return json.readTree(body).get("access_token").asString();
	}
}
