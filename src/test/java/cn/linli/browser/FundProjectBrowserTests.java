package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.options.FilePayload;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.appeal.FreshCompound;
import cn.linli.fund.ledger.KeepingTheFund;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.HouseKind;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.security.Actor;

/**
 * On the phone: the committee proposes a repair paid from the fund (forgetting the Art. 25
 * statement first), and puts the posted plan to the owners' vote a week later; the company reports
 * an emergency with a photo, the committee confirms it on site, the bureau approves and pays 70 %.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FundProjectBrowserTests {

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
	FilingCommittees committees;
	@Autowired
	KeepingTheFund fund;
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

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void theCommitteeProposesARepairAndTheBureauApprovesAnEmergency() {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "维修页面小区" + System.nanoTime() % 100000, 30, "3000.00", 3);
		String committee = x.committee(committees, users);
		long cityUser = jdbc.sql("select id from app_user where username = 'city'").query(Long.class).single();
		var city = new Actor(cityUser, "city", "威海市住房和城乡建设局", Fixtures.weihai());
		fund.open(city, x.id());
		fund.deposit(city, x.id(), new KeepingTheFund.Deposits(Map.of(HouseKind.RESIDENTIAL, 10_000L), "PAGE-D-" + x.id(), ""));

		var page = browser.login(committee, LinliTest.PASSWORD);
		page.navigate(browser.url("/compounds/" + x.id()));
		page.click("#compound-fund-projects");
		page.waitForURL("**/fund/compounds/" + x.id() + "/projects");
		page.fill("#project-form input[name=title]", "1号楼外墙修补");
		page.fill("#project-form textarea[name=reason]", "外墙空鼓开裂，雨季渗水");
		page.check("#project-form input[name=scope][value=BUILDINGS]");
		page.check("#project-form input[name=buildingIds]");
		page.fill("#project-form input[name=budget]", "36000.5");
		page.fill("#project-form textarea[name=quotes]", "威海某建筑公司 36,000.50 元");
		page.click("#project-form button[type=submit]");
		page.locator("#project-form small.error").first().waitFor();
		assertThat(page.locator("#project-form .error").allTextContents()).anySatisfy(t -> assertThat(t).contains("165号令第二十五条"));
		assertThat(page.inputValue("#project-form input[name=budget]")).as("what was typed stays").isEqualTo("36000.5");
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(page, "fund-3-committee-proposes.png");
		page.check("#project-form input[name=notExcluded]");
		page.setInputFiles("#project-form input[name=files]", new FilePayload("报价单.pdf", "application/pdf", "%PDF-1.4 quote".getBytes()));
		page.click("#project-form button[type=submit]");
		page.waitForURL("**/fund/projects/*");
		assertThat(page.locator("#notice").textContent()).contains("公示 7 天");
		assertThat(page.locator("#project-status").textContent()).isEqualTo("方案公示中");
		assertThat(page.locator("#project").textContent()).contains("¥36,000.50").contains("报价：报价单.pdf");
		assertThat(page.locator("#project-shares li").count()).isEqualTo(3);

		// a week later the committee puts it to the vote; the community reviews and publishes it as any other motion
		page.click("#vote-form button[type=submit]");
		page.locator("#error").waitFor();
		assertThat(page.locator("#error").textContent()).contains("公示不满 7 天");
		clock.advance(Duration.ofDays(7).plusMinutes(10));
		page.click("#vote-form button[type=submit]");
		page.locator("#notice").waitFor();
		assertThat(page.locator("#notice").textContent()).contains("已发起业主表决");
		assertThat(page.locator("#project-status").textContent()).isEqualTo("业主表决中");
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
		PhoneBrowser.shot(page, "fund-4-project-voting.png");

		// an emergency: the company reports it with a photo, the committee confirms, the bureau approves
		var company = browser.login("company", LinliTest.PASSWORD);
		company.navigate(browser.url("/fund/compounds/" + x.id() + "/emergencies/new"));
		company.selectOption("select[name=hazard]", "DRAIN");
		company.fill("#emergency-form input[name=title]", "地下主排水管爆裂抢修");
		company.fill("#emergency-form textarea[name=reason]", "主排水管爆裂，地下室进水");
		company.fill("#emergency-form input[name=affectedOwners]", "住户1、住户2");
		company.fill("#emergency-form input[name=budget]", "8000");
		company.check("#emergency-form input[name=notExcluded]");
		company.setInputFiles("#emergency-form input[name=files]", new FilePayload("现场.png", "image/png",
				new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 }));
		company.click("#emergency-form button[type=submit]");
		company.waitForURL("**/fund/projects/*");
		String emergency = company.url();
		assertThat(company.locator("#project-status").textContent()).isEqualTo("应急：待联合确认");
		assertThat(company.locator("#confirm-form").count()).as("the reporter does not confirm itself").isZero();

		page.navigate(emergency);
		page.click("#confirm-form button[type=submit]");
		page.locator("#notice").waitFor();
		assertThat(page.locator("#project-status").textContent()).isEqualTo("应急：已联合确认，待审核");

		var bureau = browser.login("city", LinliTest.PASSWORD);
		bureau.navigate(emergency);
		bureau.fill("#approve-form input[name=document]", "EM-PAGE-" + x.id());
		bureau.click("#approve-form button[type=submit]");
		bureau.locator("#notice").waitFor();
		assertThat(bureau.locator("#notice").textContent()).contains("已批准并预付 70%");
		assertThat(bureau.locator("#project-payments").textContent()).contains("¥5,600.00").contains("EM-PAGE-" + x.id());
		assertThat(bureau.locator("#project-shares li").first().textContent()).contains("¥1,866.67");
		PhoneBrowser.shot(bureau, "fund-5-emergency-approved.png");
	}
}
