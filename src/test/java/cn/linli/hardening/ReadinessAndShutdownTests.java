package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import cn.linli.LinliApplication;

/**
 * A first start as a load balancer sees it: the port opens early, readiness stays DOWN until the
 * demo accounts exist, and a shutdown stops the application before its embedded database,
 * quickly and without errors.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadinessAndShutdownTests {

	static int freePort() throws Exception {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	record Probe(int status, boolean demoLoaded) {
	}

	@Test
	void readinessWaitsForTheDemoDataAndShutdownStopsTheDatabaseLast(CapturedOutput output) throws Exception {
		int port = freePort();
		int database = freePort();
		var starting = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(LinliApplication.class).run(
				"--server.port=" + port, "--linli.embedded.port=" + database, "--linli.embedded.clean=true",
				"--linli.embedded.data-dir=target/test-pg/readiness-" + UUID.randomUUID(), "--linli.demo.password=readiness-password",
				"--linli.uploads.dir=target/test-uploads", "--linli.appeal.scheduler.enabled=false", "--spring.main.banner-mode=off"));
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		var probes = new ArrayList<Probe>();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
		while (System.nanoTime() < deadline) {
			int status;
			try {
				status = http.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (java.io.IOException e) {
				Thread.sleep(100);
				continue;
			}
			probes.add(new Probe(status, demoLoaded(database)));
			if (status == 200) {
				break;
			}
			Thread.sleep(100);
		}
		ConfigurableApplicationContext context = starting.get(1, TimeUnit.MINUTES);
		try {
			assertThat(probes).as("answers while the demo data loads").anyMatch(p -> p.status() == 503);
			assertThat(probes).filteredOn(p -> p.status() == 503).as("the demo data was not there yet").anyMatch(p -> !p.demoLoaded());
			assertThat(probes.get(probes.size() - 1)).as("ready only once the demo accounts exist").isEqualTo(new Probe(200, true));
		}
		finally {
			int before = output.getOut().length();
			long t0 = System.nanoTime();
			context.close();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
			String shutdown = output.getOut().substring(before);
			assertThat(millis).as("shutdown time").isLessThan(10_000);
			assertThat(errors(shutdown)).as("errors while shutting down").isEmpty();
			assertThat(listening(database)).as("the embedded database stopped with the application").isFalse();
		}
	}

	static boolean demoLoaded(int database) {
		try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + database + "/linli", "postgres", "");
				var s = c.createStatement();
				var rs = s.executeQuery("select count(*) from app_user where username = 'city'")) {
			return rs.next() && rs.getLong(1) == 1;
		}
		catch (java.sql.SQLException e) {
			// not migrated yet
			return false;
		}
	}

	static boolean listening(int port) {
		try (var socket = new Socket("localhost", port)) {
			return true;
		}
		catch (java.io.IOException e) {
			return false;
		}
	}

	static List<String> errors(String log) {
		return log.lines().filter(l -> l.contains(" ERROR ") || l.contains("Exception")).toList();
	}
}
