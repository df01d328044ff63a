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
}
