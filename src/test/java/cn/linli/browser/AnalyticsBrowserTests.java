package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.Projected;
import cn.linli.appeal.AppealKind;
import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.intake.RaisingAnAppeal;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.time.TimeConfiguration;

/**
 * 科学分析 as the people who use it see it: the city officer's home with the trend and hot spots, the
 * indicators page with the fair ranking, the complaint map with a click through to a compound, the
 * topics and the monthly bulletin on a phone; the command centre's wall at 1920×1080 taking a new
 * appeal into its live feed without a reload; a resident told the category while typing.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsBrowserTests {

	@LocalServerPort
	int port;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	Projected projected;
	@Autowired
	RaisingAnAppeal raising;
	@Autowired
	MutableClock clock;

	PhoneBrowser browser;

	@BeforeAll
	void launch() throws Exception {
		browser = new PhoneBrowser(port);
	}

	@AfterAll
	void close() {
		browser.close();
	}

	@Test
	void aCityOfficerReadsTrendsRankingMapTopicsAndTheBulletinOnAPhone() {
		projected.now();
		var page = browser.login("city", LinliTest.PASSWORD);
		page.waitForURL("**/dashboard/3710");
		page.waitForSelector("#home-trend canvas");
		assertThat(page.locator("#hotspots").count()).isEqualTo(1);
		fits(page, 375);
		PhoneBrowser.shot(page, "analytics-1-city-home-trend.png");

		page.navigate(browser.url("/appeals/indicators/3710"));
		page.waitForSelector("#trend canvas");
		assertThat(page.locator("#ranking tbody tr").count()).isPositive();
		assertThat(page.locator("#ranking tbody tr").first().locator("td").nth(3).textContent()).matches("\\d+\\.\\d%–\\d+\\.\\d%|—");
		page.click("text=近 13 个月");
		page.waitForURL("**grain=MONTH**");
		page.waitForSelector("#trend canvas");
		fits(page, 375);
		PhoneBrowser.shot(page, "analytics-2-indicators-trend-ranking.png");

		page.navigate(browser.url("/analytics/map/3710"));
		page.waitForSelector("#complaint-map[data-ready=true] canvas");
		fits(page, 375);
		PhoneBrowser.shot(page, "analytics-3-map-density.png");
		// a click on a compound's point opens its public column
		var target = jdbc.sql("select id, longitude, latitude from compound where community_code like '3710%' and latitude is not null order by households desc limit 1")
			.query((rs, n) -> new double[] { rs.getLong(1), rs.getDouble(2), rs.getDouble(3) }).single();
		page.evaluate("p => { var c = echarts.getInstanceByDom(document.getElementById('complaint-map'));"
				+ " var s = c.getOption().series[0]; var i = s.data.findIndex(d => d.id === p[0]);"
				+ " c.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i }); }", java.util.List.of((int) target[0]));
		@SuppressWarnings("unchecked")
		var xy = (java.util.List<Number>) page.evaluate("p => echarts.getInstanceByDom(document.getElementById('complaint-map'))"
				+ ".convertToPixel({ geoIndex: 0 }, [p[0], p[1]])", java.util.List.of(target[1], target[2]));
		var box = page.locator("#complaint-map").boundingBox();
		page.mouse().click(box.x + xy.get(0).doubleValue(), box.y + xy.get(1).doubleValue());
		page.waitForURL("**/public/compounds/**");
		assertThat(page.url()).contains("/public/compounds/");
		page.navigate(browser.url("/analytics/map/3710?by=satisfaction"));
		page.waitForSelector("#complaint-map[data-ready=true] canvas");
		PhoneBrowser.shot(page, "analytics-4-map-satisfaction.png");

		page.navigate(browser.url("/analytics/topics/3710?days=90"));
		assertThat(page.locator("h1").textContent()).isEqualTo("威海市 诉求话题");
		fits(page, 375);
		PhoneBrowser.shot(page, "analytics-5-topics.png");

		var month = YearMonth.from(TimeConfiguration.today(clock)).minusMonths(1);
		page.navigate(browser.url("/analytics/bulletins/3710/" + month));
		assertThat(page.locator("h1").textContent()).isEqualTo("威海市 " + month + " 月度通报");
		assertThat(page.locator("#bulletin-table-0 tbody tr").count()).isPositive();
		page.fill("input[name=response]", "30");
		page.fill("input[name=resolution]", "30");
		page.fill("input[name=satisfaction]", "40");
		page.click("#weights-form button[type=submit]");
		page.waitForSelector("text=通报权重已保存");
		fits(page, 375);
		PhoneBrowser.shot(page, "analytics-6-bulletin.png");
		var download = page.waitForDownload(() -> page.click("text=下载 PDF"));
		assertThat(download.suggestedFilename()).endsWith(".pdf");
	}

	@Test
	void theCommandCentreWallShowsANewAppealWithoutAReload() {
		projected.now();
		var wall = browser.screen(1920, 1080);
		wall.navigate(browser.url("/login"));
		wall.fill("input[name=username]", "city");
		wall.fill("input[name=password]", LinliTest.PASSWORD);
		wall.click("button[type=submit]");
		wall.waitForURL("**/dashboard/3710");
		wall.navigate(browser.url("/analytics/screen/3710"));
		wall.waitForSelector("#complaint-map[data-ready=true] canvas");
		wall.waitForSelector("#screen-trend canvas");
		assertThat(((Number) wall.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(1920);
		assertThat(((Number) wall.evaluate("document.documentElement.scrollHeight")).intValue()).isLessThanOrEqualTo(1080);
		PhoneBrowser.shot(wall, "analytics-7-command-screen.png");
		wall.evaluate("window.__loaded = true");

		long house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
			.query(Long.class).single();
		long compound = jdbc.sql("select b.compound_id from house h join building b on b.id = h.building_id where h.id = :h").param("h", house)
			.query(Long.class).single();
		long userId = jdbc.sql("select id from app_user where username = 'resident'").query(Long.class).single();
		var resident = new Actor(userId, "resident", "演示业主", new Scope(Role.RESIDENT, null, null, null, Set.of(compound), Set.of(house)));
		long id = raising.raise(resident, new NewAppeal(AppealKind.REPAIR, "GREENING", Urgency.NORMAL, "大屏测试：中心花园的喷泉池水发绿发臭", house, null, null,
				null, null), null).id();
		projected.now();
		wall.waitForSelector("#feed li[data-id='" + id + "']", new Page.WaitForSelectorOptions().setTimeout(30_000));
		assertThat(wall.evaluate("window.__loaded")).as("the page was not reloaded").isEqualTo(true);
		assertThat(wall.locator("#feed li[data-id='" + id + "']").textContent()).contains("喷泉池水发绿发臭").contains("绿化");
		PhoneBrowser.shot(wall, "analytics-8-command-screen-new-appeal.png");
	}

	@Test
	void aResidentIsToldTheCategoryWhileTyping() {
		var page = browser.login("resident", LinliTest.PASSWORD);
		page.navigate(browser.url("/app/appeals/new"));
		page.waitForSelector("#appeal-form");
		page.locator("textarea[name=body]").pressSequentially("三号楼的电梯停在五楼不动了，里面好像有人被困", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
		page.waitForSelector("#category-suggestions button[data-category]");
		assertThat(page.locator("#category-suggestions button").first().textContent()).startsWith("设施设备/电梯");
		page.locator("#category-suggestions button").first().click();
		assertThat(page.inputValue("select[name=category]")).isEqualTo("FACILITY");
		// choosing it asks the category's own question, as choosing it by hand does
		page.waitForSelector("select[name='attr[trapped]']");
		fits(page, 375);
		PhoneBrowser.shot(page, "analytics-9-category-suggestion.png");
	}

	private static void fits(Page page, int width) {
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(page.url()).isLessThanOrEqualTo(width);
	}
}
