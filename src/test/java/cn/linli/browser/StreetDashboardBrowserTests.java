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
		String streetName = jdbc.sql("select name from region where code = ?").param(street).query(String.class).single();
		assertThat(page.locator("h1").textContent()).isEqualTo(streetName + " 红色物业覆盖");
		// the five coverage figures of DOMAIN §4, each as the oracle counts it over the street's compounds, then the 物业缴费率
		var coverage = page.locator("h1 + .kpis .kpi");
		assertThat(coverage.count()).isEqualTo(7);
		var k = coverage(street);
		assertKpi(coverage.nth(0), rate(k.served(), k.compounds()), "物业覆盖率", k.served() + " / " + k.compounds() + " 个小区");
		assertKpi(coverage.nth(1), rate(k.professional(), k.compounds()), "专业化物业覆盖率", k.professional() + " / " + k.compounds());
		assertKpi(coverage.nth(2), rate(k.committees(), k.eligible()), "业委会组建率", k.committees() + " / " + k.eligible() + " 个具备条件小区");
		assertKpi(coverage.nth(3), rate(k.partyCompanies(), k.companies()), "党组织覆盖率", k.partyCompanies() + " / " + k.companies() + " 家企业");
		assertKpi(coverage.nth(4), String.valueOf(k.gridWorkers()), "兼职网格员", "人");
		var month = java.time.YearMonth.now(cn.linli.shared.time.TimeConfiguration.ZONE);
		var fmt = new cn.linli.shared.web.Formats();
		long[] last = collection(street, month.minusMonths(1));
		assertKpi(coverage.nth(5), rate(last[1], last[0]), "物业缴费率（上月）",
				fmt.yuan(last[1]) + " / " + fmt.yuan(last[0]) + " · " + last[3] + " / " + last[2] + " 户缴清");
		long[] now = collection(street, month);
		assertKpi(coverage.nth(6), rate(now[1], now[0]), "物业缴费率（本月）", fmt.yuan(now[1]) + " / " + fmt.yuan(now[0]));
		assertThat(page.locator("#appeal-indicators").count()).as("the appeal indicators sit beside coverage").isEqualTo(1);
		page.waitForSelector("#chart canvas");
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("1-street-dashboard.png")).setFullPage(true));

		// the communities listed are exactly the street's own that have compounds
		var communities = jdbc.sql("select distinct '/dashboard/' || community_code from compound where community_code like ? || '%'")
			.param(street).query(String.class).list();
		assertThat(page.locator("#children tbody a").all().stream().map(a -> a.getAttribute("href")).toList())
			.containsExactlyInAnyOrderElementsOf(communities);
		page.locator("#children a", new Page.LocatorOptions().setHasText(communityName)).click();
		page.waitForURL("**/dashboard/" + community);
		var listed = page.locator("#children tbody a").allTextContents();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("2-community-dashboard.png")).setFullPage(true));

		page.click("text=查看该区域全部小区");
		page.waitForURL("**/compounds?region=" + community);
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("3-community-compounds.png")).setFullPage(true));
		// twenty a page: the community's compounds are all there, page after page (other tests add compounds to it)
		var compounds = new java.util.ArrayList<>(page.locator("ul.compounds li a").allTextContents());
		for (int next = 1; page.locator("text=下一页 ›").count() > 0; next++) {
			page.click("text=下一页 ›");
			page.waitForURL("**page=" + next + "**");
			compounds.addAll(page.locator("ul.compounds li a").allTextContents());
		}
		assertThat(compounds).containsExactlyInAnyOrderElementsOf(expected);

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
		// what the screenshot shows: the phone sign-in, asking for the number first
		assertThat(page.locator("h1").textContent()).isEqualTo("业主/住户登录");
		var phone = page.locator("input[name=phone]");
		assertThat(phone.getAttribute("inputmode")).isEqualTo("tel");
		assertThat(phone.getAttribute("maxlength")).isEqualTo("11");
		assertThat(phone.isVisible()).isTrue();
		assertThat(page.locator("input[name=consent][type=checkbox]").isChecked()).as("consent is given, not presumed").isFalse();
		assertThat(page.locator("form button[type=submit]").textContent()).isEqualTo("获取验证码");
		assertThat(page.locator("input[name=code]").count()).as("no code is asked before one is sent").isZero();
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		page.screenshot(new Page.ScreenshotOptions().setPath(PhoneBrowser.SHOTS.resolve("5-resident-signup.png")).setFullPage(true));
	}

	record Coverage(long compounds, long served, long professional, long eligible, long committees, long companies, long partyCompanies,
			long gridWorkers) {
	}

	/**
	 * The oracle, written from DOMAIN §4 and the README: over the compounds of the region, served = a service mode other than NONE,
	 * professional = PROFESSIONAL, committees in term among the compounds of at least 30 households, the distinct companies under a
	 * contract in force and those of them with a party organisation, and the distinct staff who are grid workers at those compounds.
	 */
	Coverage coverage(String region) {
		return jdbc.sql("""
				with cs as (select * from compound where community_code like :r || '%')
				select (select count(*) from cs),
				  (select count(*) from cs where service_mode <> 'NONE'),
				  (select count(*) from cs where service_mode = 'PROFESSIONAL'),
				  (select count(*) from cs where households >= 30),
				  (select count(*) from cs where households >= 30 and exists (select 1 from owners_committee oc
				     where oc.compound_id = cs.id and oc.formed_on <= :today and :today < oc.term_ends_on)),
				  (select count(distinct pc.id) from cs join service_contract sc on sc.compound_id = cs.id and :today between sc.starts_on and sc.ends_on
				     join property_company pc on pc.id = sc.company_id),
				  (select count(distinct pc.id) from cs join service_contract sc on sc.compound_id = cs.id and :today between sc.starts_on and sc.ends_on
				     join property_company pc on pc.id = sc.company_id where pc.party_org <> 'NONE'),
				  (select count(distinct s.id) from cs join staff_compound stc on stc.compound_id = cs.id join staff s on s.id = stc.staff_id
				     where s.grid_worker)""")
			.param("r", region).param("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")))
			.query((rs, n) -> new Coverage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
					rs.getLong(8)))
			.single();
	}

	/** A share in per cent with one decimal, as the dashboard prints it; "—" where there is nothing to divide by. */
	/** Billed, collected, bills, bills paid in full: the street's compounds' bills of a month, counted here. */
	long[] collection(String region, java.time.YearMonth month) {
		return jdbc.sql("""
				select coalesce(sum(b.amount_fen), 0), coalesce(sum(b.paid_fen), 0), count(*), count(*) filter (where b.paid_fen = b.amount_fen)
				from fee_bill b join compound c on c.id = b.compound_id where c.community_code like ? and b.period = ?""")
			.param(region + "%").param(java.sql.Date.valueOf(month.atDay(1)))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) }).single();
	}

	static String rate(long part, long whole) {
		return whole == 0 ? "—" : java.math.BigDecimal.valueOf(part * 100L).divide(java.math.BigDecimal.valueOf(whole), 1,
				java.math.RoundingMode.HALF_UP).toPlainString() + "%";
	}

	static void assertKpi(com.microsoft.playwright.Locator kpi, String value, String label, String counts) {
		assertThat(kpi.locator("b").textContent()).as(label).isEqualTo(value);
		assertThat(kpi.locator("span").textContent()).isEqualTo(label);
		assertThat(kpi.locator("small").textContent()).as(label).isEqualTo(counts);
	}
}
