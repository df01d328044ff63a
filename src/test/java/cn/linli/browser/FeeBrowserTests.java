package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.appeal.FreshCompound;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The company puts its fee on the price board, bills the month and records a transfer, and books a
 * common income, all from the phone; a resident then sees its bill paid with its receipt and the
 * compound's price board and income.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeeBrowserTests {

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
	void theCompanyBillsAndTheResidentSeesItsReceipt() {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "缴费页面小区" + System.nanoTime() % 100000, 20, "2000.00", 2);
		var company = browser.login("company", LinliTest.PASSWORD);
		company.navigate(browser.url("/compounds/" + x.id()));
		company.click("#compound-fees");
		company.waitForURL("**/fees/compounds/" + x.id());
		company.click("#item-form >> xpath=.. >> summary");
		company.fill("#item-form input[name=name]", "物业服务费");
		company.fill("#item-form input[name=content]", "保洁、秩序维护、绿化养护");
		company.fill("#item-form input[name=standard]", "二级服务标准");
		company.fill("#item-form input[name=rate]", "1.30");
		company.fill("#item-form input[name=baseRate]", "1.20");
		company.fill("#item-form input[name=floatPercent]", "10");
		company.fill("#item-form input[name=basis]", "威价发〔2024〕12号");
		company.fill("#item-form input[name=startsOn]", "2026-01-01");
		company.click("#item-form button[type=submit]");
		company.locator("#notice").waitFor();
		assertThat(company.locator("#price-board li").first().textContent()).contains("物业服务费").contains("¥1.30/m²·月").contains("政府指导价");

		company.click("#issue-form button[type=submit]");
		company.locator("#notice").waitFor();
		// ¥1.30 × 95.37 m² = ¥123.98 a flat
		assertThat(company.locator("#notice").textContent()).contains("开具账单 2 户").contains("¥247.96");
		company.fill("#bills li >> nth=0 >> input[name=reference]", "BANK-PAGE-" + x.id());
		company.click("#bills li >> nth=0 >> button[type=submit]");
		company.locator("#notice").waitFor();
		assertThat(company.locator("#notice").textContent()).contains("收据号 SJ");
		assertThat(company.locator("#collection").textContent()).contains("50.0%").contains("1 / 2 户缴清");

		company.click("#income-form >> xpath=.. >> summary");
		company.fill("#income-form input[name=description]", "电梯轿厢广告（2026 年度）");
		company.fill("#income-form input[name=gross]", "12000");
		company.fill("#income-form input[name=cost]", "1200");
		company.fill("#income-form input[name=contractNo]", "GG-2026-" + x.id());
		company.fill("#income-form input[name=receiptRef]", "SK-PAGE-" + x.id());
		company.fill("#income-form input[name=receivedOn]", java.time.LocalDate.now(TimeConfiguration.ZONE).toString());
		company.click("#income-form button[type=submit]");
		company.locator("#notice").waitFor();
		assertThat(company.locator("#income-totals").textContent()).contains("¥10,800.00");
		assertThat(((Number) company.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(company, "fee-1-company-bills.png");

		// the supervisors' dashboard shows the month's 物业缴费率 of its region beside the coverage
		var street = browser.login("street", LinliTest.PASSWORD);
		String streetCode = jdbc.sql("select region_code from app_user where username = 'street'").query(String.class).single();
		street.navigate(browser.url("/dashboard/" + streetCode));
		assertThat(street.locator("#kpi-collection").count()).isEqualTo(1);
		assertThat(street.locator("#kpi-collection").textContent()).contains("物业缴费率（上月）");
		// the region's month: the demo's showcase compound and this one's two flats, one paid
		assertThat(street.locator("#kpi-collection + .kpi").textContent()).contains("物业缴费率（本月）").matches("(?s).*\\d+\\.\\d%.*");
		PhoneBrowser.shot(street, "fee-4-street-dashboard.png");
		street.navigate(browser.url("/fees/collection"));
		assertThat(street.locator("#collection-rows").textContent()).contains("缴费页面小区").contains("50.0%");

		var resident = browser.login(x.residents().get(0), LinliTest.PASSWORD);
		resident.click("nav >> text=物业费");
		resident.waitForURL("**/app/bills");
		var bill = resident.locator("#my-bills li").first().textContent();
		assertThat(bill).contains(YearMonth.now(TimeConfiguration.ZONE).toString()).contains("已缴清").contains("物业服务费：1.30 元/m²×95.37 m² = ¥123.98")
			.contains("收据 SJ");
		assertThat(((Number) resident.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(resident, "fee-2-resident-bills.png");
		resident.click(".compound-fees");
		resident.waitForURL("**/fees/compounds/" + x.id());
		assertThat(resident.locator("#income").textContent()).contains("电梯轿厢广告");
		assertThat(resident.locator("#bills").count()).as("no neighbour's bill").isZero();
		assertThat(resident.locator("#item-form").count()).isZero();
		PhoneBrowser.shot(resident, "fee-3-resident-compound.png");
	}
}
