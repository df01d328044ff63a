package cn.linli.governance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * Part of {@code mvn -Pbench -DskipTests package}: publishing a motion freezes the roll of a
 * compound with 20,000 houses, through the API of the packaged application.
 */
public final class PublishBenchmark {

	private PublishBenchmark() {
	}

	public static void run(Path jar, Path work) throws Exception {
		Path data = work.resolve("pg-publish");
		cn.linli.bench.Benchmarks.deleteRecursively(data);
		int dbPort = 54_871;
		int port = 18_481;
		var process = new ProcessBuilder("java", "-jar", jar.toString(), "--linli.embedded.data-dir=" + data,
				"--linli.embedded.port=" + dbPort, "--server.port=" + port, "--linli.demo.password=bench-password",
				"--linli.governance.close-every=PT1H").redirectErrorStream(true).redirectOutput(work.resolve("publish.log").toFile()).start();
		try {
			var client = HttpClient.newHttpClient();
			long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			while (!Files.readString(work.resolve("publish.log")).contains("Weihai demo data loaded")) {
				if (System.nanoTime() > until || !process.isAlive()) {
					throw new IllegalStateException("application did not start; see " + work.resolve("publish.log"));
				}
				Thread.sleep(200);
			}
			String community;
			long compound;
			long developerHeld;
			try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/linli", "postgres", "");
					var s = c.createStatement()) {
				var rs = s.executeQuery("select region_code from app_user where username = 'community'");
				rs.next();
				community = rs.getString(1);
				rs = s.executeQuery("insert into compound (name, community_code, households, service_mode) values ('两万户基准小区', '" + community
						+ "', 20000, 'PROFESSIONAL') returning id");
				rs.next();
				compound = rs.getLong(1);
				s.execute("insert into building (compound_id, name) select " + compound + ", g || '号楼' from generate_series(1, 200) g");
				s.execute("""
						insert into house (building_id, unit, number, exclusive_area_centi, area_source, kind, developer_held)
						select b.id, '', g::text, 6000 + (b.id * 131 + g * 37) %% 9000, 'REGISTRY',
						  case when g %% 50 = 0 then 'PARKING' else 'RESIDENTIAL' end, (b.id + g) %% 97 = 0
						from building b, generate_series(1, 100) g where b.compound_id = %d""".formatted(compound));
				s.execute("""
						insert into owner (name, id_hash, id_tail_hash, id_masked)
						select 'bench-' || h.id, md5('i' || h.id) || md5('j' || h.id), md5('t' || h.id) || md5('u' || h.id), '371002************'
						from house h join building b on b.id = h.building_id where b.compound_id = %d and not h.developer_held""".formatted(compound));
				s.execute("""
						insert into house_owner (house_id, owner_id, representative)
						select h.id, o.id, true from house h join building b on b.id = h.building_id join owner o on o.name = 'bench-' || h.id
						where b.compound_id = %d""".formatted(compound));
				rs = s.executeQuery("""
						select count(*) from house h join building b on b.id = h.building_id
						where b.compound_id = %d and h.developer_held and h.kind <> 'PARKING'""".formatted(compound));
				rs.next();
				developerHeld = rs.getLong(1);
			}
			// DOMAIN §5: one head per owner (here one owner per house) without the 400 parking spaces, all developer-held houses together one
			long expectedHead = 200 * 100 - 400 - developerHeld + (developerHeld > 0 ? 1 : 0);
			String token = token(client, port);
			var times = new ArrayList<Long>();
			String rollHead = null;
			for (int i = 0; i < 3; i++) {
				var now = Instant.now();
				String draft = "{\"matter\":4,\"title\":\"基准\",\"body\":\"基准\",\"opensAt\":\"" + now + "\",\"closesAt\":\"" + now.plusSeconds(3600) + "\"}";
				var created = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/compounds/" + compound + "/motions"))
					.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(draft)).build(), HttpResponse.BodyHandlers.ofString());
				var m = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
				if (created.statusCode() != 201 || !m.find()) {
					throw new IllegalStateException("draft failed: " + created.statusCode() + " " + created.body());
				}
				long t0 = System.nanoTime();
				var published = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/motions/" + m.group(1) + "/publish"))
					.header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
				times.add((System.nanoTime() - t0) / 1_000_000);
				var head = Pattern.compile("\"rollHead\":(\\d+)").matcher(published.body());
				if (published.statusCode() != 200 || !head.find()) {
					throw new IllegalStateException("publish failed: " + published.statusCode() + " " + published.body());
				}
				rollHead = head.group(1);
				if (Long.parseLong(rollHead) != expectedHead) {
					throw new IllegalStateException("the frozen roll has " + rollHead + " voters, expected " + expectedHead);
				}
			}
			times.sort(null);
			System.out.printf("Publish (roll freeze) of a compound with 20,000 houses (%s voters), over the API: %s ms (median %d ms)%n", rollHead,
					times, times.get(1));
		}
		finally {
			process.destroy();
			process.waitFor();
			cn.linli.bench.Benchmarks.deleteRecursively(data);
		}
	}

	private static String token(HttpClient client, int port) throws Exception {
		var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"community\",\"password\":\"bench-password\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		var m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + response.body());
		}
		return m.group(1);
	}
}
