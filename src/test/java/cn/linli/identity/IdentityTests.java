package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.TestSupport.RecordingSmsSender;
import cn.linli.registry.CompoundQuery;
import cn.linli.registry.CompoundRegistry;
import cn.linli.registry.HouseRegistry;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageRequest;

@LinliTest
class IdentityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ResidentOnboarding onboarding;

	@Autowired
	UserAdministration admin;

	@Autowired
	RecordingSmsSender sms;

	@Autowired
	CompoundRegistry compounds;

	@Autowired
	HouseRegistry houses;

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
		jdbc.sql("update api_token set expires_at = now() - interval '1 second' where token_hash = :h")
			.param("h", cn.linli.shared.domain.Hashes.sha256(expiring)).update();
		assertThat(status(expiring, "/api/v1/compounds")).isEqualTo(401);
	}

	@Test
	void tokensAreStoredOnlyAsHashes() throws Exception {
		String t = token("street", LinliTest.PASSWORD);
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
		admin.setEnabled(id, false, null);
		assertThat(status(t, "/api/v1/compounds")).isEqualTo(401);
	}

	@Test
	void userScopesAreValidated() {
		assertThatThrownBy(() -> new NewUser("x1", "x", Role.STREET, "371002", null, null, null, null))
			.isInstanceOf(DomainException.class).hasMessageContaining("9 位区划代码");
		assertThatThrownBy(() -> new NewUser("x2", "x", Role.COMPANY_ADMIN, null, null, null, null, null))
			.hasMessageContaining("绑定企业");
		assertThatThrownBy(() -> admin.create(new NewUser("x3", "x", Role.STREET, "999999999", null, null, null, null), "password-123"))
			.hasMessageContaining("不存在");
		assertThatThrownBy(() -> new NewUser("x4", "x", Role.RESIDENT, null, null, null, null, "13800000000"))
			.hasMessageContaining("自助注册");
		assertThatThrownBy(() -> new NewUser("13800000000", "x", Role.ADMIN, null, null, null, null, null)).hasMessageContaining("纯数字");
	}

	@Test
	void oneTimeCodesAreRateLimitedSingleUseAndExpire() {
		String phone = Fixtures.phone();
		onboarding.requestCode(phone, "10.1.1.1");
		assertThatThrownBy(() -> onboarding.requestCode(phone, "10.1.1.1")).hasMessageContaining("60 秒");
		String code = sms.lastCode(phone);
		String wrong = code.equals("000000") ? "111111" : "000000";
		assertThatThrownBy(() -> onboarding.verifyCode(phone, wrong)).hasMessageContaining("验证码错误");
		String username = onboarding.verifyCode(phone, code);
		assertThat(username).as("usernames never show the phone").startsWith("r-").doesNotContain(phone.substring(3));
		assertThatThrownBy(() -> onboarding.verifyCode(phone, code)).as("single use").hasMessageContaining("验证码错误");

		String late = Fixtures.phone();
		onboarding.requestCode(late, "10.1.1.2");
		jdbc.sql("update sms_code set expires_at = now() - interval '1 second' where phone = :p").param("p", late).update();
		assertThatThrownBy(() -> onboarding.verifyCode(late, sms.lastCode(late))).hasMessageContaining("过期");
	}

	@Test
	void tooManyCodesFromOneAddressAreRefused() {
		for (int i = 0; i < ResidentOnboarding.CODES_PER_IP_HOUR; i++) {
			onboarding.requestCode(Fixtures.phone(), "10.9.9.9");
		}
		assertThatThrownBy(() -> onboarding.requestCode(Fixtures.phone(), "10.9.9.9")).hasMessageContaining("过于频繁");
	}

	@Test
	void anOwnerBindsByMatchingTheRegistryAndInvitesATenant() throws Exception {
		var compound = compounds.search(Fixtures.weihai(), new CompoundQuery("371002", null, null), new PageRequest(0, 1)).content().get(0);
		var building = houses.addBuilding(Fixtures.weihai(), compound.id(), "绑定测试楼", 6);
		String cert = "鲁(2021)威海市不动产权第9900001号";
		var house = houses.registerHouse(Fixtures.weihai(), building.id(), Fixtures.flat("901", cert));
		String id = Fixtures.idNumber();
		houses.addOwner(Fixtures.weihai(), house.id(), Fixtures.owner("欧阳明", id), true);

		String ownerPhone = Fixtures.phone();
		onboarding.requestCode(ownerPhone, null);
		String owner = onboarding.verifyCode(ownerPhone, sms.lastCode(ownerPhone));
		long ownerId = jdbc.sql("select id from app_user where username = ?").param(owner).query(Long.class).single();

		// every wrong field gets the same answer
		for (String[] attempt : new String[][] { { "欧阳明", "000000", cert }, { "欧阳", id.substring(12), cert },
				{ "欧阳明", id.substring(12), "鲁(2021)威海市不动产权第0000000号" } }) {
			assertThatThrownBy(() -> onboarding.bindAsOwner(ownerId, attempt[0], attempt[1], attempt[2]))
				.hasMessage("信息与房屋登记不一致，请核对后重试");
		}
		assertThat(onboarding.bindAsOwner(ownerId, "欧阳明", id.substring(12), cert)).isEqualTo(house.id());

		// the bound owner now sees the house, and no other
		var houseJson = mvc.perform(get("/api/v1/houses/" + house.id()).with(user(owner).roles("RESIDENT"))).andReturn().getResponse();
		assertThat(houseJson.getStatus()).isEqualTo(200);
		assertThat(houseJson.getContentAsString()).doesNotContain(id).doesNotContain(cert).contains(id.substring(0, 6) + "************");

		String code = onboarding.invite(ownerId, house.id());
		String tenantPhone = Fixtures.phone();
		onboarding.requestCode(tenantPhone, null);
		String tenant = onboarding.verifyCode(tenantPhone, sms.lastCode(tenantPhone));
		long tenantId = jdbc.sql("select id from app_user where username = ?").param(tenant).query(Long.class).single();
		assertThat(onboarding.acceptInvitation(tenantId, code.toLowerCase())).isEqualTo(house.id());
		assertThat(onboarding.bindings(tenantId)).singleElement().satisfies(b -> assertThat(b.relation()).isEqualTo("TENANT"));
		assertThatThrownBy(() -> onboarding.acceptInvitation(ownerId, code)).hasMessageContaining("邀请码无效");
		// only an owner may invite
		assertThatThrownBy(() -> onboarding.invite(tenantId, house.id())).isInstanceOf(DomainException.class);

		// when the registry no longer lists the owner (sold), the owner and the tenant they invited lose the house at once
		long registryOwner = houses.house(Fixtures.weihai(), house.id()).owners().get(0).id();
		houses.removeOwner(Fixtures.weihai(), house.id(), registryOwner);
		assertThat(mvc.perform(get("/api/v1/houses/" + house.id()).with(user(owner).roles("RESIDENT"))).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/houses/" + house.id()).with(user(tenant).roles("RESIDENT"))).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(onboarding.bindings(tenantId)).isEmpty();
		assertThatThrownBy(() -> onboarding.invite(ownerId, house.id())).isInstanceOf(DomainException.class);
	}

	@Test
	void repeatedMismatchesLockBinding() {
		String phone = Fixtures.phone();
		onboarding.requestCode(phone, null);
		String username = onboarding.verifyCode(phone, sms.lastCode(phone));
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		for (int i = 0; i < ResidentOnboarding.MAX_BINDING_FAILURES; i++) {
			assertThatThrownBy(() -> onboarding.bindAsOwner(userId, "无此人", "123456", "无此证")).hasMessageContaining("不一致");
		}
		assertThatThrownBy(() -> onboarding.bindAsOwner(userId, "无此人", "123456", "无此证")).hasMessageContaining("30 分钟");
	}

	@Test
	void newAccountsCannotTakeTurnsGuessingOneHouse() {
		String certificate = "鲁(2022)威海市不动产权第7700001号";
		for (int i = 0; i <= ResidentOnboarding.MAX_FAILURES_PER_CERTIFICATE; i++) {
			String phone = Fixtures.phone();
			onboarding.requestCode(phone, null);
			String username = onboarding.verifyCode(phone, sms.lastCode(phone));
			long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
			if (i < ResidentOnboarding.MAX_FAILURES_PER_CERTIFICATE) {
				assertThatThrownBy(() -> onboarding.bindAsOwner(userId, "某人", "000000", certificate)).hasMessageContaining("不一致");
			}
			else {
				assertThatThrownBy(() -> onboarding.bindAsOwner(userId, "某人", "000000", certificate)).hasMessageContaining("30 分钟");
			}
		}
	}

	@Test
	void residentSignsInOnThePhonePageAndSessionIdChanges() throws Exception {
		String phone = Fixtures.phone();
		var session = new MockHttpSession();
		mvc.perform(post("/app/signup/code").session(session).with(csrf()).param("phone", phone));
		String before = session.getId();
		var result = mvc.perform(post("/app/signup/verify").session(session).with(csrf()).param("phone", phone)
			.param("code", sms.lastCode(phone))).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/app");
		var app = mvc.perform(get("/app").session((MockHttpSession) result.getRequest().getSession())).andReturn().getResponse();
		assertThat(app.getStatus()).isEqualTo(200);
		assertThat(app.getContentAsString()).contains("认证房屋");
		assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
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
		assertThat(mvc.perform(get("/home").with(user("street").roles("STREET"))).andReturn().getResponse().getRedirectedUrl())
			.startsWith("/dashboard/371002");
		assertThat(mvc.perform(get("/home").with(user("resident").roles("RESIDENT"))).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/app");
		for (String u : new String[] { "company", "staff", "committee", "admin" }) {
			var response = mvc.perform(get("/home").with(user(u))).andReturn().getResponse();
			assertThat(response.getStatus()).as(u).isEqualTo(200);
			assertThat(response.getContentAsString()).contains("我的小区");
		}
	}
}
