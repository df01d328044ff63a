package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With loopback named as the trusted proxy, its forwarded headers say who the client is. */
@HardeningContext
class TrustedProxyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theClientBehindATrustedProxyIsRecorded() throws Exception {
		var login = Http.withCookies(port).login("street", "X-Forwarded-For", "1.2.3.4");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(ClientAddressTests.lastLoginAddress(jdbc, "street")).isEqualTo("1.2.3.4");
	}

	@Test
	void whatTheClientWroteLeftOfTheProxysEntryIsIgnored() throws Exception {
		// nginx appends the address it saw: "claimed by the client, seen by nginx"
		Http.withCookies(port).login("district", "X-Forwarded-For", "6.6.6.6, 5.6.7.8");
		assertThat(ClientAddressTests.lastLoginAddress(jdbc, "district")).isEqualTo("5.6.7.8");
	}

	@Test
	void theTrustedProxysSchemeAndHostMakeTheAbsoluteAddresses() throws Exception {
		var http = new Http(port);
		var discovery = http.send(http.request("/open311/v2/discovery.json").header("X-Forwarded-Host", "wuye.weihai.example")
			.header("X-Forwarded-Proto", "https").GET());
		assertThat(Http.json(discovery).get("endpoints").get(0).get("url").asString()).isEqualTo("https://wuye.weihai.example/open311/v2");
	}

	@Test
	void monitoringReadsMetricsWithItsOwnToken() throws Exception {
		var http = new Http(port);
		var metrics = http.send(http.request("/actuator/prometheus").header("Authorization", "Bearer " + HardeningContext.METRICS_TOKEN).GET());
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
		var api = http.send(http.request("/api/v1/compounds").header("Authorization", "Bearer " + HardeningContext.METRICS_TOKEN).GET());
		assertThat(api.statusCode()).as("the monitoring token opens nothing else").isEqualTo(401);
	}
}
