package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.linli.LinliTest;
import cn.linli.identity.administration.GrantingStaffLogins;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffDetails;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/** A company admin gives its own staff members logins bound to their staff records, and withdraws them. */
@LinliTest
class StaffLoginTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteringStaff staff;

	@Autowired
	GrantingStaffLogins logins;

	@Autowired
	UserAdministration admin;

	long demoCompany() {
		return jdbc.sql("select company_id from app_user where username = 'company'").query(Long.class).single();
	}

	Scope companyScope() {
		return new Scope(Role.COMPANY_ADMIN, null, demoCompany(), null, Set.of(), Set.of());
	}

	long hire(String name) {
		return staff.hire(companyScope(), demoCompany(), new StaffDetails(name, null, false, false, Set.of())).id();
	}

	long hireServing(String name) {
		long compound = jdbc.sql("select compound_id from service_contract where company_id = ? and (now() at time zone 'Asia/Shanghai')::date between starts_on and ends_on limit 1")
			.param(demoCompany()).query(Long.class).single();
		return staff.hire(companyScope(), demoCompany(), new StaffDetails(name, null, false, false, Set.of(compound))).id();
	}

	@Test
	void aCompanyGivesItsStaffMemberALoginBoundToItsRecord() throws Exception {
		long member = hire("登录测试员");
		var granted = mvc.perform(post("/staff/" + member + "/login").with(user("company")).with(csrf()).param("username", "denglu.ceshi"))
			.andReturn();
		assertThat(granted.getResponse().getRedirectedUrl()).isEqualTo("/staff/" + member + "/login");
		assertThat(granted.getFlashMap().get("notice")).isEqualTo("已开通登录账号 denglu.ceshi");
		String temporary = (String) granted.getFlashMap().get("temporaryPassword");
		assertThat(temporary).matches("\\w{4}-\\w{4}-\\w{4}");

		record Row(String role, long staffId, long companyId, String displayName, boolean mustChange) {
		}
		var row = jdbc.sql("select role, staff_id, company_id, display_name, must_change_password from app_user where username = 'denglu.ceshi'")
			.query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5))).single();
		assertThat(row).isEqualTo(new Row("STAFF", member, demoCompany(), "登录测试员", true));

		// the new login works, bound to that staff record, and must first replace its temporary password
		var login = mvc.perform(formLogin("/login").user("denglu.ceshi").password(temporary)).andReturn();
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/home");
		assertThat(mvc.perform(get("/home").session((org.springframework.mock.web.MockHttpSession) login.getRequest().getSession())).andReturn()
			.getResponse().getRedirectedUrl()).isEqualTo("/account/password");

		// the staff list says who has a login
		var list = mvc.perform(get("/staff").with(user("company"))).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("登录：<a href=\"/staff/" + member + "/login\">denglu.ceshi</a>");
	}

	@Test
	void aWithdrawnLoginStopsAtOnceAndCanBeGivenBack() throws Exception {
		long member = hire("收回测试员");
		var granted = logins.grant(companyScope(), member, "shouhui.ceshi");
		var confirm = mvc.perform(get("/staff/" + member + "/login/withdraw").with(user("company"))).andReturn().getResponse();
		assertThat(confirm.getContentAsString()).contains("收回 收回测试员 的登录账号 shouhui.ceshi？", "确认收回");
		assertThat(enabled("shouhui.ceshi")).as("asking is not doing").isTrue();

		var withdrawn = mvc.perform(post("/staff/" + member + "/login/withdraw").with(user("company")).with(csrf()).param("version", "0")).andReturn();
		assertThat(withdrawn.getFlashMap().get("notice")).isEqualTo("已收回 收回测试员 的登录账号");
		assertThat(enabled("shouhui.ceshi")).isFalse();
		// the right password for a withdrawn login: told it is disabled (a wrong one would learn nothing)
		assertThat(mvc.perform(formLogin("/login").user("shouhui.ceshi").password(granted.temporaryPassword())).andReturn().getResponse()
			.getRedirectedUrl()).isEqualTo("/login?disabled");

		var back = mvc.perform(post("/staff/" + member + "/login/reissue").with(user("company")).with(csrf()).param("version", "1")).andReturn();
		assertThat(back.getFlashMap().get("notice")).isEqualTo("已重新开通 收回测试员 的登录账号");
		String fresh = (String) back.getFlashMap().get("temporaryPassword");
		assertThat(fresh).isNotEqualTo(granted.temporaryPassword());
		assertThat(enabled("shouhui.ceshi")).isTrue();
		assertThat(mvc.perform(formLogin("/login").user("shouhui.ceshi").password(fresh)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/home");
	}

	@Test
	void anotherCompanysAdminFindsNoneOfItAndARegionMayNotManageIt() throws Exception {
		long member = hireServing("他企不可见");
		long otherCompany = jdbc.sql("select id from property_company where id <> ? order by id limit 1").param(demoCompany()).query(Long.class)
			.single();
		admin.create(new NewUser("staff-login-other", "他企管理员", Role.COMPANY_ADMIN, null, otherCompany, null, null, null), LinliTest.PASSWORD);
		var other = user("staff-login-other");
		assertThat(mvc.perform(get("/staff/" + member + "/login").with(other)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/staff/" + member + "/login").with(other).with(csrf()).param("username", "stolen.login")).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from app_user where username = 'stolen.login'").query(Long.class).single()).isZero();

		logins.grant(companyScope(), member, "kept.login");
		assertThat(mvc.perform(post("/staff/" + member + "/login/withdraw").with(other).with(csrf()).param("version", "0")).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/staff/" + member + "/login/reissue").with(other).with(csrf()).param("version", "0")).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(enabled("kept.login")).isTrue();

		// the city sees the staff member serving in its area, but giving logins is the company's
		assertThatThrownBy(() -> logins.grant(Scope.region(Role.CITY, "3710"), member, "city.made"))
			.hasMessage("只有本企业管理员可以维护从业人员");
	}

	@Test
	void aStaffMemberHasOneLoginAndAFormNamesTheUsernameProblem() throws Exception {
		long member = hire("一人一号");
		logins.grant(companyScope(), member, "yiren.yihao");
		assertThatThrownBy(() -> logins.grant(companyScope(), member, "second.login")).hasMessage("该从业人员已有登录账号");

		long another = hire("用户名重复");
		var page = mvc.perform(post("/staff/" + another + "/login").with(user("company")).with(csrf()).param("username", "city")).andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("<small class=\"field-error\" id=\"username-error\">用户名已存在</small>");
	}

	boolean enabled(String username) {
		return jdbc.sql("select enabled from app_user where username = ?").param(username).query(Boolean.class).single();
	}
}
