package cn.linli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestSupport.RecordingSmsSender;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffDetails;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Accounts as people use them on a 375-px phone: a resident signs in by SMS code after agreeing to
 * the privacy notice and is told to bind a house; the operator creates a user by picking its
 * company, resets its password and disables it after confirming; the new user replaces its
 * temporary password; a company admin gives a staff member a login and withdraws it.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordingSmsSender sms;

	@Autowired
	MutableClock clock;

	@Autowired
	RegisteringStaff staff;

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

	static void fitsThePhone(Page page) {
		Number width = (Number) page.evaluate("document.documentElement.scrollWidth");
		assertThat(width.intValue()).as("nothing wider than the 375-px phone on " + page.url()).isLessThanOrEqualTo(375);
	}

	static String masked(String phone) {
		return phone.substring(0, 3) + "****" + phone.substring(7);
	}

	@Test
	void aResidentSignsInByPhoneAfterAgreeingToTheNoticeAndIsToldToBindAHouse() {
		String phone = Fixtures.phone();
		var page = browser.phone();
		page.navigate(browser.url("/app/signup"));
		page.fill("input[name=phone]", phone);
		page.click("button:has-text('获取验证码')");
		page.waitForSelector("#consent-error");
		assertThat(page.textContent("#consent-error")).isEqualTo("请先阅读并同意《个人信息保护说明》");
		assertThat(jdbc.sql("select count(*) from sms_code where phone = ?").param(phone).query(Long.class).single())
			.as("no code is sent without consent").isZero();
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-01-signup-without-consent.png");

		page.check("input[name=consent]");
		page.click("button:has-text('获取验证码')");
		page.waitForSelector("#sent-to");
		assertThat(page.textContent("#sent-to")).isEqualTo("验证码已发送至 " + masked(phone) + "，5分钟内有效。");
		assertThat(page.isDisabled("#resend")).as("a resend waits for the countdown").isTrue();
		assertThat(page.textContent("#resend")).matches("(60|59|58) 秒后可重新获取");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-02-code-sent-countdown.png");

		// a wrong code is refused beside the field; once the minute is over another code may be asked for
		clock.advance(Duration.ofSeconds(61));
		page.fill("input[name=code]", sms.lastCode(phone).equals("000000") ? "111111" : "000000");
		page.click("button:has-text('登录')");
		page.waitForSelector("#code-error");
		assertThat(page.textContent("#code-error")).isEqualTo("验证码错误或已过期，请重新获取");
		assertThat(page.isDisabled("#resend")).isFalse();
		assertThat(page.textContent("#resend")).isEqualTo("重新获取验证码");
		page.click("#resend");
		page.waitForSelector("#sent-to");
		assertThat(jdbc.sql("select count(*) from sms_code where phone = ?").param(phone).query(Long.class).single()).isEqualTo(2);

		page.fill("input[name=code]", sms.lastCode(phone));
		page.click("button:has-text('登录')");
		page.waitForURL("**/app");
		assertThat(page.isVisible("#bind-first")).isTrue();
		assertThat(page.textContent("#bind-first h2")).isEqualTo("请先认证房屋");
		assertThat(page.getAttribute("#bind-first a.button", "href")).isEqualTo("/app/bind");
		assertThat(page.locator("text=我要反映").count()).as("no appeal button before a house is bound").isZero();
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-03-unbound-home.png");

		page.click("#bind-first a.button");
		page.waitForURL("**/app/bind");
		page.fill("input[name=code]", "NOPE2345");
		page.click("button:has-text('绑定')");
		page.waitForSelector("#code-error");
		assertThat(page.textContent("#code-error")).isEqualTo("邀请码无效或已过期");
		PhoneBrowser.shot(page, "accounts-04-bind-invitation-refused.png");

		// signing out leads back to the phone sign-in
		page.click("button:has-text('退出')");
		page.waitForURL("**/app/signup?logout");
		assertThat(page.textContent("p.notice")).isEqualTo("您已退出");
		PhoneBrowser.shot(page, "accounts-05-signed-out.png");
	}

	@Test
	void aResidentWhoseSessionRanOutSignsInAgainAndIsBackOnThePage() {
		String phone = Fixtures.phone();
		var page = browser.phone();
		signIn(page, phone);
		page.navigate(browser.url("/app/bind"));
		page.context().clearCookies();
		page.click("nav a:has-text('认证房屋')");
		page.waitForURL("**/app/signup");
		assertThat(page.textContent("h1")).isEqualTo("业主/住户登录");
		clock.advance(Duration.ofSeconds(61));
		page.fill("input[name=phone]", phone);
		page.check("input[name=consent]");
		page.click("button:has-text('获取验证码')");
		page.fill("input[name=code]", sms.lastCode(phone));
		page.click("button:has-text('登录')");
		page.waitForURL("**/app/bind");
		assertThat(page.textContent("h1")).isEqualTo("业主认证");
	}

	@Test
	void thePrivacyNoticeReadsOnThePhone() {
		var page = browser.phone();
		page.navigate(browser.url("/app/privacy"));
		assertThat(page.textContent("h1")).isEqualTo("个人信息保护说明");
		assertThat(page.locator("h2").allTextContents()).containsExactly("一、平台保存哪些信息", "二、为什么需要", "三、保存多久", "四、谁能看到",
				"五、您的权利和如何申请", "六、说明的更新");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-06-privacy-notice.png");
	}

	void signIn(Page page, String phone) {
		page.navigate(browser.url("/app/signup"));
		page.fill("input[name=phone]", phone);
		page.check("input[name=consent]");
		page.click("button:has-text('获取验证码')");
		page.waitForSelector("#sent-to");
		page.fill("input[name=code]", sms.lastCode(phone));
		page.click("button:has-text('登录')");
		page.waitForURL("**/app");
	}

	@Test
	void theOperatorCreatesAUserByPickingItsCompanyResetsItsPasswordAndDisablesIt() {
		var company = jdbc.sql("select id, name from property_company order by id limit 1")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).single();
		var page = browser.login("admin", LinliTest.PASSWORD);
		page.navigate(browser.url("/admin/users"));
		page.click("#new-user summary");
		page.selectOption("select[name=role]", "COMPANY_ADMIN");
		assertThat(page.isVisible("[data-scope-field=COMPANY]")).isTrue();
		assertThat(page.isHidden("[data-scope-field=REGION]")).as("only the role's own scope is asked for").isTrue();
		assertThat(page.isHidden("[data-scope-field=STAFF]")).isTrue();
		assertThat(page.isHidden("[data-scope-field=COMPOUND]")).isTrue();

		// three mistakes at once, each beside its field
		page.fill("input[name=username]", "9999");
		page.fill("input[name=displayName]", "浏览器物业总部");
		page.fill("input[name=phone]", "123");
		page.click("#new-user button[type=submit]");
		page.waitForSelector("#form-error");
		assertThat(page.textContent("#form-error")).isEqualTo("请修改下面标出的 3 处");
		assertThat(page.textContent("#username-error")).isEqualTo("用户名不能是纯数字或以 r- 开头（留给业主账号）");
		assertThat(page.textContent("#phone-error")).isEqualTo("手机号码格式错误：应为11位中国大陆手机号");
		assertThat(page.textContent("#companyId-error")).isEqualTo("物业企业管理员须选择所属企业");
		assertThat(page.inputValue("input[name=displayName]")).as("what was typed stays").isEqualTo("浏览器物业总部");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-07-new-user-errors.png");

		page.fill("input[name=username]", "browser.company");
		page.fill("input[name=phone]", "");
		page.fill("input[name=companyQ]", company[1]);
		page.waitForSelector("#companyId option:has-text('找到')", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
		assertThat(page.locator("#companyId option").allTextContents()).contains(company[1]);
		page.selectOption("#companyId", company[0]);
		PhoneBrowser.shot(page, "accounts-08-company-picked.png");
		page.click("#new-user button[type=submit]");
		page.waitForSelector("#temporary-password");
		assertThat(page.textContent("p.notice")).isEqualTo("已创建用户 browser.company");
		assertThat(page.textContent("#status")).isEqualTo("待修改临时密码");
		String created = page.textContent("#temporary-password");
		assertThat(created).matches("\\w{4}-\\w{4}-\\w{4}");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-09-user-created-temporary-password.png");
		String userPage = page.url();
		page.reload();
		assertThat(page.locator("#temporary-password").count()).as("the temporary password is shown once").isZero();

		page.click("a:has-text('重置密码')");
		page.waitForSelector("text=确认重置");
		PhoneBrowser.shot(page, "accounts-10-reset-confirm.png");
		page.click("button:has-text('确认重置')");
		page.waitForSelector("#temporary-password");
		String temporary = page.textContent("#temporary-password");
		assertThat(temporary).isNotEqualTo(created);
		assertThat(page.textContent("p.notice")).isEqualTo("已重置 browser.company 的密码");

		page.click("a:has-text('停用')");
		page.waitForSelector("text=确认停用");
		assertThat(page.textContent("section.confirm b")).isEqualTo("停用 browser.company（浏览器物业总部）？");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-11-disable-confirm.png");
		page.click("text=取消");
		page.waitForURL(userPage);
		assertThat(page.textContent("#status")).as("cancelling changes nothing").isEqualTo("待修改临时密码");
		page.click("a:has-text('停用')");
		page.click("button:has-text('确认停用')");
		page.waitForSelector("p.notice");
		assertThat(page.textContent("p.notice")).isEqualTo("已停用用户 browser.company");
		assertThat(page.textContent("#status")).isEqualTo("已停用");
		page.click("button:has-text('启用')");
		page.waitForSelector("p.notice:has-text('已启用')");
		assertThat(page.textContent("#status")).isEqualTo("待修改临时密码");

		// the new user signs in with the temporary password and must replace it first
		var user = browser.login("browser.company", temporary);
		user.waitForURL("**/account/password");
		assertThat(user.isVisible("#must-change")).isTrue();
		user.navigate(browser.url("/companies"));
		assertThat(user.url()).endsWith("/account/password");
		user.fill("input[name=currentPassword]", "not-the-password");
		user.fill("input[name=newPassword]", "weakweak");
		user.fill("input[name=confirmPassword]", "weakweek");
		user.click("section button[type=submit]");
		user.waitForSelector("#currentPassword-error");
		assertThat(user.textContent("#currentPassword-error")).isEqualTo("当前密码不正确");
		assertThat(user.textContent("#newPassword-error")).isEqualTo("新密码须包含大写字母、小写字母、数字、符号中的至少三类");
		assertThat(user.textContent("#confirmPassword-error")).isEqualTo("两次输入的新密码不一致");
		fitsThePhone(user);
		PhoneBrowser.shot(user, "accounts-12-password-errors.png");
		user.fill("input[name=currentPassword]", temporary);
		user.fill("input[name=newPassword]", "Browser-2026");
		user.fill("input[name=confirmPassword]", "Browser-2026");
		user.click("section button[type=submit]");
		user.waitForSelector("p.notice");
		assertThat(user.textContent("p.notice")).isEqualTo("密码已修改");
		assertThat(user.locator("#must-change").count()).isZero();
		PhoneBrowser.shot(user, "accounts-13-password-changed.png");
		user.click("text=返回首页 ›");
		user.waitForURL("**/home");
		assertThat(user.textContent("h1")).isNotEqualTo("修改密码");
	}

	@Test
	void aCompanyAdminGivesAStaffMemberALoginAndWithdrawsIt() {
		long company = jdbc.sql("select company_id from app_user where username = 'company'").query(Long.class).single();
		long member = staff.hire(new Scope(Role.COMPANY_ADMIN, null, company, null, Set.of(), Set.of()), company,
				new StaffDetails("浏览器管家", null, true, false, Set.of())).id();
		var page = browser.login("company", LinliTest.PASSWORD);
		page.navigate(browser.url("/staff"));
		page.click("a[href='/staff/" + member + "/login']");
		page.waitForURL("**/staff/" + member + "/login");
		assertThat(page.textContent("h1")).isEqualTo("浏览器管家 的登录账号");
		page.fill("input[name=username]", "city");
		page.click("button:has-text('开通登录')");
		page.waitForSelector("#username-error");
		assertThat(page.textContent("#username-error")).isEqualTo("用户名已存在");
		page.fill("input[name=username]", "browser.guanjia");
		page.click("button:has-text('开通登录')");
		page.waitForSelector("#temporary-password");
		assertThat(page.textContent("p.notice")).isEqualTo("已开通登录账号 browser.guanjia");
		assertThat(page.textContent("#login-status")).isEqualTo("待本人修改临时密码");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-14-staff-login-granted.png");

		page.navigate(browser.url("/staff"));
		assertThat(page.textContent("a[href='/staff/" + member + "/login']")).isEqualTo("browser.guanjia");
		PhoneBrowser.shot(page, "accounts-15-staff-list-logins.png");

		page.click("a[href='/staff/" + member + "/login']");
		page.click("button:has-text('重置密码')");
		page.waitForSelector("p.notice");
		assertThat(page.textContent("p.notice")).isEqualTo("已重置 浏览器管家 的密码");
		page.click("a:has-text('收回登录')");
		page.waitForSelector("text=确认收回");
		PhoneBrowser.shot(page, "accounts-16-withdraw-confirm.png");
		page.click("button:has-text('确认收回')");
		page.waitForSelector("p.notice");
		assertThat(page.textContent("p.notice")).isEqualTo("已收回 浏览器管家 的登录账号");
		assertThat(page.textContent("#login-status")).isEqualTo("已收回");
		page.click("button:has-text('重新开通')");
		page.waitForSelector("#temporary-password");
		assertThat(page.textContent("p.notice")).isEqualTo("已重新开通 浏览器管家 的登录账号");
		assertThat(page.textContent("#login-status")).isEqualTo("待本人修改临时密码");
		fitsThePhone(page);
		PhoneBrowser.shot(page, "accounts-17-staff-login-reissued.png");
	}
}
