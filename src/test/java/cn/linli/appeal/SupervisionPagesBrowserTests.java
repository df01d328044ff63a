package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import cn.linli.LinliTest;
import cn.linli.browser.PhoneBrowser;

/**
 * The pages of the people who supervise and handle, on a 375-px phone, as they use them: each
 * demo supervisor's home shows its work and its board holds escalated appeals, the city saves a
 * clock in hours through the form, a list is narrowed and exported, and the owners' committee
 * follows its compound's appeals in the public column's words.
 */
@LinliTest
class SupervisionPagesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private long openAtLevel(String level, String region) {
		return jdbc.sql("select count(*) from appeal where level = :l and status <> 'CLOSED' and community_code like :r")
			.param("l", level).param("r", region + "%").query(Long.class).single();
	}

	private String regionOf(String username) {
		return jdbc.sql("select region_code from app_user where username = :u").param("u", username).query(String.class).single();
	}

	@Test
	void everySupervisorFindsItsWorkFirstAndEscalatedAppealsOnItsBoard() throws Exception {
		try (var browser = new PhoneBrowser(port)) {
			for (var who : new String[][] { { "community", "COMMUNITY" }, { "street", "STREET" }, { "district", "DISTRICT" }, { "city", "CITY" } }) {
				var page = browser.login(who[0], LinliTest.PASSWORD);
				assertThat(page.url()).endsWith("/dashboard/" + regionOf(who[0]));
				// the work card comes before the coverage
				assertThat(page.locator("#work").count()).isEqualTo(1);
				assertThat(page.locator("#work").boundingBox().y).isLessThan(page.locator("h1").first().boundingBox().y);
				long atLevel = openAtLevel(who[1], regionOf(who[0]));
				assertThat(atLevel).as("the demo history has an open appeal escalated to the " + who[1] + " level").isGreaterThanOrEqualTo(1);
				assertThat(page.locator("#kpi-board b").textContent()).isEqualTo(String.valueOf(atLevel));
				fitsThePhone(page);
				PhoneBrowser.shot(page, "supervision-1-home-" + who[0] + ".png");
				page.click("#kpi-board");
				page.waitForURL("**/appeals/board");
				assertThat(page.locator("#appeals tbody tr td.c-level").allTextContents()).hasSize((int) atLevel)
					.allSatisfy(t -> assertThat(t).isEqualTo(levelLabel(who[1])));
				fitsThePhone(page);
				PhoneBrowser.shot(page, "supervision-2-board-" + who[0] + ".png");
				page.context().close();
			}
			// the community also handles: the company's 派单异议 waits with it to be re-dispatched
			var community = browser.login("community", LinliTest.PASSWORD);
			long returned = jdbc.sql("select count(*) from appeal where status = 'REJECTED_ROUTE' and community_code = :c")
				.param("c", regionOf("community")).query(Long.class).single();
			assertThat(returned).isGreaterThanOrEqualTo(1);
			assertThat(community.locator("#kpi-returned b").textContent()).isEqualTo(String.valueOf(
					returned + jdbc.sql("select count(*) from appeal where status = 'REOPENED' and handler_kind <> 'COMPANY' and community_code = :c")
						.param("c", regionOf("community")).query(Long.class).single()));
		}
	}

	private static String levelLabel(String level) {
		return switch (level) {
			case "COMMUNITY" -> "社区";
			case "STREET" -> "街道";
			case "DISTRICT" -> "区县住建局";
			default -> "市住建局";
		};
	}

	@Test
	void theCitySavesAClockInHoursThroughTheForm() throws Exception {
		try (var browser = new PhoneBrowser(port)) {
			var city = browser.login("city", LinliTest.PASSWORD);
			city.navigate(browser.url("/appeals/policies"));
			var card = city.locator(".policy[data-key='PARKING/URGENT']");
			assertThat(card.locator("summary").textContent()).contains("较急").contains("签收 2 小时 · 办结 1 天 · 督办 4 小时").contains("全国默认");
			card.locator("summary").click();
			// the national default, shown as people say it
			assertThat(card.locator("input[name=accept]").inputValue()).isEqualTo("2");
			assertThat(card.locator("select[name=acceptUnit]").inputValue()).isEqualTo("HOUR");
			assertThat(card.locator("input[name=resolve]").inputValue()).isEqualTo("1");
			assertThat(card.locator("select[name=resolveUnit]").inputValue()).isEqualTo("DAY");
			assertThat(city.textContent("body")).doesNotContain("DOMAIN").doesNotContain("10080");
			fitsThePhone(city);
			PhoneBrowser.shot(city, "supervision-3-policies.png");
			card.locator("input[name=accept]").fill("3");
			card.locator("button:has-text('保存')").click();
			city.waitForSelector(".notice");
			assertThat(city.textContent(".notice")).isEqualTo("已保存，新提交的诉求按新时限计时");
			assertThat(jdbc.sql("select accept_minutes from sla_policy where region_code = '3710' and category = 'PARKING' and urgency = 'URGENT'")
				.query(Integer.class).single()).isEqualTo(180);
			var saved = city.locator(".policy[data-key='PARKING/URGENT']");
			assertThat(saved.locator("input[name=accept]").inputValue()).isEqualTo("3");
			assertThat(saved.locator("summary small").textContent()).isEqualTo("本级设置");
			assertThat(saved.getAttribute("open")).as("the edited row comes back open").isNotNull();
			// a value past a year is refused with a Chinese message, nothing saved
			saved.locator("input[name=resolve]").fill("600");
			saved.locator("select[name=resolveUnit]").selectOption("DAY");
			saved.locator("button:has-text('保存')").click();
			city.waitForSelector(".error");
			assertThat(city.textContent(".error")).contains("办结时限");
			assertThat(jdbc.sql("select resolve_minutes from sla_policy where region_code = '3710' and category = 'PARKING' and urgency = 'URGENT'")
				.query(Integer.class).single()).isEqualTo(1440);
			// and back to the national default
			city.locator(".policy[data-key='PARKING/URGENT'] button:has-text('恢复上级时限')").click();
			city.waitForSelector(".notice");
			assertThat(city.textContent(".notice")).isEqualTo("已恢复上级时限");
			assertThat(jdbc.sql("select count(*) from sla_policy where region_code = '3710' and category = 'PARKING'").query(Long.class).single())
				.isZero();
		}
	}

	@Test
	void aListIsNarrowedByCategoryKindAndKeywordAndExported() throws Exception {
		try (var browser = new PhoneBrowser(port)) {
			var company = browser.login("company", LinliTest.PASSWORD);
			company.navigate(browser.url("/appeals/all"));
			company.selectOption("#filters select[name=category]", "SAFETY");
			company.selectOption("#filters select[name=kind]", "COMPLAINT");
			company.click("#filters button[type=submit]");
			company.waitForURL("**category=SAFETY**");
			long companyId = jdbc.sql("select company_id from app_user where username = 'company'").query(Long.class).single();
			long expected = jdbc.sql("""
					select count(*) from appeal a where a.handler_company_id = :co and a.category = 'SAFETY' and a.kind = 'COMPLAINT'
					  and (exists (select 1 from service_contract sc where sc.company_id = a.handler_company_id and sc.compound_id = a.compound_id
					    and (now() at time zone 'Asia/Shanghai')::date between sc.starts_on and sc.ends_on) or a.routed_outside_contract)""")
				.param("co", companyId).query(Long.class).single();
			assertThat(company.textContent("p.row span.muted")).isEqualTo("共 " + expected + " 条");
			fitsThePhone(company);
			PhoneBrowser.shot(company, "supervision-4-list-filtered.png");
			var download = company.waitForDownload(() -> company.click("#export-csv"));
			assertThat(download.suggestedFilename()).isEqualTo("诉求清单.csv");
			var lines = Files.readAllLines(download.path());
			assertThat(lines.get(0)).startsWith("\uFEFF编号,类型,分类");
			assertThat(lines).hasSize((int) expected + 1);
			assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).contains(",投诉,安全/消防通道,"));
			var excel = company.waitForDownload(() -> company.click("#export-xlsx"));
			assertThat(excel.suggestedFilename()).isEqualTo("诉求清单.xlsx");
			try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(excel.path()))) {
				var sheet = book.getSheetAt(0);
				assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
				assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("分类");
				assertThat(sheet.getLastRowNum()).as("a header and one row per appeal").isEqualTo((int) expected);
				for (int i = 1; i <= expected; i++) {
					assertThat(sheet.getRow(i).getCell(2).getStringCellValue()).isEqualTo("安全/消防通道");
					// the number and the time are typed cells, not text
					assertThat(sheet.getRow(i).getCell(0).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
					assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(sheet.getRow(i).getCell(8))).isTrue();
				}
			}
		}
	}

	@Test
	void theCommitteeFollowsItsCompoundsAppealsInThePublicColumnsWords() throws Exception {
		long showcase = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		try (var browser = new PhoneBrowser(port)) {
			var committee = browser.login("committee", LinliTest.PASSWORD);
			committee.click("nav.nav >> text=诉求");
			committee.waitForURL("**/appeals/all");
			long total = jdbc.sql("select count(*) from appeal where compound_id = :c").param("c", showcase).query(Long.class).single();
			assertThat(committee.textContent("p.row span.muted")).isEqualTo("共 " + total + " 条");
			fitsThePhone(committee);
			PhoneBrowser.shot(committee, "supervision-5-committee-list.png");
			long mine = jdbc.sql("""
					select a.id from appeal a join resident_binding rb on rb.house_id = a.house_id join app_user u on u.id = rb.user_id
					where u.username = 'resident' and a.compound_id = :c order by a.id limit 1""").param("c", showcase).query(Long.class).single();
			committee.navigate(browser.url("/appeals/" + mine));
			String page = committee.textContent("body");
			String house = jdbc.sql("select h.number from house h join appeal a on a.house_id = h.id where a.id = :id").param("id", mine)
				.query(String.class).single();
			assertThat(page).doesNotContain("-" + house).doesNotContain("演示业主");
			assertThat(committee.locator("#handle").count()).as("no handling").isZero();
			assertThat(committee.locator("#supervise").count()).as("no supervision").isZero();
			PhoneBrowser.shot(committee, "supervision-6-committee-detail.png");
		}
	}

	/** Nothing wider than the phone: a page that scrolls sideways hides its last column. */
	static void fitsThePhone(Page page) {
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as(page.url()).isLessThanOrEqualTo(375);
	}
}
