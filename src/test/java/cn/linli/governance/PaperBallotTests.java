package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;
import cn.linli.identity.UserAdministration;

/** One effective ballot per voter across online and paper, the latest superseding the earlier; paper and proxy ballots carry their scans. */
@LinliTest
class PaperBallotTests {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration users;

	@Autowired
	MutableClock clock;

	String token(String username) throws Exception {
		return TestApi.token(mvc, json, username);
	}

	MockHttpServletResponse paper(String token, long motion, String ownerId, String choice, byte[] sheet, boolean proxy, byte[] authorisation)
			throws Exception {
		var request = multipart("/api/v1/motions/" + motion + "/paper-ballots").file(new MockMultipartFile("sheet", "sheet.png", "image/png", sheet))
			.param("ownerId", ownerId).param("choice", choice).param("proxy", String.valueOf(proxy));
		if (authorisation != null) {
			request.file(new MockMultipartFile("authorisation", "auth.png", "image/png", authorisation));
		}
		return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

	long effective(long motion) {
		return jdbc.sql("select count(*) from ballot where motion_id = ? and effective").param(motion).query(Long.class).single();
	}

	List<String> channels(long motion, String voter) {
		return jdbc.sql("select channel || ':' || choice || ':' || effective from ballot where motion_id = ? and voter_id = ? order by id")
			.param(motion).param(voter).query(String.class).list();
	}

	List<String> inbox(String username) {
		return jdbc.sql("select m.title || '｜' || m.body from inbox_message m join app_user u on u.id = m.user_id where u.username = ? order by m.id")
			.param(username).query(String.class).list();
	}

	@Test
	void theLatestBallotCountsWhateverItsChannelAndTheOwnerHearsOfPaperOnes() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		String committee = token("committee");
		var now = clock.instant();
		var draft = mvc.perform(post("/api/v1/compounds/" + compound + "/motions").header("Authorization", "Bearer " + committee)
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"matter":5,"title":"使用维修资金更换电梯","body":"3号楼电梯更换","opensAt":"%s","closesAt":"%s"}"""
				.formatted(now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS)))).andReturn().getResponse();
		long motion = json.readTree(draft.getContentAsString()).get("id").asLong();
		var attached = mvc.perform(multipart("/api/v1/motions/" + motion + "/attachments").file(new MockMultipartFile("file", "quote.pdf",
				"application/pdf", "%PDF-1.4 quote".getBytes())).param("title", "电梯更换报价单").header("Authorization", "Bearer " + committee))
			.andReturn().getResponse();
		assertThat(attached.getStatus()).as(attached.getContentAsString()).isEqualTo(200);
		long attachment = json.readTree(attached.getContentAsString()).get("id").asLong();
		mvc.perform(post("/api/v1/motions/" + motion + "/publish").header("Authorization", "Bearer " + token("community")));
		var file = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/motions/" + motion + "/attachments/" + attachment)
			.header("Authorization", "Bearer " + token("committee"))).andReturn().getResponse();
		assertThat(file.getContentType()).isEqualTo("application/pdf");
		assertThat(file.getContentAsString()).startsWith("%PDF");
		assertThat(mvc.perform(multipart("/api/v1/motions/" + motion + "/attachments").file(new MockMultipartFile("file", "late.pdf",
				"application/pdf", "%PDF-1.4".getBytes())).param("title", "迟到附件").header("Authorization", "Bearer " + committee))
			.andReturn().getResponse().getStatus()).as("the notice is fixed once published").isEqualTo(409);

		String online = Residents.forOwner(jdbc, users, compound, 30, "paper");
		String onlineOwner = jdbc.sql("select owner_id::text from resident_binding rb join app_user u on u.id = rb.user_id where u.username = ?")
			.param(online).query(String.class).single();
		String paperOwner = Residents.soleOwner(jdbc, compound, 40);

		// a second paper sheet for the same voter supersedes the first; both are kept
		assertThat(paper(committee, motion, paperOwner, "AGREE", PNG, false, null).getStatus()).isEqualTo(200);
		assertThat(paper(committee, motion, paperOwner, "OPPOSE", PNG, false, null).getStatus()).as("paper twice").isEqualTo(200);
		assertThat(channels(motion, paperOwner)).containsExactly("PAPER:AGREE:false", "PAPER:OPPOSE:true");

		// online, then paper: the paper ballot supersedes the online one, and the owner is told in the inbox
		var voted = mvc.perform(post("/api/v1/motions/" + motion + "/ballots").header("Authorization", "Bearer " + token(online))
			.contentType(MediaType.APPLICATION_JSON).content("{\"choice\":\"OPPOSE\"}")).andReturn().getResponse();
		assertThat(voted.getStatus()).isEqualTo(200);
		var superseding = paper(committee, motion, onlineOwner, "AGREE", PNG, false, null);
		assertThat(superseding.getStatus()).as(superseding.getContentAsString()).isEqualTo(200);
		assertThat(json.readTree(superseding.getContentAsString()).get("replacedChannel").asString()).isEqualTo("ONLINE");
		assertThat(channels(motion, onlineOwner)).containsExactly("ONLINE:OPPOSE:false", "PAPER:AGREE:true");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inbox(online)).filteredOn(m -> m.contains("纸质表决票"))
			.singleElement().asString().contains("使用维修资金更换电梯", "替代了您此前的在线投票"));

		// and online again after paper: the owner's own latest word counts
		mvc.perform(post("/api/v1/motions/" + motion + "/ballots").header("Authorization", "Bearer " + token(online))
			.contentType(MediaType.APPLICATION_JSON).content("{\"choice\":\"ABSTAIN\"}")).andReturn().getResponse();
		assertThat(channels(motion, onlineOwner)).containsExactly("ONLINE:OPPOSE:false", "PAPER:AGREE:false", "ONLINE:ABSTAIN:true");

		// proxies need the authorisation; uploads are checked by their bytes and their size
		String third = Residents.soleOwner(jdbc, compound, 41);
		var noAuthorisation = paper(committee, motion, third, "AGREE", PNG, true, null);
		assertThat(noAuthorisation.getStatus()).isEqualTo(400);
		assertThat(json.readTree(noAuthorisation.getContentAsString()).get("errors").get(0).get("field").asString()).isEqualTo("authorisation");
		var fake = paper(committee, motion, third, "AGREE", "not an image".getBytes(), false, null);
		assertThat(fake.getStatus()).isEqualTo(400);
		assertThat(fake.getContentAsString()).contains("文件类型不支持");
		byte[] big = new byte[(int) cn.linli.shared.upload.UploadStore.MAX_BYTES + 1];
		System.arraycopy(PNG, 0, big, 0, PNG.length);
		assertThat(paper(committee, motion, third, "AGREE", big, false, null).getStatus()).isEqualTo(400);
		var proxy = paper(committee, motion, third, "ABSTAIN", PNG, true, PNG);
		assertThat(proxy.getStatus()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from ballot where motion_id = ? and proxy and attachment like '%|%'").param(motion).query(Long.class).single())
			.isOne();

		// only the committee (or a convening community) enters paper ballots
		assertThat(paper(token(online), motion, third, "AGREE", PNG, false, null).getStatus()).isEqualTo(403);
		assertThat(effective(motion)).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from ballot where motion_id = ?").param(motion).query(Long.class).single()).as("every ballot kept")
			.isEqualTo(6);
		var chain = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/motions/" + motion + "/chain")
			.header("Authorization", "Bearer " + committee)).andReturn().getResponse().getContentAsString();
		assertThat(json.readTree(chain).get("intact").asBoolean()).isTrue();
	}
}
