package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.microsoft.playwright.options.FilePayload;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.browser.PhoneBrowser;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.RegisteringHouses;

/**
 * The committee runs a vote from its phone: enters a signed paper ballot with its scanned sheet,
 * records who was served with the notice, and after the close downloads the files for a recount;
 * the owner sees the paper ballot on its own page and in its inbox.
 */
@LinliTest
class PaperBallotBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration users;

	@Autowired
	RegisteringCompounds compounds;

	@Autowired
	RegisteringHouses houses;

	@Autowired
	FilingCommittees committees;

	@Autowired
	CountingTheVote counting;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void theCommitteeEntersAPaperBallotWithItsSheetRecordsServiceAndExportsTheFiles() throws Exception {
		var vc = VotingCompound.create(compounds, houses, committees, users, jdbc, 60);
		var api = new GovernanceApiCalls(mvc, json, jdbc);
		var now = clock.instant();
		long motion = api.draft(vc.committee, vc.id, 4, "续聘物业服务企业", "", now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
		api.publish(motion);
		api.ok(api.vote(vc.residents.get("D"), motion, null, "OPPOSE"));
		try (var browser = new PhoneBrowser(port)) {
			var committee = browser.login(vc.committee, LinliTest.PASSWORD);
			committee.navigate(browser.url("/governance/motions/" + motion));
			committee.click("#paper-link");
			committee.waitForURL("**/paper");
			committee.selectOption("select[name=voterId]", vc.voter("D"));
			committee.check("#paper input[value=AGREE]");
			committee.setInputFiles("input[name=sheet]", new FilePayload("sheet.png", "image/png", GovernanceApiCalls.PNG));
			PhoneBrowser.shot(committee, "14-paper-ballot-form.png");
			committee.click("#paper button[type=submit]");
			committee.waitForSelector("#notice");
			assertThat(committee.textContent("#notice")).startsWith("已录入纸质表决票：1号楼-104、2号楼-201（回执 ");
			assertThat(committee.locator("#entries li").count()).isOne();
			assertThat(committee.textContent("#entries li")).contains("1号楼-104、2号楼-201", "有效");
			PhoneBrowser.shot(committee, "15-paper-ballot-entered.png");
			assertThat(jdbc.sql("select channel || ':' || choice || ':' || effective from ballot where motion_id = ? order by id").param(motion)
				.query(String.class).list()).containsExactly("ONLINE:OPPOSE:false", "PAPER:AGREE:true");
			var sheet = committee.request().get(browser.url(committee.getAttribute("#entries a", "href")));
			assertThat(sheet.headers().get("content-type")).isEqualTo("image/png");

			committee.navigate(browser.url("/governance/motions/" + motion + "/served"));
			committee.check("input[value='" + vc.voter("A", "B") + "']");
			committee.check("input[value='" + vc.voter("F") + "']");
			committee.click("#served button[type=submit]");
			committee.waitForSelector("#notice");
			assertThat(committee.textContent("#notice")).isEqualTo("已记录送达 2 户");
			assertThat(committee.textContent("#served-count")).isEqualTo("已送达 2 / 6 户");
			assertThat(committee.isDisabled("input[value='" + vc.voter("F") + "']")).isTrue();
			PhoneBrowser.shot(committee, "16-served-recorded.png");

			// the owner sees the paper ballot on its page and was told in its inbox
			var owner = browser.login(vc.residents.get("D"), LinliTest.PASSWORD);
			owner.navigate(browser.url("/governance/motions/" + motion));
			assertThat(owner.textContent("#ballot-0 .current")).contains("当前选择：同意", "纸质表决票");
			assertThat(owner.locator("#ballot-0 .history li").allTextContents()).satisfiesExactly(
					newest -> assertThat(newest).contains("纸质表决票 · 同意", "有效"), oldest -> assertThat(oldest).contains("在线 · 反对", "已被替代"));
			PhoneBrowser.shot(owner, "17-owner-sees-paper-ballot.png");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> api.inbox(vc.residents.get("D")).stream().anyMatch(m -> m.startsWith("已以您的名义录入纸质表决票")));
			owner.navigate(browser.url("/inbox"));
			assertThat(owner.textContent("#messages")).contains("已以您的名义录入纸质表决票：续聘物业服务企业", "它替代了您此前的在线投票");
			PhoneBrowser.shot(owner, "18-owner-inbox-paper-ballot.png");

			clock.advance(Duration.ofHours(1));
			counting.closeDue();
			committee.navigate(browser.url("/governance/motions/" + motion));
			var download = committee.waitForDownload(() -> committee.click("#exports a:has-text('houses.csv')"));
			String housesCsv = Files.readString(download.path(), StandardCharsets.UTF_8);
			assertThat(housesCsv).startsWith("\uFEFFhouse_id,kind,area_centi,owner_ids,developer_held");
			assertThat(housesCsv.lines().count()).as("header and the ten houses").isEqualTo(11);
			PhoneBrowser.shot(committee, "19-result-with-exports.png");
		}
	}
}
