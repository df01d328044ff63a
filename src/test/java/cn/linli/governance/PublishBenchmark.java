package cn.linli.governance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
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
		var process = cn.linli.bench.BenchApp.startWithDemo(jar, work, data, dbPort, port, "publish.log", "--linli.governance.close-every=PT1H");
		try {
			var client = HttpClient.newHttpClient();
			long compound;
			long developerHeld;
			try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/linli", "postgres", "");
					var s = c.createStatement()) {
				compound = cn.linli.bench.BenchApp.twentyThousandHouses(s, "两万户基准小区");
				s.execute("""
						insert into owner (name, id_hash, id_tail_hash, id_masked)
						select 'bench-' || h.id, md5('i' || h.id) || md5('j' || h.id), md5('t' || h.id) || md5('u' || h.id), '371002************'
						from house h join building b on b.id = h.building_id where b.compound_id = %d and not h.developer_held""".formatted(compound));
				s.execute("""
						insert into house_owner (house_id, owner_id, representative)
						select h.id, o.id, true from house h join building b on b.id = h.building_id join owner o on o.name = 'bench-' || h.id
						where b.compound_id = %d""".formatted(compound));
				var rs = s.executeQuery("""
						select count(*) from house h join building b on b.id = h.building_id
						where b.compound_id = %d and h.developer_held and h.kind <> 'PARKING'""".formatted(compound));
				rs.next();
				developerHeld = rs.getLong(1);
			}
			// DOMAIN §5: one head per owner (here one owner per house) without the 400 parking spaces, all developer-held houses together one
			long expectedHead = 200 * 100 - 400 - developerHeld + (developerHeld > 0 ? 1 : 0);
			String token = cn.linli.bench.BenchApp.token(client, port, "community");
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
}
