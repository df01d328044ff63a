package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.TestApi;

/** The governance API as a test calls it: bearer tokens by username, JSON in and out. */
final class GovernanceApiCalls {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

	private final MockMvc mvc;
	private final JsonMapper json;
	private final JdbcClient jdbc;

	GovernanceApiCalls(MockMvc mvc, JsonMapper json, JdbcClient jdbc) {
		this.mvc = mvc;
		this.json = json;
		this.jdbc = jdbc;
	}

	MockHttpServletResponse call(String username, String method, String path, String body) throws Exception {
		var request = switch (method) {
			case "GET" -> get(path);
			case "PUT" -> put(path).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
			default -> post(path).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
		};
		return mvc.perform(request.header("Authorization", "Bearer " + TestApi.token(mvc, json, username))).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 201);
		return json.readTree(response.getContentAsString());
	}

	JsonNode problem(MockHttpServletResponse response, int status) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return json.readTree(response.getContentAsString());
	}

	/** Drafts a motion of the compound as {@code convener}; {@code extra} is further JSON members, e.g. {@code "buildingIds":[7],}. */
	long draft(String convener, long compound, int matter, String title, String extra, Instant opens, Instant closes) throws Exception {
		String body = "{" + extra + "\"matter\":" + matter + ",\"title\":\"" + title + "\",\"body\":\"" + title + "的表决内容\",\"opensAt\":\"" + opens
				+ "\",\"closesAt\":\"" + closes + "\"}";
		return ok(call(convener, "POST", "/api/v1/compounds/" + compound + "/motions", body)).get("id").asLong();
	}

	JsonNode publish(long motion) throws Exception {
		return ok(call("community", "POST", "/api/v1/motions/" + motion + "/publish", null));
	}

	MockHttpServletResponse vote(String resident, long motion, String voterId, String choice) throws Exception {
		String voter = voterId == null ? "" : "\"voterId\":\"" + voterId + "\",";
		return call(resident, "POST", "/api/v1/motions/" + motion + "/ballots", "{" + voter + "\"choice\":\"" + choice + "\"}");
	}

	MockHttpServletResponse paper(String keeper, long motion, String voterId, String choice) throws Exception {
		var request = multipart("/api/v1/motions/" + motion + "/paper-ballots").file(new MockMultipartFile("sheet", "sheet.png", "image/png", PNG))
			.param("voterId", voterId).param("choice", choice);
		return mvc.perform(request.header("Authorization", "Bearer " + TestApi.token(mvc, json, keeper))).andReturn().getResponse();
	}

	/** Titles and bodies of a user's inbox, oldest first. */
	List<String> inbox(String username) {
		return jdbc.sql("select m.title || '｜' || m.body from inbox_message m join app_user u on u.id = m.user_id where u.username = ? order by m.id")
			.param(username).query(String.class).list();
	}

	/** Who got a message with this exact title. */
	List<String> recipients(String title) {
		return jdbc.sql("select u.username from inbox_message m join app_user u on u.id = m.user_id where m.title = ? order by u.username")
			.param(title).query(String.class).list();
	}
}
