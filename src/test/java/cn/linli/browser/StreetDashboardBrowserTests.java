package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import cn.linli.LinliTest;

/**
 * What a street officer does on a phone: log in, open the dashboard, drill into a community and
 * see exactly that community's compounds. Screenshots go to {@code target/screenshots}.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreetDashboardBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	PhoneBrowser browser;

	@BeforeAll
	void launch() throws Exception {
		browser = new PhoneBrowser(port);
	}

	@AfterAll
	void close() {
		browser.close();
	}

	Page phone() {
		return browser.phone();
	}

	String url(String path) {
		return browser.url(path);
	}

	@Test
	void aStreetOfficerDrillsIntoACommunityAndSeesOnlyItsCompounds() {
		String street = jdbc.sql("select region_code from app_user where username = 'street'").query(String.class).single();
		String community = jdbc.sql("select region_code from app_user where username = 'community'").query(String.class).single();
		String communityName = jdbc.sql("select name from region where code = ?").param(community).query(String.class).single();
		List<String> expected = jdbc.sql("select name from compound where community_code = ? order by name").param(community)
			.query(String.class).list();

		var page = phone();
		page.navigate(url("/login"));
		page.fill("input[name=username]", "street");
		page.fill("input[name=password]", LinliTest.PASSWORD);
		page.click("button[type=submit]");
		page.waitForURL("**/dashboard/" + street);
		assertThat(page.locator("h1").textContent()).contains("红色物业覆盖");
		assertThat(page.locator(".kpis").first().locator(".kpi").count()).isEqualTo(5);
		assertThat(page.locator("#appeal-indicators").count()).as("the appeal indicators sit beside coverage").isEqualTo(1);
		page.waitForSelector("#chart canvas");
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("1-street-dashboard.png")).setFullPage(true));

		// the communities listed are the street's own
		for (String code : page.locator("#children tbody a").all().stream().map(a -> a.getAttribute("href")).toList()) {
			assertThat(code).startsWith("/dashboard/" + street);
		}
		page.locator("#children a", new Page.LocatorOptions().setHasText(communityName)).click();
		page.waitForURL("**/dashboard/" + community);
		var listed = page.locator("#children tbody a").allTextContents();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("2-community-dashboard.png")).setFullPage(true));

		page.click("text=查看该区域全部小区");
		page.waitForURL("**/compounds?region=" + community);
		var compounds = page.locator("ul.compounds li a").allTextContents();
		assertThat(compounds).containsExactlyInAnyOrderElementsOf(expected);
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("3-community-compounds.png")).setFullPage(true));

		// the page fits a 375-px phone: nothing wider than the viewport outside scrollable tables
		Number width = (Number) page.evaluate("document.documentElement.scrollWidth");
		assertThat(width.intValue()).isLessThanOrEqualTo(375);

		// another district's compound is not there for this officer
		long foreign = jdbc.sql("select id from compound where community_code like '371003%' order by id limit 1").query(Long.class).single();
		var response = page.navigate(url("/compounds/" + foreign));
		assertThat(response.status()).isEqualTo(404);
		assertThat(page.locator("h1").textContent()).isEqualTo("未找到");
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("4-foreign-compound-refused.png")));
	}

	@Test
	void theResidentAppIsInstallable() {
		var page = phone();
		page.navigate(url("/app/signup"));
		assertThat(page.locator("link[rel=manifest]").getAttribute("href")).isEqualTo("/manifest.webmanifest");
		var manifest = page.request().get(url("/manifest.webmanifest"));
		assertThat(manifest.ok()).isTrue();
		assertThat(manifest.text()).contains("\"display\": \"standalone\"", "icon-512.png");
		assertThat(page.request().get(url("/icons/icon-512.png")).ok()).isTrue();
		page.waitForFunction("navigator.serviceWorker.getRegistration().then(r => !!r && !!r.active)");
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("5-resident-signup.png")).setFullPage(true));
	}
}
