package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;

/** Health probes for the load balancer; everything else under /actuator only for the city, the operator or monitoring. */
@LinliTest
class OperationsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void livenessAndReadinessAreOpenAndUp() throws Exception {
		var http = new Http(port);
		var live = http.get("/actuator/health/liveness");
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(Http.json(live).get("status").asString()).isEqualTo("UP");
		var ready = http.get("/actuator/health/readiness");
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(Http.json(ready).get("status").asString()).isEqualTo("UP");
		assertThat(Http.json(http.get("/actuator/health")).has("components")).as("no details for anonymous callers").isFalse();
	}

	@Test
	void healthDetailsAreForTheCityAndTheOperator() throws Exception {
		var http = new Http(port);
		var health = http.send(http.request("/actuator/health").header("Authorization", "Bearer " + http.token("city")).GET());
		assertThat(Http.json(health).get("components").get("db").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusMetricsNeedTheCityOrTheOperator() throws Exception {
		var http = new Http(port);
		var anonymous = http.get("/actuator/prometheus");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(Http.json(anonymous).get("detail").asString()).isEqualTo("未认证或令牌已失效");
		var street = http.send(http.request("/actuator/prometheus").header("Authorization", "Bearer " + http.token("street")).GET());
		assertThat(street.statusCode()).isEqualTo(403);
		var city = http.send(http.request("/actuator/prometheus").header("Authorization", "Bearer " + http.token("city")).GET());
		assertThat(city.statusCode()).isEqualTo(200);
		assertThat(city.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
		var admin = Http.session(port, "admin").get("/actuator/prometheus");
		assertThat(admin.statusCode()).as("the operator's browser session").isEqualTo(200);
		assertThat(http.send(http.request("/actuator/prometheus").header("Authorization", "Bearer not-a-token").GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void infoNeedsAuthenticationToo() throws Exception {
		var http = new Http(port);
		assertThat(http.get("/actuator/info").statusCode()).isEqualTo(401);
		var info = http.send(http.request("/actuator/info").header("Authorization", "Bearer " + http.token("admin")).GET());
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(Http.json(info).get("java").get("version").asString()).startsWith("17");
	}

	@Test
	void theEmbeddedDatabaseKeepsWhatItAcknowledged() {
		for (String setting : new String[] { "fsync", "full_page_writes", "synchronous_commit" }) {
			assertThat(jdbc.sql("show " + setting).query(String.class).single()).as(setting).isEqualTo("on");
		}
	}
}
