package cn.linli.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.appeal.FreshCompound;
import cn.linli.identity.UserAdministration;
import cn.linli.notice.disclosure.FindingOverdueDisclosures;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.time.TimeConfiguration;

/**
 * A compound's notice board: who posts which kind of notice, who reads it, the read count, the
 * residents' inbox, notices other modules ask for, and the disclosure checklist with its nightly
 * search for overdue duties.
 */
@LinliTest
class NoticeBoardTests {

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

	@Autowired
	FindingOverdueDisclosures finding;

	@Autowired
	FilingCommittees committees;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	MockHttpServletResponse postNotice(String user, long compound, Map<String, String> fields, MockMultipartFile... files) throws Exception {
		var request = multipart("/api/v1/compounds/" + compound + "/notices");
		for (var f : files) {
			request.file(f);
		}
		fields.forEach(request::param);
		return mvc.perform(request.header("Authorization", "Bearer " + TestApi.token(mvc, json, user))).andReturn().getResponse();
	}

	MockHttpServletResponse getAs(String user, String path) throws Exception {
		return mvc.perform(get(path).header("Authorization", "Bearer " + TestApi.token(mvc, json, user))).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse r) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isBetween(200, 201);
		return json.readTree(r.getContentAsString());
	}

	FreshCompound fresh(String name) {
		return FreshCompound.register(jdbc, compounds, houses, contracts, users, name + System.nanoTime() % 100000, 20, "2000.00", 2);
	}


	@Test
	void eachAuthorPostsItsKindsResidentsReadOnceAndAreToldInTheirInbox() throws Exception {
		var x = fresh("公告小区");
		String committee = x.committee(committees, users);
		var pdf = new MockMultipartFile("files", "停水通知.pdf", "application/pdf", "%PDF-1.4 notice".getBytes());
		var general = ok(postNotice(committee, x.id(), Map.of("duty", "GENERAL", "title", "停水通知", "body", "周六 9:00–12:00 停水。", "days", "3"), pdf));
		assertThat(general.get("authorName").asString()).startsWith("业主委员会");
		assertThat(general.get("attachments")).hasSize(1);
		assertThat(general.get("attachments").get(0).has("fileKey")).as("the file's key stays on the server").isFalse();
		long noticeId = general.get("id").asLong();

		var wrongKind = postNotice(committee, x.id(), Map.of("duty", "FEES", "title", "收费标准", "body", "…", "days", "30"));
		assertThat(wrongKind.getStatus()).isEqualTo(400);
		assertThat(wrongKind.getContentAsString()).contains("业主委员会不能发布");
		var tooShort = postNotice("company", x.id(), Map.of("duty", "FEES", "title", "收费标准", "body", "物业费每月每平方米 1.20 元", "days", "10"));
		assertThat(tooShort.getStatus()).isEqualTo(400);
		assertThat(tooShort.getContentAsString()).contains("公示期应为 30–366 天");
		var empty = postNotice("community", x.id(), Map.of("duty", "GENERAL", "title", " ", "body", "", "days", "x"));
		assertThat(empty.getStatus()).isEqualTo(400);
		assertThat(empty.getContentType()).startsWith("application/problem+json");
		assertThat(empty.getContentAsString()).contains("标题必填", "公示天数应为整数");
		var badFile = postNotice("company", x.id(), Map.of("duty", "GENERAL", "title", "通知", "body", "正文", "days", "7"),
				new MockMultipartFile("files", "a.exe", "application/pdf", "MZ not a pdf".getBytes()));
		assertThat(badFile.getStatus()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from notice where compound_id = :c").param("c", x.id()).query(Long.class).single())
			.as("refused notices leave nothing behind").isEqualTo(1);

		// the residents read it: each is counted once; the company reading it is not a resident's read
		for (String reader : List.of(x.residents().get(0), x.residents().get(0), "company", x.residents().get(1))) {
			ok(getAs(reader, "/api/v1/notices/" + noticeId));
		}
		var read = ok(getAs(x.residents().get(0), "/api/v1/notices/" + noticeId));
		assertThat(read.get("readCount").asInt()).isEqualTo(2);
		assertThat(read.get("readByMe").asBoolean()).isTrue();
		var mine = ok(getAs(x.residents().get(1), "/api/v1/me/notices"));
		assertThat(mine.get("content").get(0).get("title").asString()).isEqualTo("停水通知");
		await().atMost(Duration.ofSeconds(10)).until(() -> inbox(x.residents().get(0)).contains("小区公告：停水通知"));
		assertThat(inbox(x.residents().get(1))).contains("小区公告：停水通知");
		assertThat(inbox("resident")).as("another compound's residents are not told").doesNotContain("小区公告：停水通知");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'notice.posted' and subject_id = :n").param("n", String.valueOf(noticeId))
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void everyRoleSeesAndPostsOnlyOnTheBoardsOfItsScope() throws Exception {
		var x = fresh("公告权限小区");
		String committee = x.committee(committees, users);
		long id = ok(postNotice("company", x.id(), Map.of("duty", "GENERAL", "title", "电梯检修", "body", "3号楼电梯周二检修", "days", "2"))).get("id").asLong();
		String[][] expected = {
				// who, the board, one notice, posting a general notice
				{ x.residents().get(0), "200", "200", "403" }, { "resident", "404", "404", "404" }, { committee, "200", "200", "201" },
				{ "committee", "404", "404", "404" }, { "company", "200", "200", "201" }, { "staff", "404", "404", "404" },
				{ "community", "200", "200", "201" }, { "street", "200", "200", "403" }, { "district", "200", "200", "403" },
				{ "city", "200", "200", "403" }, { "admin", "404", "404", "404" } };
		for (var row : expected) {
			assertThat(getAs(row[0], "/api/v1/compounds/" + x.id() + "/notices").getStatus()).as(row[0] + " reads the board")
				.isEqualTo(Integer.parseInt(row[1]));
			assertThat(getAs(row[0], "/api/v1/notices/" + id).getStatus()).as(row[0] + " reads the notice").isEqualTo(Integer.parseInt(row[2]));
			var posted = postNotice(row[0], x.id(), Map.of("duty", "GENERAL", "title", "通知", "body", "正文", "days", "7"));
			assertThat(posted.getStatus()).as(row[0] + " posts").isEqualTo(Integer.parseInt(row[3]));
		}
		assertThat(getAs("resident", "/api/v1/compounds/" + x.id() + "/disclosure").getStatus()).isEqualTo(404);
		for (String who : List.of("resident", "committee", "staff", "admin")) {
			assertThat(getAs(who, "/api/v1/disclosure/overdue").getStatus()).as(who + " is no supervisor").isEqualTo(403);
		}
	}

	@Test
	void overdueDutiesAreFoundOnceAndAPostingPutsItsDutyRight() throws Exception {
		var x = fresh("公开清单小区");
		var today = LocalDate.now(TimeConfiguration.ZONE);
		var fresh = ok(getAs("company", "/api/v1/compounds/" + x.id() + "/disclosure"));
		assertThat(fresh).hasSize(7);
		assertThat(fresh).allSatisfy(d -> {
			assertThat(d.get("overdue").asBoolean()).as("a new provider has thirty days").isFalse();
			assertThat(d.get("dueOn").asString()).isEqualTo(today.minusDays(1).plusDays(30).toString());
		});
		// the provider began sixty days ago and has posted nothing
		jdbc.sql("update service_contract set starts_on = :d where compound_id = :c").param("d", java.sql.Date.valueOf(today.minusDays(60)))
			.param("c", x.id()).update();
		var overdue = ok(getAs("community", "/api/v1/disclosure/overdue?size=500"));
		assertThat(java.util.stream.StreamSupport.stream(overdue.spliterator(), false).filter(d -> d.get("compoundId").asLong() == x.id()))
			.hasSize(7);
		assertThat(finding.run()).isGreaterThanOrEqualTo(7);
		assertThat(finding.run()).as("found once").isZero();
		assertThat(jdbc.sql("select count(*) from disclosure_overdue where compound_id = :c").param("c", x.id()).query(Long.class).single()).isEqualTo(7);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'disclosure.overdue' and subject_id = :c").param("c", String.valueOf(x.id()))
			.query(Long.class).single()).isEqualTo(7);

		ok(postNotice("company", x.id(), Map.of("duty", "SERVICE", "title", "物业服务事项与标准", "body", "保洁每日两次……", "days", "30")));
		var service = java.util.stream.StreamSupport.stream(ok(getAs("street", "/api/v1/compounds/" + x.id() + "/disclosure")).spliterator(), false)
			.filter(d -> d.get("duty").asString().equals("SERVICE")).findFirst().orElseThrow();
		assertThat(service.get("overdue").asBoolean()).isFalse();
		assertThat(service.get("dueOn").asString()).isEqualTo(today.plusYears(1).toString());
		assertThat(java.util.stream.StreamSupport.stream(ok(getAs("company", "/api/v1/disclosure/overdue?size=500")).spliterator(), false)
			.filter(d -> d.get("compoundId").asLong() == x.id())).hasSize(6);

		// a notice asked for by another module, delivered twice, is posted once and stays up at least as long as its duty requires
		var request = new NoticeRequested(x.id(), "COMMON_INCOME", "2026年第三季度公共收益公示", "广告收入 ¥12,000.00", 7, "BUREAU", "平台", "test:" + x.id());
		for (int i = 0; i < 2; i++) {
			transactions.executeWithoutResult(s -> events.publishEvent(request));
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from notice where source = :s").param("s", "test:" + x.id()).query(Long.class).single() == 1);
		Thread.sleep(300);
		assertThat(jdbc.sql("select count(*), min(extract(day from posted_until - posted_at)) from notice where source = :s").param("s", "test:" + x.id())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single()).containsExactly(1, 30);
	}

	List<String> inbox(String username) {
		return jdbc.sql("select m.title from inbox_message m join app_user u on u.id = m.user_id where u.username = :u order by m.id")
			.param("u", username).query(String.class).list();
	}
}
