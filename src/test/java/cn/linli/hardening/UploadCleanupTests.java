package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.shared.upload.UploadStore;

/** A refused ballot scan or attachment leaves no file on disk; an accepted one stays. */
@LinliTest
class UploadCleanupTests {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UploadStore uploads;

	long files() throws Exception {
		if (!Files.exists(uploads.root())) {
			return 0;
		}
		try (var walk = Files.walk(uploads.root())) {
			return walk.filter(Files::isRegularFile).count();
		}
	}

	MockHttpServletResponse attach(String token, long motion, String title, byte[] content) throws Exception {
		return mvc.perform(multipart("/api/v1/motions/" + motion + "/attachments")
			.file(new MockMultipartFile("file", "quote.pdf", "application/pdf", content)).param("title", title)
			.header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

	MockHttpServletResponse paper(String token, long motion, String owner, boolean proxy, byte[] sheet, byte[] authorisation) throws Exception {
		var request = multipart("/api/v1/motions/" + motion + "/paper-ballots").file(new MockMultipartFile("sheet", "sheet.png", "image/png", sheet))
			.param("ownerId", owner).param("choice", "AGREE").param("proxy", String.valueOf(proxy));
		if (authorisation != null) {
			request.file(new MockMultipartFile("authorisation", "auth.png", "image/png", authorisation));
		}
		return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

	@Test
	void refusedScansAndAttachmentsLeaveNoFileBehind() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		String committee = TestApi.token(mvc, json, "committee");
		var now = Instant.now();
		var draft = mvc.perform(post("/api/v1/compounds/" + compound + "/motions").header("Authorization", "Bearer " + committee)
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"matter":9,"title":"清理楼道杂物","body":"由物业统一清理","opensAt":"%s","closesAt":"%s"}"""
				.formatted(now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS)))).andReturn().getResponse();
		long motion = json.readTree(draft.getContentAsString()).get("id").asLong();
		byte[] pdf = "%PDF-1.4 notice".getBytes();

		long before = files();
		assertThat(attach(committee, motion, " ", pdf).getStatus()).as("no title: refused after the file was stored").isEqualTo(400);
		assertThat(files()).isEqualTo(before);
		assertThat(attach(committee, motion, "清理通知", pdf).getStatus()).isEqualTo(200);
		assertThat(files()).isEqualTo(before + 1);

		// the page does the same: refusal shown as a notice, the file gone
		var page = mvc.perform(multipart("/governance/motions/" + motion + "/attachments")
			.file(new MockMultipartFile("file", "x.pdf", "application/pdf", pdf)).param("title", "")
			.with(user("committee").roles("COMMITTEE")).with(csrf())).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(302);
		assertThat(files()).isEqualTo(before + 1);

		mvc.perform(post("/api/v1/motions/" + motion + "/publish").header("Authorization", "Bearer " + TestApi.token(mvc, json, "community")));
		String owner = jdbc.sql("""
				select ho.owner_id::text from house h join building b on b.id = h.building_id join house_owner ho on ho.house_id = h.id
				where b.compound_id = ? and (select count(*) from house_owner y where y.owner_id = ho.owner_id) = 1
				  and (select count(*) from house_owner x where x.house_id = h.id) = 1 and not h.developer_held
				order by h.id desc limit 1""").param(compound).query(String.class).single();

		assertThat(paper(committee, motion, owner, true, PNG, "not an image".getBytes()).getStatus())
			.as("the second file is refused after the first was stored").isEqualTo(400);
		assertThat(files()).isEqualTo(before + 1);
		assertThat(paper(committee, motion, owner, false, PNG, null).getStatus()).isEqualTo(200);
		assertThat(files()).isEqualTo(before + 2);
		// a later signed sheet of the same voter supersedes the first, and both scans are kept
		assertThat(paper(committee, motion, owner, false, PNG, null).getStatus()).as("a second paper ballot of the same voter").isEqualTo(200);
		assertThat(files()).isEqualTo(before + 3);
		assertThat(paper(committee, motion, "no-such-owner", false, PNG, null).getStatus()).isEqualTo(400);
		assertThat(files()).isEqualTo(before + 3);
	}
}
