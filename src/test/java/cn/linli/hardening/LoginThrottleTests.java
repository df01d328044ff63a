package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.shared.security.Role;

/**
 * Guessing passwords is slow, but nobody can lock a user out from elsewhere, and the answers
 * never tell whether a username exists.
 */
@LinliTest
class LoginThrottleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration admin;
	@Autowired
	cn.linli.identity.administration.DisablingUsers disabling;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	MockHttpServletResponse login(String username, String password, String address) throws Exception {
		return mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(java.util.Map.of("username", username, "password", password))).with(r -> {
				r.setRemoteAddr(address);
				return r;
			})).andReturn().getResponse();
	}

	String user(String name) {
		admin.create(new NewUser(name, "限流测试", Role.STREET, "371002001", null, null, null, null), "right-password-7");
		return name;
	}

	@Test
	void wrongPasswordsFromOneAddressDoNotLockTheUserOutFromAnother() throws Exception {
		String u = user("throttle-a");
		for (int i = 0; i < 5; i++) {
			assertThat(login(u, "wrong-" + i, "10.9.0.1").getStatus()).isEqualTo(401);
		}
		var paused = login(u, "right-password-7", "10.9.0.1");
		assertThat(paused.getStatus()).isEqualTo(429);
		assertThat(json.readTree(paused.getContentAsString()).get("detail").asString()).isEqualTo("登录失败次数过多，请 15 分钟后再试");
		assertThat(login(u, "right-password-7", "10.9.0.2").getStatus()).as("the real user elsewhere").isEqualTo(200);

		clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(login(u, "right-password-7", "10.9.0.1").getStatus()).as("the pause ends").isEqualTo(200);
	}

	@Test
	void fourFailuresDoNotPauseAndASuccessStartsTheCountAgain() throws Exception {
		String u = user("throttle-b");
		for (int i = 0; i < 4; i++) {
			login(u, "wrong", "10.9.1.1");
		}
		assertThat(login(u, "right-password-7", "10.9.1.1").getStatus()).isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			login(u, "wrong", "10.9.1.1");
		}
		assertThat(login(u, "right-password-7", "10.9.1.1").getStatus()).isEqualTo(200);
	}

	@Test
	void aDistributedAttackHitsTheCeilingButTheUsersKnownAddressStillGetsIn() throws Exception {
		String u = user("throttle-c");
		assertThat(login(u, "right-password-7", "10.8.0.1").getStatus()).isEqualTo(200);
		// fifty failures from ten addresses, none of them paused before its fifth
		for (int a = 0; a < 10; a++) {
			for (int i = 0; i < 5; i++) {
				assertThat(login(u, "guess-" + a + "-" + i, "10.7.0." + a).getStatus()).isEqualTo(401);
			}
		}
		assertThat(login(u, "right-password-7", "10.6.6.6").getStatus()).as("a new address during the attack").isEqualTo(429);
		assertThat(login(u, "right-password-7", "10.8.0.1").getStatus()).as("where the user signed in before").isEqualTo(200);
		assertThat(jdbc.sql("select locked_until > now() from app_user where username = ?").param(u).query(Boolean.class).single())
			.as("the operator's user list shows it").isTrue();
	}

	@Test
	void anUnknownUsernameGetsTheSameAnswersAndTakesAsLong() throws Exception {
		String u = user("throttle-d");
		var known = login(u, "wrong", "10.9.2.1");
		var unknown = login("throttle-nobody", "wrong", "10.9.2.1");
		assertThat(unknown.getStatus()).isEqualTo(known.getStatus()).isEqualTo(401);
		assertThat(unknown.getContentAsString()).isEqualTo(known.getContentAsString());
		for (int i = 0; i < 4; i++) {
			login(u, "wrong", "10.9.2.1");
			login("throttle-nobody", "wrong", "10.9.2.1");
		}
		var knownPaused = login(u, "wrong", "10.9.2.1");
		var unknownPaused = login("throttle-nobody", "wrong", "10.9.2.1");
		assertThat(unknownPaused.getStatus()).isEqualTo(knownPaused.getStatus()).isEqualTo(429);
		assertThat(unknownPaused.getContentAsString()).isEqualTo(knownPaused.getContentAsString());

		// the password encoder runs for an unknown name and for a paused address as for a wrong password
		long knownWrong = median(() -> login(u, "wrong", "10.9.3." + counter++));
		long unknownWrong = median(() -> login("throttle-nobody-" + counter++, "wrong", "10.9.4.1"));
		long paused = median(() -> login(u, "wrong", "10.9.2.1"));
		assertThat(knownWrong).as("a password check costs time").isGreaterThan(Duration.ofMillis(10).toNanos());
		assertThat(unknownWrong).isGreaterThan(knownWrong / 2);
		assertThat(paused).isGreaterThan(knownWrong / 2);
	}

	int counter;

	interface Attempt {
		void run() throws Exception;
	}

	static long median(Attempt attempt) throws Exception {
		var times = new ArrayList<Long>();
		for (int i = 0; i < 5; i++) {
			long t0 = System.nanoTime();
			attempt.run();
			times.add(System.nanoTime() - t0);
		}
		Collections.sort(times);
		return times.get(2);
	}

	@Test
	void aDisabledAccountIsToldSoOnlyAfterTheCorrectPassword() throws Exception {
		String u = user("throttle-e");
		long id = jdbc.sql("select id from app_user where username = ?").param(u).query(Long.class).single();
		disabling.disable(new cn.linli.shared.security.Actor(0, "test-operator", "平台管理员", cn.linli.shared.security.Scope.platform()), id, null);
		var wrong = login(u, "wrong", "10.9.5.1");
		assertThat(wrong.getStatus()).isEqualTo(401);
		assertThat(wrong.getContentAsString()).contains("用户名或密码错误").doesNotContain("停用");
		var right = login(u, "right-password-7", "10.9.5.1");
		assertThat(right.getStatus()).isEqualTo(403);
		assertThat(json.readTree(right.getContentAsString()).get("detail").asString()).isEqualTo("该账号已停用，请联系平台管理员");

		var formWrong = mvc.perform(post("/login").param("username", u).param("password", "wrong")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
		assertThat(formWrong.getRedirectedUrl()).isEqualTo("/login?error");
		var formRight = mvc.perform(post("/login").param("username", u).param("password", "right-password-7")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
		assertThat(formRight.getRedirectedUrl()).isEqualTo("/login?disabled");
	}

	@Test
	void theLoginPageSaysWhatHappened() throws Exception {
		String u = user("throttle-f");
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("username", u).param("password", "wrong").with(r -> {
				r.setRemoteAddr("10.9.6.1");
				return r;
			}).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
		}
		var paused = mvc.perform(post("/login").param("username", u).param("password", "right-password-7").with(r -> {
			r.setRemoteAddr("10.9.6.1");
			return r;
		}).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
		assertThat(paused.getRedirectedUrl()).isEqualTo("/login?locked");
		var page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login?locked")).andReturn().getResponse();
		assertThat(page.getContentAsString()).contains("登录失败次数过多，请 15 分钟后再试");
		var disabled = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login?disabled")).andReturn().getResponse();
		assertThat(disabled.getContentAsString()).contains("该账号已停用，请联系平台管理员");
	}

	@Test
	void theTypedUsernameIsNeverStored() throws Exception {
		login("my-password-in-the-name-field", "x", "10.9.7.1");
		assertThat(jdbc.sql("select count(*) from login_throttle where username_hash like '%my-password%' or address like '%my-password%'")
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_log where summary like '%my-password%'").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from login_throttle where username_hash = encode(sha256(convert_to('login:my-password-in-the-name-field', 'UTF8')), 'hex')")
			.query(Long.class).single()).isEqualTo(2);
	}

}
