package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.identity.administration.DisablingUsers;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

@LinliTest
class IdentityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration admin;

	@Autowired
	DisablingUsers disabling;

	@Autowired
	MutableClock clock;

	String token(String username, String password) throws Exception {
		var response = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn().getResponse();
		return response.getStatus() == 200 ? json.readTree(response.getContentAsString()).get("access_token").asString() : null;
	}

	int status(String token, String path) throws Exception {
		return mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse().getStatus();
	}

	@Test
	void tokensWorkUntilRevokedOrExpired() throws Exception {
		String t = token("district", LinliTest.PASSWORD);
		assertThat(status(t, "/api/v1/compounds")).isEqualTo(200);
		assertThat(mvc.perform(post("/api/v1/auth/revoke").header("Authorization", "Bearer " + t)).andReturn().getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(status(t, "/api/v1/compounds")).isEqualTo(401);

		String expiring = token("district", LinliTest.PASSWORD);
		assertThat(status(expiring, "/api/v1/compounds")).isEqualTo(200);
		// expiry is judged by the platform's clock: just before the lifetime ends it works, just after not
		clock.freeze();
		try {
			var issuedAt = jdbc.sql("select expires_at from api_token where token_hash = :h")
				.param("h", cn.linli.shared.domain.Hashes.sha256(expiring)).query(java.sql.Timestamp.class).single().toInstant();
			clock.advance(Duration.between(clock.instant(), issuedAt).minusSeconds(1));
			assertThat(status(expiring, "/api/v1/compounds")).isEqualTo(200);
			clock.advance(Duration.ofSeconds(2));
			assertThat(status(expiring, "/api/v1/compounds")).isEqualTo(401);
		}
		finally {
			clock.reset();
		}
	}

	@Test
	void tokensAreStoredOnlyAsHashes() throws Exception {
		String t = token("street", LinliTest.PASSWORD);
		assertThat(t).as("a token was issued").isNotNull();
		assertThat(jdbc.sql("select count(*) from api_token where token_hash = :t").param("t", t).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from api_token where token_hash = :h").param("h", cn.linli.shared.domain.Hashes.sha256(t)).query(Long.class)
			.single()).isOne();
	}

	@Test
	void fiveWrongPasswordsLockTheAccount() throws Exception {
		admin.create(new NewUser("locktest", "锁定测试", Role.CITY, "3710", null, null, null, null), "right-password-1");
		for (int i = 0; i < 5; i++) {
			assertThat(token("locktest", "wrong-" + i)).isNull();
		}
		var locked = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"locktest\",\"password\":\"right-password-1\"}")).andReturn().getResponse();
		assertThat(locked.getStatus()).isEqualTo(429);
		assertThat(locked.getContentAsString()).contains("登录失败次数过多");
		// the pause is per username and address (see cn.linli.hardening.LoginThrottleTests)
		jdbc.sql("update login_throttle set locked_until = now() - interval '1 second'").update();
		assertThat(token("locktest", "right-password-1")).isNotNull();
	}

	@Test
	void disablingAUserRevokesAccessAtOnce() throws Exception {
		long id = admin.create(new NewUser("disabletest", "停用测试", Role.DISTRICT, "371002", null, null, null, null), "right-password-1");
		String t = token("disabletest", "right-password-1");
		assertThat(status(t, "/api/v1/compounds")).isEqualTo(200);
		disabling.disable(new Actor(0, "operator", "平台管理员", Scope.platform()), id, null);
		assertThat(status(t, "/api/v1/compounds")).isEqualTo(401);
	}

	@Test
	void userScopesAreValidated() {
		assertThatThrownBy(() -> new NewUser("x1", "x", Role.STREET, "371002", null, null, null, null))
			.isInstanceOf(DomainException.class).hasMessage("街道办事处须绑定 9 位区划代码");
		assertThatThrownBy(() -> new NewUser("x2", "x", Role.COMPANY_ADMIN, null, null, null, null, null))
			.hasMessage("物业企业管理员须选择所属企业");
		assertThatThrownBy(() -> admin.create(new NewUser("x3", "x", Role.STREET, "999999999", null, null, null, null), "password-123"))
			.hasMessage("区划代码 999999999 不存在");
		assertThatThrownBy(() -> new NewUser("x4", "x", Role.RESIDENT, null, null, null, null, "13800000000"))
			.hasMessage("业主/住户通过手机号自助注册并认证房屋");
		assertThatThrownBy(() -> new NewUser("13800000000", "x", Role.ADMIN, null, null, null, null, null))
			.hasMessage("用户名不能是纯数字或以 r- 开头（留给业主账号）");
	}

	@Test
	void formsWithoutCsrfTokenAreRefused() throws Exception {
		assertThat(mvc.perform(post("/app/signup/code").param("phone", Fixtures.phone())).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	@Test
	void pagesCarrySecurityHeaders() throws Exception {
		var response = mvc.perform(get("/login")).andReturn().getResponse();
		assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'self'");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void everyRoleLandsOnItsHome() throws Exception {
		String street = jdbc.sql("select region_code from app_user where username = 'street'").query(String.class).single();
		assertThat(mvc.perform(get("/home").with(user("street").roles("STREET"))).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/dashboard/" + street);
		assertThat(mvc.perform(get("/home").with(user("resident").roles("RESIDENT"))).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/app");
		for (String u : new String[] { "company", "staff", "committee", "admin" }) {
			var response = mvc.perform(get("/home").with(user(u))).andReturn().getResponse();
			assertThat(response.getStatus()).as(u).isEqualTo(200);
			assertThat(response.getContentAsString()).contains("我的小区");
		}
	}
}
