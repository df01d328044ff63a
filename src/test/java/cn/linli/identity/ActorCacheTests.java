package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.shared.security.Role;

/**
 * The platform keeps a resolved caller for a second and the registries' coverage and sizes for a
 * minute (as it runs, unlike the other tests), and still a revoked token or a disabled user stops
 * working at once when the change is made through the platform, and within a second when it is made
 * behind its back; a compound registered through the platform counts on the dashboards at once.
 */
@LinliTest
@TestPropertySource(properties = { "linli.security.actor-cache-ttl=PT1S", "linli.registry.figures-cache-ttl=PT1M" })
class ActorCacheTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration admin;

	String token(String username) throws Exception {
		var response = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + LinliTest.PASSWORD + "\"}")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString()).get("access_token").asString();
	}

	int status(String token) throws Exception {
		return mvc.perform(get("/api/v1/compounds").header("Authorization", "Bearer " + token)).andReturn().getResponse().getStatus();
	}

	String newCityUser() {
		String name = "cache-" + UUID.randomUUID().toString().substring(0, 8);
		admin.create(new NewUser(name, "缓存测试", Role.CITY, "3710", null, null, null, null), LinliTest.PASSWORD);
		return name;
	}

	@Test
	void aRevokedTokenIsRefusedAtOnceThoughItsCallerWasJustRead() throws Exception {
		String t = token(newCityUser());
		assertThat(status(t)).isEqualTo(200);
		assertThat(status(t)).isEqualTo(200);
		assertThat(mvc.perform(post("/api/v1/auth/revoke").header("Authorization", "Bearer " + t)).andReturn().getResponse().getStatus())
			.isEqualTo(204);
		assertThat(status(t)).isEqualTo(401);
	}

	@Test
	void aUserDisabledByTheOperatorIsRefusedAtOnce() throws Exception {
		String name = newCityUser();
		long id = jdbc.sql("select id from app_user where username = :n").param("n", name).query(Long.class).single();
		String t = token(name);
		assertThat(status(t)).isEqualTo(200);
		mvc.perform(post("/admin/users/" + id + "/disable").with(user("admin")).with(csrf()).param("version", "0"));
		assertThat(status(t)).isEqualTo(401);
	}

	@Autowired
	cn.linli.registry.RegistryFigures figures;

	@Autowired
	cn.linli.registry.compound.RegisteringCompounds compounds;

	@Autowired
	cn.linli.registry.house.RegisteringHouses houses;

	@Autowired
	cn.linli.registry.contract.RecordingContracts contracts;

	@Test
	void aCompoundRegisteredThroughThePlatformCountsOnTheDashboardsAtOnce() {
		var city = cn.linli.Fixtures.weihai();
		long before = figures.coverage(city, "3710").total().compounds();
		var sizeBefore = figures.sizeByRegion("3710", 0).get("").compounds();
		cn.linli.appeal.FreshCompound.register(jdbc, compounds, houses, contracts, admin, "缓存新小区", 120, "9000", 1);
		assertThat(figures.coverage(city, "3710").total().compounds()).isEqualTo(before + 1);
		assertThat(figures.sizeByRegion("3710", 0).get("").compounds()).isEqualTo(sizeBefore + 1);
	}

	@Test
	void aChangeBehindThePlatformsBackTakesEffectWithinASecond() throws Exception {
		String name = newCityUser();
		String t = token(name);
		assertThat(status(t)).isEqualTo(200);
		jdbc.sql("update app_user set enabled = false where username = :n").param("n", name).update();
		long started = System.nanoTime();
		while (status(t) == 200) {
			assertThat((System.nanoTime() - started) / 1_000_000).as("ms until refused").isLessThan(1_500);
			Thread.sleep(50);
		}
		assertThat(status(t)).isEqualTo(401);
	}
}
