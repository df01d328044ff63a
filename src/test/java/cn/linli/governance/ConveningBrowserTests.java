package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.format.DateTimeFormatter;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.browser.PhoneBrowser;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.time.TimeConfiguration;

/**
 * On a phone: the committee convenes an election with two mistakes and gets its form back as
 * typed with both errors beside their fields; the community returns the draft with a reason; the
 * committee revises and resubmits it; the community publishes.
 */
@LinliTest
class ConveningBrowserTests {

	@LocalServerPort
	int port;

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
	MutableClock clock;

	@Test
	void aRefusedFormKeepsWhatWasTypedAndAReturnedDraftIsRevisedAndPublished() throws Exception {
		var vc = VotingCompound.create(compounds, houses, committees, users, jdbc, 60);
		var local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
		var now = clock.instant().atZone(TimeConfiguration.ZONE).toLocalDateTime();
		String a = String.valueOf(vc.owners.get("A"));
		String c = String.valueOf(vc.owners.get("C"));
		String f = String.valueOf(vc.owners.get("F"));
		try (var browser = new PhoneBrowser(port)) {
			var committee = browser.login(vc.committee, LinliTest.PASSWORD);
			committee.navigate(browser.url("/governance/compounds/" + vc.id));
			committee.click("#convene summary");
			committee.selectOption("select[name=matter]", "3");
			committee.fill("input[name=title]", "选举第一届业主委员会");
			committee.fill("textarea[name=body]", "应选委员3名，候选人见下。");
			committee.fill("input[name=seats]", "3");
			committee.selectOption("select[name=candidateIds]", new String[] { a, c });
			committee.fill("input[name=opensAt]", now.plusHours(2).format(local));
			committee.fill("input[name=closesAt]", now.plusHours(1).format(local));
			committee.click("#convene form button[type=submit]");
			committee.waitForSelector("#convene .error");
			assertThat(committee.textContent("#convene p.error")).isEqualTo("请修改标出的内容后再提交（2 处）");
			assertThat(committee.locator("#convene small.error").allTextContents()).containsExactly("候选人不能少于应选席位数", "截止时间应晚于开始时间");
			assertThat(committee.locator("select[name=candidateIds] + small.error").textContent()).isEqualTo("候选人不能少于应选席位数");
			assertThat(committee.locator("input[name=closesAt] + small.error").textContent()).isEqualTo("截止时间应晚于开始时间");
			assertThat(committee.inputValue("input[name=title]")).isEqualTo("选举第一届业主委员会");
			assertThat(committee.inputValue("textarea[name=body]")).isEqualTo("应选委员3名，候选人见下。");
			assertThat(committee.inputValue("input[name=seats]")).isEqualTo("3");
			assertThat(committee.inputValue("select[name=matter]")).isEqualTo("3");
			assertThat(committee.inputValue("input[name=opensAt]")).isEqualTo(now.plusHours(2).format(local));
			assertThat(committee.evaluate("Array.from(document.querySelector('select[name=candidateIds]').selectedOptions).map(o => o.value)"))
				.asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(a, c);
			assertThat(committee.getAttribute("input[name=closesAt]", "class")).contains("invalid");
			PhoneBrowser.shot(committee, "10-convene-form-errors-kept.png");

			committee.selectOption("select[name=candidateIds]", new String[] { a, c, f });
			committee.fill("input[name=opensAt]", now.minusMinutes(5).format(local));
			committee.fill("input[name=closesAt]", now.plusDays(3).format(local));
			committee.click("#convene form button[type=submit]");
			committee.waitForURL("**/governance/motions/*");
			assertThat(committee.textContent("#notice")).isEqualTo("已提交，待社区审核发布");
			assertThat(committee.textContent("#status")).isEqualTo("待社区审核发布");
			String motionUrl = committee.url();

			var community = browser.login("community", LinliTest.PASSWORD);
			community.navigate(motionUrl);
			community.fill("#return textarea[name=reason]", "候选人简历未附，请补充后再提交");
			community.click("#return button[type=submit]");
			community.waitForSelector("#notice");
			assertThat(community.textContent("#notice")).isEqualTo("已退回召集人修改");
			assertThat(community.textContent("#status")).isEqualTo("已退回召集人修改");
			assertThat(community.textContent("#returnReason")).isEqualTo("社区退回理由：候选人简历未附，请补充后再提交");
			assertThat(community.locator("#publish").count()).as("a returned draft is not published").isZero();
			PhoneBrowser.shot(community, "11-community-returns-draft.png");

			committee.navigate(motionUrl);
			assertThat(committee.textContent("#returnReason")).isEqualTo("社区退回理由：候选人简历未附，请补充后再提交");
			committee.click("#edit");
			committee.waitForURL("**/edit");
			assertThat(committee.inputValue("input[name=title]")).isEqualTo("选举第一届业主委员会");
			committee.fill("textarea[name=body]", "应选委员3名。附：候选人简历三份。");
			PhoneBrowser.shot(committee, "12-committee-revises-draft.png");
			committee.click("form.card button[type=submit]");
			committee.waitForURL(motionUrl);
			assertThat(committee.textContent("#notice")).isEqualTo("已修改并重新提交，待社区审核发布");
			assertThat(committee.textContent("#status")).isEqualTo("待社区审核发布");
			assertThat(committee.textContent("#returnReason")).isEqualTo("上次退回理由：候选人简历未附，请补充后再提交");

			community.navigate(motionUrl);
			assertThat(community.textContent(".card p[style]")).isEqualTo("应选委员3名。附：候选人简历三份。");
			community.click("#publish");
			community.waitForSelector("#roll");
			assertThat(community.textContent("#notice")).isEqualTo("已发布，表决名册已冻结");
			assertThat(community.textContent("#status")).isEqualTo("投票中");
			assertThat(community.textContent("#roll")).isEqualTo("6 人，专有面积 570.00 m²");
			PhoneBrowser.shot(community, "13-community-publishes-revised.png");
		}
	}
}
