package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.browser.PhoneBrowser;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.identity.UserAdministration;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The committee convenes, the community publishes, three owners vote on their phones — one changes
 * its mind and sees its choice, its history and the rules with their numbers — and the result shows
 * after the close.
 */
@LinliTest
class OwnersVoteBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration users;

	@Autowired
	CountingTheVote counting;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	static String m2Ceil(long centi, int numerator, int denominator) {
		return new BigDecimal(centi).multiply(BigDecimal.valueOf(numerator)).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.CEILING)
			.movePointLeft(2).setScale(2).toPlainString();
	}

	static void fitsThePhone(Page page) {
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
	}

	@Test
	void ownersVoteOnTheirPhonesChangeTheirMindAndSeeTheResult() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		var owners = new String[] { Residents.forOwner(jdbc, users, compound, 10, "phone"),
				Residents.forOwner(jdbc, users, compound, 11, "phone"), Residents.forOwner(jdbc, users, compound, 12, "phone") };
		var local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
		var now = clock.instant().atZone(TimeConfiguration.ZONE).toLocalDateTime();
		try (var browser = new PhoneBrowser(port)) {
			// the owners' committee convenes, the community reviews and publishes
			var committee = browser.login("committee", LinliTest.PASSWORD);
			committee.navigate(browser.url("/governance/compounds/" + compound));
			committee.click("#convene summary");
			committee.selectOption("select[name=matter]", "8");
			committee.fill("input[name=title]", "利用小区广场设置充电桩");
			committee.fill("textarea[name=body]", "拟在小区东侧广场设置电动自行车充电桩，收益归全体业主。");
			committee.fill("input[name=opensAt]", now.minusMinutes(5).format(local));
			committee.fill("input[name=closesAt]", now.plusHours(2).format(local));
			committee.click("#convene form button[type=submit]");
			committee.waitForURL("**/governance/motions/*");
			assertThat(committee.textContent("#notice")).isEqualTo("已提交，待社区审核发布");
			assertThat(committee.locator("#publish").count()).as("only the community publishes").isZero();
			var community = browser.login("community", LinliTest.PASSWORD);
			community.navigate(committee.url());
			community.click("#publish");
			community.waitForSelector("#roll");
			assertThat(community.textContent("#notice")).isEqualTo("已发布，表决名册已冻结");
			assertThat(community.textContent("#status")).isEqualTo("投票中");
			PhoneBrowser.shot(community, "6-community-publishes-motion.png");
			long motionId = Long.parseLong(community.url().replaceAll(".*/", ""));
			var roll = jdbc.sql("select roll_area, roll_head from motion where id = ?").param(motionId)
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();

			String[] choices = { "AGREE", "AGREE", "OPPOSE" };
			String[] labels = { "同意", "同意", "反对" };
			for (int i = 0; i < 3; i++) {
				var page = browser.login(owners[i], LinliTest.PASSWORD);
				page.navigate(browser.url("/app"));
				page.click("text=业主共同决定（投票）");
				page.click("#motions a");
				assertThat(page.textContent("#ballot-0 .current")).isEqualTo("尚未投票");
				var firstChoice = page.locator("#ballot-0 label.check").first().boundingBox();
				assertThat(firstChoice.height).as("a choice is one line, a large target").isBetween(44.0, 60.0);
				assertThat(firstChoice.width).as("the whole row is the target").isGreaterThan(250.0);
				page.check("input[value=" + choices[i] + "]");
				page.click("#ballot-0 button[type=submit]");
				page.waitForSelector("#notice");
				assertThat(page.textContent("#notice")).startsWith("已投票：" + labels[i] + "。截止前可修改。回执：");
				assertThat(page.textContent("#ballot-0 .current b")).isEqualTo("当前选择：" + labels[i]);
				assertThat(page.locator("#ballot-0 .history li").count()).isOne();
				fitsThePhone(page);
				if (i == 0) {
					// the rules in plain words, with the numbers of this roll
					assertThat(page.textContent("#scope")).isEqualTo("全体业主（车位、摊位不计入）");
					assertThat(page.textContent("#quorum")).isEqualTo("参与表决需达到专有面积 ≥ " + m2Ceil(roll[0], 2, 3) + " m² 且人数 ≥ "
							+ new BigDecimal(roll[1] * 2).divide(BigDecimal.valueOf(3), 0, RoundingMode.CEILING) + " 人（名册 " + new BigDecimal(roll[0]).movePointLeft(2).toPlainString() + " m²、" + roll[1]
							+ " 人的三分之二以上）");
					assertThat(page.textContent("#pass")).startsWith("通过需同意的专有面积和人数均占参与表决部分的四分之三以上（含四分之三）");
					PhoneBrowser.shot(page, "7-owner-1-voted.png");
					String receipt = page.textContent("#notice").replaceAll(".*回执：", "").trim();

					// the owner changes its mind: the new ballot counts, the first is kept as superseded
					page.check("input[value=OPPOSE]");
					page.click("#ballot-0 button[type=submit]");
					page.waitForSelector("#notice");
					assertThat(page.textContent("#notice")).startsWith("已投票：反对（此前的选票已被替代）");
					assertThat(page.textContent("#ballot-0 .current b")).isEqualTo("当前选择：反对");
					assertThat(page.locator("#ballot-0 .history li").allTextContents()).satisfiesExactly(
							newest -> assertThat(newest).contains("在线 · 反对", "有效"), oldest -> assertThat(oldest).contains("在线 · 同意", "已被替代"));
					assertThat(page.isChecked("input[value=OPPOSE]")).as("the current choice is preselected").isTrue();
					PhoneBrowser.shot(page, "7-owner-1-changed-vote.png");

					page.navigate(browser.url("/governance/motions/" + motionId + "/board?receipt=" + receipt));
					assertThat(page.textContent("#verdict")).contains("已被您后来的选票替代");
					assertThat(page.textContent("#chain")).contains("完整");
					PhoneBrowser.shot(page, "9-ballot-board-receipt-checked.png");
				}
				else {
					PhoneBrowser.shot(page, "7-owner-" + (i + 1) + "-voted.png");
				}
			}

			clock.advance(Duration.ofHours(2));
			counting.closeDue();
			var result = browser.login(owners[2], LinliTest.PASSWORD);
			result.navigate(browser.url("/governance/motions/" + motionId));
			result.waitForSelector("#result");
			assertThat(result.textContent("#result h2")).isEqualTo("表决结果：参与表决的专有面积或人数不足三分之二，未形成决定");
			assertThat(result.locator("#result tbody tr").nth(1).textContent()).contains("3");
			assertThat(result.locator("#result .tag").count()).isEqualTo(3);
			assertThat(result.textContent("#ballot-0 .current b")).as("the owner's own ballot stays readable").isEqualTo("当前选择：反对");
			fitsThePhone(result);
			PhoneBrowser.shot(result, "8-result-after-close.png");
		}
	}
}
