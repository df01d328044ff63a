package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.appeal.FreshCompound;
import cn.linli.fund.ledger.KeepingTheFund;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.HouseKind;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.security.Actor;

/** An owner checks its house's maintenance fund on the phone: the balance, the first deposit and every entry with its voucher. */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FundBrowserTests {

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
	@Autowired
	KeepingTheFund fund;

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
	void anOwnerReadsItsLedgerOnAPhone() {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "资金页面小区" + System.nanoTime() % 100000, 40, "4000.00", 2);
		long cityUser = jdbc.sql("select id from app_user where username = 'city'").query(Long.class).single();
		var city = new Actor(cityUser, "city", "威海市住房和城乡建设局", Fixtures.weihai());
		fund.open(city, x.id());
		fund.deposit(city, x.id(), new KeepingTheFund.Deposits(Map.of(HouseKind.RESIDENTIAL, 8335L), "BANK-2026-PAGE-0001", "首次交存"));
		fund.allocateInterest(city, x.id(), 3_333L, "INT-2026-PAGE", "2026 年度利息");

		var page = browser.login(x.residents().get(0), LinliTest.PASSWORD);
		page.click("nav >> text=维修资金");
		page.waitForURL("**/app/fund");
		// 95.37 m² at ¥83.35 → ¥7,949.09; the interest of ¥33.33 halves between the two equal flats, the odd fen to the first by id
		assertThat(page.locator(".fund-balance").first().textContent()).isEqualTo("¥7,965.76");
		assertThat(page.locator(".fund-entries li").count()).isEqualTo(2);
		assertThat(page.locator(".fund-entries li").first().textContent()).contains("利息").contains("INT-2026-PAGE").contains("+¥16.67").contains("余额 ¥7,965.76");
		assertThat(page.locator(".fund-entries li").nth(1).textContent()).contains("首次交存").contains("¥7,949.09");
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(page, "fund-1-owner-ledger.png");

		// the whole compound's account, one tap away: both flats' deposits and the interest
		page.click("text=维修资金账户（全小区）");
		page.waitForURL("**/fund/compounds/" + x.id());
		assertThat(page.locator("#fund-account-balance").textContent()).isEqualTo("¥15,931.51");
		assertThat(page.locator("#fund-postings li").count()).isEqualTo(2);
		assertThat(page.locator("#fund-postings li").nth(1).textContent()).contains("首次交存").contains("2 户").contains("+¥15,898.18");
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(page, "fund-2-compound-account.png");

		// the serving company sees the account from the compound's page; a compound without one says so
		var other = FreshCompound.register(jdbc, compounds, houses, contracts, users, "未开户小区" + System.nanoTime() % 100000, 10, "1000.00", 1);
		var company = browser.login("company", LinliTest.PASSWORD);
		company.navigate(browser.url("/compounds/" + x.id()));
		company.click("text=专项维修资金账户");
		company.waitForURL("**/fund/compounds/" + x.id());
		assertThat(company.locator("#fund-account-balance").textContent()).isEqualTo("¥15,931.51");
		company.navigate(browser.url("/fund/compounds/" + other.id()));
		assertThat(company.locator("main").textContent()).contains("尚未开立");
	}

	@Test
	void theBureauOpensBooksAndReconcilesTheAccountOnItsPages() {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "住建记账小区" + System.nanoTime() % 100000, 20, "2000.00", 2);
		var bureau = browser.login("city", LinliTest.PASSWORD);
		bureau.navigate(browser.url("/fund/compounds/" + x.id()));
		bureau.click("#open-form button[type=submit]");
		bureau.locator("#notice").waitFor();
		bureau.click("#deposit-form >> xpath=.. >> summary");
		bureau.fill("#deposit-form input[name=rate_RESIDENTIAL]", "100");
		bureau.fill("#deposit-form input[name=document]", "BANK-DEP-" + x.id());
		bureau.click("#deposit-form button[type=submit]");
		bureau.locator("#notice").waitFor();
		// ¥100 × 95.37 m² for each of the two flats
		assertThat(bureau.locator("#notice").textContent()).contains("首次交存 2 户").contains("¥19,074.00");
		bureau.click("#allocation-form >> xpath=.. >> summary");
		bureau.fill("#allocation-form input[name=amount]", "12.345");
		bureau.fill("#allocation-form input[name=document]", "INT-PAGE-" + x.id());
		bureau.click("#allocation-form button[type=submit]");
		bureau.locator("#error").waitFor();
		assertThat(bureau.locator("#error").textContent()).contains("最多精确到分");
		bureau.click("#allocation-form >> xpath=.. >> summary");
		bureau.fill("#allocation-form input[name=amount]", "12.35");
		bureau.fill("#allocation-form input[name=document]", "INT-PAGE-" + x.id());
		bureau.click("#allocation-form button[type=submit]");
		bureau.locator("#notice").waitFor();
		assertThat(bureau.locator("#fund-account-balance").textContent()).isEqualTo("¥19,086.35");

		String csv = "日期,流水号,金额,摘要\n2026-12-01,BANK-DEP-" + x.id() + ",19074.00,首次交存\n2026-12-01,UNKNOWN-" + x.id() + ",500.00,不明来款\n";
		bureau.click("#statement-form >> xpath=.. >> summary");
		bureau.setInputFiles("#statement-form input[name=file]", new com.microsoft.playwright.options.FilePayload("对账单.csv", "text/csv",
				csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		bureau.click("#statement-form button[type=submit]");
		bureau.locator("#notice").waitFor();
		assertThat(bureau.locator("#notice").textContent()).contains("导入 2 行").contains("匹配 1 行").contains("待处理 1 行");
		assertThat(bureau.locator("#bank-open li").count()).isEqualTo(1);
		assertThat(bureau.locator("#bank-open li").textContent()).contains("UNKNOWN-" + x.id()).contains("账内无此笔");
		assertThat(((Number) bureau.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(bureau, "fund-6-bureau-reconciles.png");
		bureau.fill("#bank-open li input[name=note]", "系误入账，已退回付款单位");
		bureau.click("#bank-open li button[type=submit]");
		bureau.locator("#notice").waitFor();
		assertThat(bureau.locator("#bank-open li").count()).isZero();
	}
}
