package cn.linli.appeal;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the appeals API as a given bearer token; an object mother for appeals in the showcase compound. */
public record AppealApi(MockMvc mvc, JsonMapper json, JdbcClient jdbc) {

	/** The demo resident's house and the showcase compound. */
	public long residentHouse() {
		return jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
			.query(Long.class).single();
	}

	public long showcaseCompound() {
		return jdbc.sql("select b.compound_id from house h join building b on b.id = h.building_id where h.id = :h").param("h", residentHouse())
			.query(Long.class).single();
	}

	public MvcResult raise(String token, String jsonBody) throws Exception {
		return mvc.perform(post("/api/v1/appeals").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
			.content(jsonBody)).andReturn();
	}

	public long raiseRepair(String token, String category, String body) throws Exception {
		var r = raise(token, """
				{"kind":"REPAIR","category":"%s","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(category, body, residentHouse()));
		if (r.getResponse().getStatus() != 201) {
			throw new AssertionError("raise failed: " + r.getResponse().getStatus() + " " + r.getResponse().getContentAsString());
		}
		return read(r).get("id").asLong();
	}

	public MvcResult act(String token, long id, String action, String jsonBody) throws Exception {
		return mvc.perform(post("/api/v1/appeals/" + id + "/" + action).header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
			.content(jsonBody == null ? "{}" : jsonBody)).andReturn();
	}

	public JsonNode actOk(String token, long id, String action, String jsonBody) throws Exception {
		var r = act(token, id, action, jsonBody);
		if (r.getResponse().getStatus() != 200) {
			throw new AssertionError(action + " failed: " + r.getResponse().getStatus() + " " + r.getResponse().getContentAsString());
		}
		return read(r);
	}

	public MvcResult detail(String token, long id) throws Exception {
		return mvc.perform(get("/api/v1/appeals/" + id).header("Authorization", "Bearer " + token)).andReturn();
	}

	public String status(long id) {
		return jdbc.sql("select status from appeal where id = :id").param("id", id).query(String.class).single();
	}

	public String level(long id) {
		return jdbc.sql("select level from appeal where id = :id").param("id", id).query(String.class).single();
	}

	/** A signed-in browser session (form login), for the pages. */
	public org.springframework.mock.web.MockHttpSession session(String username) throws Exception {
		var login = mvc.perform(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
			.user(username).password(cn.linli.LinliTest.PASSWORD)).andReturn();
		return (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession();
	}

	public JsonNode read(MvcResult r) throws Exception {
		return json.readTree(r.getResponse().getContentAsString());
	}
}
