package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;

@LinliTest
class TallyApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	String token() throws Exception {
		return TestApi.token(mvc, json, "committee");
	}

	static MockMultipartFile file(String name, String content) {
		return new MockMultipartFile(name, name + ".csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void recountsAnExportedVoteAsJsonWithIntegerFields() throws Exception {
		var response = mvc.perform(multipart("/api/v1/governance/tally").file(file("houses", TallyTests.HOUSES))
			.file(file("ballots", TallyTests.BALLOTS)).param("matter", "4").param("followMajority", "true").param("served", "I")
			.header("Authorization", "Bearer " + token())).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		var body = json.readTree(response.getContentAsString());
		assertThat(body.get("totalArea").isIntegralNumber()).isTrue();
		assertThat(body.get("totalArea").asLong()).isEqualTo(99_000);
		assertThat(body.get("totalHead").asLong()).isEqualTo(9);
		assertThat(body.get("participatingArea").asLong()).isEqualTo(90_500);
		assertThat(body.get("participatingHead").asLong()).isEqualTo(8);
		assertThat(body.get("agreeArea").asLong()).isEqualTo(52_500);
		assertThat(body.get("agreeHead").asLong()).isEqualTo(5);
		assertThat(body.get("result").asString()).isEqualTo("PASSED");
		assertThat(body.get("deemed").get("agreeArea").asLong()).isEqualTo(61_000);
		assertThat(body.get("deemed").get("result").asString()).isEqualTo("PASSED");
	}

	@Test
	void anElectionAnswersElectedAndAlternates() throws Exception {
		String ballots = "voter,choice\nA,A|B|D\nB+C,A|B|F\nD,A|D|F\nDEVELOPER,B|D|F\nF,A|B|D\nG,B|D|F\nH,A|D|F\nJ,\n";
		var response = mvc.perform(multipart("/api/v1/governance/tally").file(file("houses", TallyTests.HOUSES))
			.file(file("ballots", ballots)).param("matter", "3").param("seats", "3").header("Authorization", "Bearer " + token()))
			.andReturn().getResponse();
		var body = json.readTree(response.getContentAsString());
		assertThat(body.get("result").asString()).isEqualTo("ELECTED");
		assertThat(body.get("elected").toString()).isEqualTo("[\"D\",\"B\",\"F\"]");
		assertThat(body.get("alternates").toString()).isEqualTo("[\"A\"]");
	}

	@Test
	void aBadFileIsAProblemDetailNamingTheLine() throws Exception {
		var response = mvc.perform(multipart("/api/v1/governance/tally").file(file("houses", TallyTests.HOUSES))
			.file(file("ballots", "voter,choice\nA,AGREE\nA,OPPOSE\n")).param("matter", "4").header("Authorization", "Bearer " + token()))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		var body = json.readTree(response.getContentAsString());
		assertThat(body.get("errors").get(0).get("line").asLong()).isEqualTo(3);
		assertThat(body.get("errors").get(0).get("message").asString()).contains("ballots.csv");
		assertThat(body.get("detail").asString()).contains("第 3 行");
	}

	@Test
	void recountingNeedsAnAccount() throws Exception {
		assertThat(mvc.perform(multipart("/api/v1/governance/tally").file(file("houses", TallyTests.HOUSES))
			.file(file("ballots", TallyTests.BALLOTS)).param("matter", "4")).andReturn().getResponse().getStatus()).isEqualTo(401);
	}
}
