package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.identity.account.ChangingPassword;
import cn.linli.identity.administration.ResettingPasswords;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.DomainException.FieldError;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/** A user changes its own password; the operator resets one to a temporary password the user must replace. */
@LinliTest
class PasswordTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration admin;

	@Autowired
	ChangingPassword changing;

	@Autowired
	ResettingPasswords resetting;

	@Autowired
	PasswordEncoder encoder;

	long adminId() {
		return jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
	}

	Actor operator() {
		return new Actor(adminId(), "admin", "平台管理员", Scope.platform());
	}

	String hash(long userId) {
		return jdbc.sql("select password_hash from app_user where id = ?").param(userId).query(String.class).single();
	}

	int version(long userId) {
		return jdbc.sql("select version from app_user where id = ?").param(userId).query(Integer.class).single();
	}

	String token(String username, String password) throws Exception {
		var response = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn().getResponse();
		assertThat(response.getStatus()).as("token for %s", username).isEqualTo(200);
		return json.readTree(response.getContentAsString()).get("access_token").asString();
	}

	@Test
	void aPasswordChangeReportsEveryFieldAtOnceAndChangesNothing() {
		long id = admin.create(new NewUser("pw-fields", "字段测试", Role.CITY, "3710", null, null, null, null), "Old-pass-2026");
		String before = hash(id);
		assertThatThrownBy(() -> changing.change(id, "wrong-current", "weakweak", "different")).isInstanceOfSatisfying(DomainException.class,
				e -> assertThat(e.fieldErrors()).containsExactly(new FieldError("currentPassword", "当前密码不正确"),
						new FieldError("newPassword", "新密码须包含大写字母、小写字母、数字、符号中的至少三类"),
						new FieldError("confirmPassword", "两次输入的新密码不一致")));
		assertThatThrownBy(() -> changing.change(id, "Old-pass-2026", "Old-pass-2026", "Old-pass-2026"))
			.isInstanceOfSatisfying(DomainException.class,
					e -> assertThat(e.fieldErrors()).containsExactly(new FieldError("newPassword", "新密码不能与当前密码相同")));
		assertThat(hash(id)).isEqualTo(before);
	}

	@Test
	void aUserChangesItsPasswordAndItsApiTokensEnd() throws Exception {
		long id = admin.create(new NewUser("pw-change", "改密测试", Role.DISTRICT, "371002", null, null, null, null), "Old-pass-2026");
		String oldToken = token("pw-change", "Old-pass-2026");
		changing.change(id, "Old-pass-2026", "New-pass-2026", "New-pass-2026");
		assertThat(encoder.matches("New-pass-2026", hash(id))).isTrue();
		assertThat(mvc.perform(get("/api/v1/compounds").header("Authorization", "Bearer " + oldToken)).andReturn().getResponse().getStatus())
			.isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'user.password-changed' and subject_id = ?")
			.param(String.valueOf(id)).query(Long.class).single()).isOne();
	}

	@Test
	void thePasswordPageShowsEveryErrorBesideItsFieldAndSaysWhenDone() throws Exception {
		admin.create(new NewUser("pw-page", "页面测试", Role.CITY, "3710", null, null, null, null), "Old-pass-2026");
		var page = mvc.perform(post("/account/password").with(user("pw-page")).with(csrf()).param("currentPassword", "nope")
			.param("newPassword", "short").param("confirmPassword", "other")).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("<small class=\"field-error\" id=\"currentPassword-error\">当前密码不正确</small>",
				"<small class=\"field-error\" id=\"newPassword-error\">新密码至少8位</small>",
				"<small class=\"field-error\" id=\"confirmPassword-error\">两次输入的新密码不一致</small>");

		var done = mvc.perform(post("/account/password").with(user("pw-page")).with(csrf()).param("currentPassword", "Old-pass-2026")
			.param("newPassword", "Fresh-pass-7").param("confirmPassword", "Fresh-pass-7")).andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/account/password");
		assertThat(done.getFlashMap().get("notice")).isEqualTo("密码已修改");
	}

	@Test
	void aResetGivesATemporaryPasswordThatMustBeReplacedAtTheNextLogin() throws Exception {
		long id = admin.create(new NewUser("pw-reset", "重置测试", Role.STREET, "371002001", null, null, null, null), "Forgotten-2026");
		String oldToken = token("pw-reset", "Forgotten-2026");
		String temporary = resetting.reset(operator(), id, version(id));
		assertThat(encoder.matches(temporary, hash(id))).as("stored only as a hash of the temporary password").isTrue();
		assertThat(hash(id)).doesNotContain(temporary);
		assertThat(mvc.perform(get("/api/v1/compounds").header("Authorization", "Bearer " + oldToken)).andReturn().getResponse().getStatus())
			.as("tokens issued under the old password end").isEqualTo(401);

		// signing in with the temporary password leads to the password form, whatever page is asked for
		var login = mvc.perform(formLogin("/login").user("pw-reset").password(temporary)).andReturn();
		var session = (MockHttpSession) login.getRequest().getSession();
		for (String path : List.of("/home", "/compounds", "/inbox")) {
			assertThat(mvc.perform(get(path).session(session)).andReturn().getResponse().getRedirectedUrl()).as(path).isEqualTo("/account/password");
		}
		var form = mvc.perform(get("/account/password").session(session)).andReturn().getResponse();
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(form.getContentAsString()).contains("id=\"must-change\"");
		// and the API refuses until then
		var api = mvc.perform(get("/api/v1/compounds").header("Authorization", "Bearer " + token("pw-reset", temporary))).andReturn().getResponse();
		assertThat(api.getStatus()).isEqualTo(403);
		assertThat(json.readTree(api.getContentAsString()).get("code").asString()).isEqualTo("password-change-required");

		mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", temporary)
			.param("newPassword", "My-own-2026").param("confirmPassword", "My-own-2026"));
		assertThat(mvc.perform(get("/compounds").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void aResetEndsALockLeftByGuessing() {
		long id = admin.create(new NewUser("pw-locked", "锁定重置", Role.CITY, "3710", null, null, null, null), "Forgotten-2026");
		// someone guessed at the old password from two addresses until the ceiling paused the name everywhere
		String key = cn.linli.shared.domain.Hashes.sha256("login:pw-locked");
		for (String address : List.of("10.1.1.1", "*")) {
			jdbc.sql("insert into login_throttle (username_hash, address, failures, locked_until, updated_at) values (?, ?, 0, now() + interval '10 minutes', now())")
				.param(key).param(address).update();
		}
		jdbc.sql("update app_user set locked_until = now() + interval '10 minutes' where id = ?").param(id).update();
		resetting.reset(operator(), id, version(id));
		assertThat(jdbc.sql("select count(*) from login_throttle where username_hash = ?").param(key).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select locked_until is null from app_user where id = ?").param(id).query(Boolean.class).single()).isTrue();
	}

	@Test
	void theOperatorResetsNeitherItsOwnPasswordNorAResidentsNorAStaleOne() {
		assertThatThrownBy(() -> resetting.reset(operator(), adminId(), version(adminId()))).hasMessage("自己的密码请在「修改密码」中修改");
		long resident = jdbc.sql("select id from app_user where username = 'resident'").query(Long.class).single();
		assertThatThrownBy(() -> resetting.reset(operator(), resident, version(resident))).hasMessage("业主/住户使用手机号验证码登录，无需重置密码");
		long id = admin.create(new NewUser("pw-stale", "过期版本", Role.CITY, "3710", null, null, null, null), "Forgotten-2026");
		String before = hash(id);
		assertThatThrownBy(() -> resetting.reset(operator(), id, version(id) + 1)).hasMessage("数据已被他人修改，请刷新后重试");
		assertThat(hash(id)).isEqualTo(before);
	}
}
