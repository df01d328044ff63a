package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.options.FilePayload;

import cn.linli.LinliTest;
import cn.linli.appeal.FreshCompound;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;

/**
 * The company posts a notice with an attachment through the board's form (a mistake first, told
 * in Chinese beside its field); a resident finds it unread under 公告 on the phone, opens it, and
 * is counted as a reader.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeBrowserTests {

	@LocalServerPort
	int port;
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
	void theCompanyPostsANoticeAndAResidentReadsItOnThePhone() {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "公告页面小区" + System.nanoTime() % 100000, 20, "2000.00", 2);
		var company = browser.login("company", LinliTest.PASSWORD);
		company.navigate(browser.url("/compounds/" + x.id()));
		company.click("#compound-notices");
		company.waitForURL("**/compounds/" + x.id() + "/notices");
		assertThat(company.locator("#disclosure-checklist li").count()).as("the seven duties of the provider").isEqualTo(7);
		company.selectOption("select[name=duty]", "FEES");
		company.fill("input[name=title]", "2027年度物业服务收费标准");
		company.fill("textarea[name=body]", "住宅物业费：每月每平方米 1.20 元（政府指导价，基准价 1.20 元，上下浮动不超过 10%）。价格举报电话 12358。");
		company.fill("input[name=days]", "7");
		company.click("#notice-form button[type=submit]");
		assertThat(company.locator("#notice-form .error").allTextContents()).anySatisfy(t -> assertThat(t).contains("公示期应为 30–366 天"));
		assertThat(company.inputValue("input[name=title]")).as("what was typed stays").isEqualTo("2027年度物业服务收费标准");
		company.fill("input[name=days]", "30");
		company.setInputFiles("input[name=files]", new FilePayload("价目表.pdf", "application/pdf", "%PDF-1.4 price board".getBytes()));
		company.click("#notice-form button[type=submit]");
		company.waitForURL("**/notices/*");
		assertThat(company.locator("#notice").textContent()).contains("公告已发布");
		assertThat(company.locator("#notice-body").textContent()).contains("收费项目与标准").contains("附件：价目表.pdf").contains("已读 0");

		var resident = browser.login(x.residents().get(0), LinliTest.PASSWORD);
		resident.click("nav >> text=公告");
		resident.waitForURL("**/app/notices");
		assertThat(resident.locator("#my-notices li").first().textContent()).contains("2027年度物业服务收费标准").contains("未读");
		assertThat(((Number) resident.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(resident, "notice-1-resident-list.png");
		resident.click("#my-notices li a");
		resident.waitForURL("**/notices/*");
		assertThat(resident.locator("#notice-body").textContent()).contains("12358").contains("已读 1");
		assertThat(((Number) resident.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(resident, "notice-2-resident-reads.png");
		var pdf = resident.request().get(browser.url(resident.locator("text=附件：价目表.pdf").getAttribute("href")));
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");

		company.navigate(browser.url("/compounds/" + x.id() + "/notices"));
		assertThat(company.locator("#notices li").first().textContent()).contains("已读 1");
		assertThat(company.locator("#disclosure-checklist li").first().textContent()).contains("服务事项");
		PhoneBrowser.shot(company, "notice-3-board.png");
	}
}
