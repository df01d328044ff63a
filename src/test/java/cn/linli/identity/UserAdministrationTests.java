package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import cn.linli.LinliTest;
import cn.linli.identity.UserAdministration.UserForm;
import cn.linli.shared.security.Role;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.DomainException.FieldError;

/** The operator creates users bound to a scope picked by name, and disables one only after confirming. */
@LinliTest
class UserAdministrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration admin;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void aFormWithSeveralMistakesIsRefusedWithEveryOneAtOnce() {
		assertThatThrownBy(() -> admin.create(new UserForm("x", "", "COMMITTEE", null, null, null, null, "123")))
			.isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldErrors()).containsExactly(
					new FieldError("username", "用户名应为2–60位字母、数字、下划线、点或连字符"),
					new FieldError("displayName", "姓名/名称必填，且不超过60字"),
					new FieldError("phone", "手机号码格式错误：应为11位中国大陆手机号"),
					new FieldError("compoundId", "业委会委员须选择所在小区")));
		assertThatThrownBy(() -> admin.create(new UserForm("city", "重名", "STREET", "999999999", null, null, null, null)))
			.isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldErrors()).containsExactly(
					new FieldError("username", "用户名已存在"), new FieldError("regionCode", "区划代码 999999999 不存在")));
		assertThatThrownBy(() -> admin.create(new UserForm("no-role", "无角色", "", null, null, null, null, null)))
			.isInstanceOfSatisfying(DomainException.class,
					e -> assertThat(e.fieldErrors()).containsExactly(new FieldError("role", "请选择角色")));
		assertThat(jdbc.sql("select count(*) from app_user where username in ('x', 'no-role')").query(Long.class).single()).isZero();
	}

	@Test
	void aUserCreatedOnTheFormGetsATemporaryPasswordItMustReplace() {
		long company = jdbc.sql("select id from property_company order by id limit 1").query(Long.class).single();
		var created = admin.create(new UserForm("form-company", "某物业总部", "COMPANY_ADMIN", "371002", String.valueOf(company), null, null, null));
		record Row(String role, Long company, String region, boolean mustChange, String hash) {
		}
		var row = jdbc.sql("select role, company_id, region_code, must_change_password, password_hash from app_user where id = ?")
			.param(created.id()).query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, Long.class), rs.getString(3), rs.getBoolean(4),
					rs.getString(5))).single();
		assertThat(row.role()).isEqualTo("COMPANY_ADMIN");
		assertThat(row.company()).isEqualTo(company);
		assertThat(row.region()).as("only the role's own scope is kept").isNull();
		assertThat(row.mustChange()).isTrue();
		assertThat(encoder.matches(created.temporaryPassword(), row.hash())).isTrue();
	}

	@Test
	void thePageShowsEveryFieldErrorBesideItsFieldAndKeepsWhatWasTyped() throws Exception {
		var page = mvc.perform(post("/admin/users").with(user("admin")).with(csrf()).param("username", "1234").param("displayName", "")
			.param("role", "STAFF").param("staffId", "").param("phone", "999")).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("请修改下面标出的 4 处",
				"<small class=\"field-error\" id=\"username-error\">用户名不能是纯数字或以 r- 开头（留给业主账号）</small>",
				"<small class=\"field-error\" id=\"displayName-error\">姓名/名称必填，且不超过60字</small>",
				"<small class=\"field-error\" id=\"phone-error\">手机号码格式错误：应为11位中国大陆手机号</small>",
				"<small class=\"field-error\" id=\"staffId-error\">项目物业人员须选择其从业人员档案</small>",
				"value=\"1234\"", "<option value=\"STAFF\" data-scope=\"STAFF\" selected=\"selected\">");
	}

	@Test
	void pickersFindCompaniesStaffAndCompoundsByName() throws Exception {
		var company = jdbc.sql("select id, name from property_company order by id limit 1").query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
			.single();
		var companies = mvc.perform(get("/admin/users/choices/company").with(user("admin")).param("companyQ", company.get(1)))
			.andReturn().getResponse().getContentAsString();
		assertThat(companies).contains("<option value=\"" + company.get(0) + "\">" + company.get(1) + "</option>");

		var member = jdbc.sql("select s.id, s.name, pc.name from staff s join property_company pc on pc.id = s.company_id order by s.id limit 1")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
		var staff = mvc.perform(get("/admin/users/choices/staff").with(user("admin")).param("staffQ", member.get(1))).andReturn().getResponse()
			.getContentAsString();
		assertThat(staff).contains("<option value=\"" + member.get(0) + "\">" + member.get(1) + "（" + member.get(2) + "）</option>");

		var nothing = mvc.perform(get("/admin/users/choices/compound").with(user("admin")).param("compoundQ", "不存在的小区名称"))
			.andReturn().getResponse().getContentAsString();
		assertThat(nothing).contains("没有找到").doesNotContain("<option value=\"1");
		assertThat(mvc.perform(get("/admin/users/choices/compound").with(user("company"))).andReturn().getResponse().getStatus())
			.as("pickers are the operator's").isEqualTo(403);
	}

	@Test
	void disablingAsksFirstAndChangesNothingUntilConfirmed() throws Exception {
		long id = admin.create(new NewUser("to-disable", "待停用", Role.CITY, "3710", null, null, null, null), LinliTest.PASSWORD);
		var confirm = mvc.perform(get("/admin/users/" + id + "/disable").with(user("admin"))).andReturn().getResponse();
		assertThat(confirm.getStatus()).isEqualTo(200);
		assertThat(confirm.getContentAsString()).contains("停用 to-disable（待停用）？", "确认停用", "action=\"/admin/users/" + id + "/disable\"");
		assertThat(enabled(id)).isTrue();

		var done = mvc.perform(post("/admin/users/" + id + "/disable").with(user("admin")).with(csrf()).param("version", "0")).andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/admin/users/" + id);
		assertThat(done.getFlashMap().get("notice")).isEqualTo("已停用用户 to-disable");
		assertThat(enabled(id)).isFalse();

		var stale = mvc.perform(post("/admin/users/" + id + "/enable").with(user("admin")).with(csrf()).param("version", "0")).andReturn();
		assertThat(stale.getFlashMap().get("error")).isEqualTo("数据已被他人修改，请刷新后重试");
		assertThat(enabled(id)).isFalse();
		mvc.perform(post("/admin/users/" + id + "/enable").with(user("admin")).with(csrf()).param("version", "1"));
		assertThat(enabled(id)).isTrue();
	}

	@Test
	void theOperatorCannotDisableItself() throws Exception {
		long self = jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
		int version = jdbc.sql("select version from app_user where id = ?").param(self).query(Integer.class).single();
		var done = mvc.perform(post("/admin/users/" + self + "/disable").with(user("admin")).with(csrf()).param("version", String.valueOf(version)))
			.andReturn();
		assertThat(done.getFlashMap().get("error")).isEqualTo("不能停用自己的账号");
		assertThat(enabled(self)).isTrue();
	}

	@Test
	void theListNamesEachScopeInsteadOfANumber() throws Exception {
		var company = jdbc.sql("select pc.name from app_user u join property_company pc on pc.id = u.company_id where u.username = 'company'")
			.query(String.class).single();
		var list = mvc.perform(get("/admin/users").with(user("admin")).param("q", "company")).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("企业 " + company).doesNotContain("企业 #");
	}

	boolean enabled(long id) {
		return jdbc.sql("select enabled from app_user where id = ?").param(id).query(Boolean.class).single();
	}
}
