package cn.linli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The packaged application with the demo data, as the benchmarks over the API start it, and the 20,000-house compound they measure on. */
public final class BenchApp {

	private BenchApp() {
	}

	/** Starts the jar on a fresh data directory and waits for the demo data (password {@code bench-password}). */
	public static Process startWithDemo(Path jar, Path work, Path data, int dbPort, int port, String logName, String... extra) throws Exception {
		var command = new ArrayList<>(List.of("java", "-jar", jar.toString(), "--linli.embedded.data-dir=" + data, "--linli.embedded.port=" + dbPort,
				"--server.port=" + port, "--linli.demo.password=bench-password"));
		command.addAll(List.of(extra));
		Path log = work.resolve(logName);
		var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (!Files.readString(log).contains("Weihai demo data loaded")) {
			if (System.nanoTime() > until || !process.isAlive()) {
				process.destroy();
				throw new IllegalStateException("application did not start; see " + log);
			}
			Thread.sleep(200);
		}
		return process;
	}

	/**
	 * A compound of 200 buildings × 100 houses in the demo community's register: areas of 60 to
	 * 150 m², every fiftieth a parking space, about one in a hundred still held by the developer.
	 */
	public static long twentyThousandHouses(Statement s, String name) throws SQLException {
		var rs = s.executeQuery("select region_code from app_user where username = 'community'");
		rs.next();
		String community = rs.getString(1);
		rs = s.executeQuery("insert into compound (name, community_code, households, service_mode) values ('" + name + "', '" + community
				+ "', 20000, 'PROFESSIONAL') returning id");
		rs.next();
		long compound = rs.getLong(1);
		s.execute("insert into building (compound_id, name) select " + compound + ", g || '号楼' from generate_series(1, 200) g");
		s.execute("""
				insert into house (building_id, unit, number, exclusive_area_centi, area_source, kind, developer_held)
				select b.id, '', g::text, 6000 + (b.id * 131 + g * 37) %% 9000, 'REGISTRY',
				  case when g %% 50 = 0 then 'PARKING' else 'RESIDENTIAL' end, (b.id + g) %% 97 = 0
				from building b, generate_series(1, 100) g where b.compound_id = %d""".formatted(compound));
		return compound;
	}

	/** A bearer token for a demo account. */
	public static String token(HttpClient client, int port, String user) throws Exception {
		var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"bench-password\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		var m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + response.body());
		}
		return m.group(1);
	}
}
