package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;

/** With no trusted proxy configured (the default), forwarded headers are nobody's word. */
@LinliTest
class ClientAddressTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	static String lastLoginAddress(JdbcClient jdbc, String username) {
		return jdbc.sql("select source_ip from audit_log where action = 'login.succeeded' and summary = ? order by id desc limit 1")
			.param(username).query(String.class).single();
	}

	@Test
	void aForwardedForHeaderFromAnUntrustedClientIsIgnored() throws Exception {
		var login = Http.withCookies(port).login("street", "X-Forwarded-For", "1.2.3.4");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(lastLoginAddress(jdbc, "street")).isEqualTo("127.0.0.1");
	}

	@Test
	void redirectsAreRelativeSoNoHostHeaderMakesThem() throws Exception {
		var http = new Http(port);
		var redirect = http.send(http.request("/home").header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https").GET());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location").orElseThrow()).isEqualTo("/login");
	}

	@Test
	void aForwardedHostFromAnUntrustedClientDoesNotMakeAbsoluteAddresses() throws Exception {
		var http = new Http(port);
		var discovery = http.send(http.request("/open311/v2/discovery.json").header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https").GET());
		assertThat(Http.json(discovery).get("endpoints").get(0).get("url").asString()).isEqualTo("http://localhost:" + port + "/open311/v2");
	}
}
