package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.browser.PhoneBrowser;
import cn.linli.identity.UserAdministration;

/** The community publishes a motion, three owners vote on their phones, and the result shows after the close. */
@LinliTest
class OwnersVoteBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration users;

	@Autowired
	OwnersDecisions decisions;

	@Test
	void threeOwnersVoteOnTheirPhonesAndSeeTheResult() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		var owners = new String[] { Residents.forOwner(jdbc, users, compound, 10, "phone"),
				Residents.forOwner(jdbc, users, compound, 11, "phone"), Residents.forOwner(jdbc, users, compound, 12, "phone") };
		var local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
		var now = LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
		try (var browser = new PhoneBrowser(port)) {
			// the owners' committee convenes, the community reviews and publishes
			var committee = browser.login("committee", LinliTest.PASSWORD);
			committee.navigate(browser.url("/governance/compounds/" + compound));
			committee.click("details summary");
			committee.selectOption("select[name=matter]", "8");
			committee.fill("input[name=title]", "利用小区广场设置充电桩");
			committee.fill("textarea[name=body]", "拟在小区东侧广场设置电动自行车充电桩，收益归全体业主。");
			committee.fill("input[name=opensAt]", now.minusMinutes(5).format(local));
			committee.fill("input[name=closesAt]", now.plusHours(2).format(local));
			committee.click("details form button[type=submit]");
			committee.waitForURL("**/governance/motions/*");
			assertThat(committee.locator("#publish").count()).as("only the community publishes").isZero();
			var community = browser.login("community", LinliTest.PASSWORD);
			community.navigate(committee.url());
			community.click("#publish");
			community.waitForSelector("#roll");
			assertThat(community.textContent("#status")).isEqualTo("投票中");
			PhoneBrowser.shot(community, "6-community-publishes-motion.png");
			long motionId = Long.parseLong(community.url().replaceAll(".*/", ""));

			String[] choices = { "AGREE", "AGREE", "OPPOSE" };
			for (int i = 0; i < 3; i++) {
				var page = browser.login(owners[i], LinliTest.PASSWORD);
				page.navigate(browser.url("/app"));
				page.click("text=业主共同决定（投票）");
				page.click("#motions a");
				page.check("input[value=" + choices[i] + "]");
				page.click("#ballot button[type=submit]");
				page.waitForSelector("#notice");
				assertThat(page.textContent("#notice")).startsWith("投票成功，回执：");
				PhoneBrowser.shot(page, "7-owner-" + (i + 1) + "-voted.png");
				if (i == 0) {
					String receipt = page.textContent("#notice").replace("投票成功，回执：", "").trim();
					page.navigate(browser.url("/governance/motions/" + motionId + "/board?receipt=" + receipt));
					assertThat(page.textContent("#verdict")).contains("有效选票");
					assertThat(page.textContent("#chain")).contains("完整");
					PhoneBrowser.shot(page, "9-ballot-board-receipt-checked.png");
				}
				assertThat((Number) page.evaluate("document.documentElement.scrollWidth")).satisfies(w -> assertThat(w.intValue()).isLessThanOrEqualTo(375));
			}

			jdbc.sql("update motion set closes_at = now() - interval '1 second' where id = ?").param(motionId).update();
			decisions.closeDue();
			var result = browser.login(owners[2], LinliTest.PASSWORD);
			result.navigate(browser.url("/governance/motions/" + motionId));
			result.waitForSelector("#result");
			assertThat(result.textContent("#result h2")).contains("未形成决定");
			assertThat(result.locator("#result tbody tr").nth(1).textContent()).contains("3");
			assertThat(result.locator("#result .tag").count()).isEqualTo(3);
			PhoneBrowser.shot(result, "8-result-after-close.png");
		}
	}
}
