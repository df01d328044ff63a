package cn.linli.analytics;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import cn.linli.appeal.IntakeBenchmark;
import cn.linli.bench.Benchmarks;

/**
 * Part of {@code mvn -Pbench -DskipTests package} ({@code -Dbench.only=province}): Shandong at
 * province scale. Starts the packaged application with {@code -Xmx512m} on a fresh embedded
 * database, adds {@code bench.province.compounds} compounds (25,000) over the province's 16 cities
 * and {@code bench.province.appeals} appeals (10 million) over three years with realistic kinds,
 * states, clocks, ratings and texts — loaded with COPY, the appeal table's secondary indexes
 * dropped for the load and rebuilt after — rebuilds the projections with
 * {@code --rebuild-analytics} (timed), starts the application again and measures p50/p95 over
 * {@code bench.province.requests} (200) requests of each page and API the issue names, after 20
 * warm-up requests each. Prints figures; asserts nothing about time. With {@code bench.province.dir}
 * the loaded province is kept in that directory and the next run starts from it (the rebuild and the
 * measurements are repeated).
 */
public final class ProvinceBenchmark {

	static final String PASSWORD = "bench-password";

	static final String[] CATEGORIES = { "SERVICE", "PARKING", "SANITATION", "GREENING", "FACILITY", "SAFETY", "NEIGHBOUR", "GOVERNANCE" };

	/** Texts per category, so that topics and the category suggestion have something real to read. */
	static final String[][] TEXTS = {
			{ "物业前台工作时间经常没人，打电话也不接", "物业费收费标准没有公示，想了解一下", "保安态度很差，说话很冲", "管家答应的事情一直没有落实" },
			{ "小区门口乱停车，消防车进不来", "地下车库有僵尸车长期占用车位", "充电桩坏了一个月没人修", "外来车辆随便进出小区停车" },
			{ "垃圾桶满了没人清运，气味很大", "楼道里的卫生好几天没人打扫", "化粪池满了往外冒", "垃圾分类点的垃圾堆在外面" },
			{ "绿化带里的草很久没修剪了，蚊子很多", "楼前的树太高挡光，建议修剪", "草坪被人踩出了路", "树枝碰到二楼窗户了" },
			{ "电梯经常停运，今天又坏了", "楼道灯坏了，晚上很黑", "单元门禁坏了，谁都能进", "暖气不热，家里只有十几度" },
			{ "消防通道被杂物堵塞", "消防栓没有水，灭火器过期了", "有人在楼道里给电动车充电", "小区监控坏了好几个" },
			{ "楼上装修噪音太大，晚上还在施工", "楼上卫生间漏水到我家", "有人在楼顶违章搭建", "广场舞音响太吵了" },
			{ "业委会换届一直没有进行", "公共收益的去向不公开", "维修资金的使用情况不透明", "业主大会什么时候召开" } };

	private ProvinceBenchmark() {
	}

	public static void run(Path jar, Path work) throws Exception {
		int compounds = Integer.getInteger("bench.province.compounds", 25_000);
		long appeals = Long.getLong("bench.province.appeals", 10_000_000L);
		int requests = Integer.getInteger("bench.province.requests", 200);
		// a kept province (bench.province.dir) is loaded once and reused by later runs: loading takes twenty minutes
		String kept = System.getProperty("bench.province.dir");
		Path data = kept == null ? work.resolve("pg-province") : Path.of(kept).toAbsolutePath();
		Path loaded = data.resolveSibling(data.getFileName() + ".loaded");
		if (kept == null || !Files.exists(loaded)) {
			Benchmarks.deleteRecursively(data);
			Files.deleteIfExists(loaded);
		}
		int dbPort = IntakeBenchmark.freePort();
		String url = "jdbc:postgresql://localhost:" + dbPort + "/linli";
		System.out.printf("Province scale: %,d compounds, %,d appeals over three years, the application at -Xmx512m%n", compounds, appeals);

		if (Files.exists(loaded)) {
			System.out.println("  the province kept in " + data + " is reused: " + Files.readString(loaded).strip());
		}
		else {
			var first = start(jar, work, data, dbPort, "province-1.log");
			try (var c = DriverManager.getConnection(url, "postgres", "")) {
				long t = System.nanoTime();
				var ids = addCompounds(c, compounds);
				System.out.printf("  %,d compounds added in %,d ms%n", ids.size(), ms(t));
				t = System.nanoTime();
				addAppeals(c, ids, appeals);
				System.out.printf("  %,d appeals loaded with COPY and indexed in %,d ms%n", appeals, ms(t));
			}
			finally {
				first.destroy();
				first.waitFor();
			}
			if (kept != null) {
				Files.writeString(loaded, String.format("%,d compounds, %,d appeals%n", compounds, appeals));
			}
		}
		// bench.province.rebuild=false measures a kept province whose projections are already built
		if (Boolean.parseBoolean(System.getProperty("bench.province.rebuild", "true")) || kept == null) {
			long t = System.nanoTime();
			var rebuild = new ProcessBuilder(command(jar, work, data, dbPort, "--rebuild-analytics")).redirectErrorStream(true)
				.redirectOutput(work.resolve("province-rebuild.log").toFile()).start();
			int exit = rebuild.waitFor();
			System.out.printf("  --rebuild-analytics: exit %d in %,d ms (%s)%n", exit, ms(t),
					String.join("; ", Files.readAllLines(work.resolve("province-rebuild.log")).stream()
						.filter(l -> l.contains("analytics rebuild") || l.contains("rebuilt")).map(l -> l.replaceAll("^.*: ", "")).toList()));
		}
		var app = start(jar, work, data, dbPort, "province-2.log");
		try {
			try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
				for (String table : List.of("appeal", "analytics_appeal", "analytics_day", "analytics_month")) {
					var rs = s.executeQuery("select count(*), pg_size_pretty(pg_total_relation_size('" + table + "')) from " + table);
					rs.next();
					System.out.printf("  %s: %,d rows, %s%n", table, rs.getLong(1), rs.getString(2));
				}
			}
			measure(app, work, url, requests);
		}
		finally {
			app.destroy();
			app.waitFor();
			if (kept == null) {
				Benchmarks.deleteRecursively(data);
			}
		}
	}

	static List<String> command(Path jar, Path work, Path data, int dbPort, String... extra) {
		var command = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", jar.toString(), "--linli.embedded.data-dir=" + data,
				"--linli.embedded.port=" + dbPort, "--linli.demo.password=" + PASSWORD, "--linli.appeal.scheduler.enabled=false",
				"--linli.uploads.dir=" + work.resolve("uploads-province"), "--logging.level.root=WARN", "--logging.level.cn.linli.demo=INFO",
				"--logging.level.cn.linli.analytics=INFO"));
		command.addAll(List.of(extra));
		return command;
	}

	static Process start(Path jar, Path work, Path data, int dbPort, String logName) throws Exception {
		int port = IntakeBenchmark.freePort();
		Path log = work.resolve(logName);
		var p = new ProcessBuilder(command(jar, work, data, dbPort, "--server.port=" + port)).redirectErrorStream(true).redirectOutput(log.toFile())
			.start();
		// ready when readiness says so: the port opens before the demo data and the projections are built
		long until = System.nanoTime() + Duration.ofMinutes(20).toNanos();
		var http = HttpClient.newHttpClient();
		while (true) {
			try {
				if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).GET().build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					break;
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			if (System.nanoTime() > until || !p.isAlive()) {
				throw new IllegalStateException("application did not start; see " + log);
			}
			Thread.sleep(500);
		}
		PORTS.put(p, port);
		return p;
	}

	static final Map<Process, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();

	/** Compounds spread over Shandong's communities, placed around their city's centre. */
	static List<long[]> addCompounds(Connection c, int count) throws Exception {
		var communities = new ArrayList<String>();
		try (var s = c.createStatement(); var rs = s.executeQuery("select code from region where length(code) = 12 and code like '37%' order by code")) {
			while (rs.next()) {
				communities.add(rs.getString(1));
			}
		}
		var random = new Random(37);
		var sb = new StringBuilder();
		for (int i = 0; i < count; i++) {
			String community = communities.get(random.nextInt(communities.size()));
			double[] centre = CENTRES.getOrDefault(community.substring(0, 4), new double[] { 118.0, 36.4 });
			int households = 80 + random.nextInt(1200);
			sb.append("省测小区").append(i).append('\t').append(community).append('\t')
				.append(String.format(java.util.Locale.ROOT, "%.6f\t%.6f", centre[1] + random.nextGaussian() * 0.15, centre[0] + random.nextGaussian() * 0.2))
				.append('\t').append(households).append('\t').append(households * 9_000L).append('\t')
				.append(random.nextInt(10) < 8 ? "PROFESSIONAL" : "SELF").append('\n');
		}
		copy(c, "copy compound (name, community_code, latitude, longitude, households, building_area_centi, service_mode) from stdin",
				new StringReader(sb.toString()));
		var out = new ArrayList<long[]>();
		try (var s = c.createStatement();
				var rs = s.executeQuery("select id, households from compound where name like '省测小区%' order by id")) {
			while (rs.next()) {
				out.add(new long[] { rs.getLong(1), rs.getLong(2) });
			}
		}
		try (var s = c.createStatement(); var rs = s.executeQuery("select id, community_code from compound where name like '省测小区%' order by id")) {
			while (rs.next()) {
				COMMUNITY.put(rs.getLong(1), rs.getString(2));
			}
		}
		return out;
	}

	static final Map<Long, String> COMMUNITY = new java.util.HashMap<>();

	/** Each city's centre (longitude, latitude), from the vendored boundary file's "cp". */
	static final Map<String, double[]> CENTRES = Map.ofEntries(Map.entry("3701", new double[] { 117.00, 36.68 }),
			Map.entry("3702", new double[] { 120.36, 36.09 }), Map.entry("3703", new double[] { 118.05, 36.81 }),
			Map.entry("3704", new double[] { 117.56, 34.86 }), Map.entry("3705", new double[] { 118.49, 37.46 }),
			Map.entry("3706", new double[] { 121.39, 37.54 }), Map.entry("3707", new double[] { 119.11, 36.71 }),
			Map.entry("3708", new double[] { 116.59, 35.42 }), Map.entry("3709", new double[] { 117.13, 36.19 }),
			Map.entry("3710", new double[] { 122.12, 37.21 }), Map.entry("3711", new double[] { 119.46, 35.42 }),
			Map.entry("3713", new double[] { 118.33, 35.07 }), Map.entry("3714", new double[] { 116.31, 37.45 }),
			Map.entry("3715", new double[] { 115.99, 36.46 }), Map.entry("3716", new double[] { 118.02, 37.38 }),
			Map.entry("3717", new double[] { 115.47, 35.25 }));

	/**
	 * Appeals over the last three years, streamed to COPY in chunks: 45 % repairs, 35 % complaints;
	 * all but the last fortnight's closed, 85 % rated, 93 % of those satisfied; accepted within the
	 * clock nine times in ten.
	 */
	static void addAppeals(Connection c, List<long[]> compounds, long count) throws Exception {
		var indexes = new ArrayList<String>();
		try (var s = c.createStatement(); var rs = s.executeQuery("""
				select indexdef, indexname from pg_indexes where tablename = 'appeal' and indexname <> 'appeal_pkey'
				  and indexdef not like '%UNIQUE%'""")) {
			while (rs.next()) {
				indexes.add(rs.getString(1));
			}
		}
		try (var s = c.createStatement()) {
			for (String def : indexes) {
				s.execute("drop index " + def.replaceAll("^CREATE INDEX (\\S+) .*$", "$1"));
			}
		}
		long companies;
		long[] companyIds;
		try (var s = c.createStatement(); var rs = s.executeQuery("select id from property_company order by id")) {
			var list = new ArrayList<Long>();
			while (rs.next()) {
				list.add(rs.getLong(1));
			}
			companyIds = list.stream().mapToLong(Long::longValue).toArray();
			companies = companyIds.length;
		}
		var random = new Random(2026);
		var now = Instant.now();
		long threeYears = Duration.ofDays(3 * 365).toSeconds();
		String copy = """
				copy appeal (compound_id, community_code, kind, category, urgency, body, terms, channel, status, handler_kind, handler_company_id, level,
				  accept_minutes, resolve_minutes, supervise_minutes, created_at, accept_due_at, first_accept_due_at, accepted_at, first_accepted_at,
				  resolve_due_at, first_resolve_due_at, resolved_at, resolved_on_time, rating, rated_at, confirmed_solved, closed_at, closed_reason,
				  updated_at) from stdin""";
		long done = 0;
		int chunk = 200_000;
		while (done < count) {
			var sb = new StringBuilder(chunk * 400);
			int n = (int) Math.min(chunk, count - done);
			for (int i = 0; i < n; i++) {
				var compound = compounds.get((int) Math.floor(Math.pow(random.nextDouble(), 1.3) * compounds.size()));
				int category = random.nextInt(CATEGORIES.length);
				double k = random.nextDouble();
				String kind = k < 0.45 ? "REPAIR" : k < 0.80 ? "COMPLAINT" : k < 0.90 ? "SUGGESTION" : k < 0.97 ? "INQUIRY" : "PRAISE";
				var created = now.minusSeconds((long) (random.nextDouble() * threeYears));
				var acceptDue = created.plusSeconds(24 * 3600);
				var resolveDue = acceptDue.plusSeconds(7 * 24 * 3600);
				boolean recent = Duration.between(created, now).toDays() < 14;
				boolean open = recent && random.nextInt(3) == 0;
				var accepted = open && random.nextInt(2) == 0 ? null : created.plusSeconds(random.nextInt(10) < 9 ? random.nextInt(20 * 3600) : 26 * 3600 + random.nextInt(48 * 3600));
				if (accepted != null && accepted.isAfter(now)) {
					accepted = null;
				}
				Instant resolved = null;
				if (!open && accepted != null) {
					resolved = accepted.plusSeconds(random.nextInt(10) < 8 ? random.nextInt(5 * 24 * 3600) : 8 * 24 * 3600 + random.nextInt(10 * 24 * 3600));
					if (resolved.isAfter(now)) {
						resolved = null;
					}
				}
				String status = accepted == null ? "SUBMITTED" : resolved == null ? "IN_PROGRESS" : "CLOSED";
				String rating = null;
				if (resolved != null && random.nextInt(100) < 85) {
					int r = random.nextInt(100);
					rating = r < 80 ? "SATISFIED" : r < 93 ? "BASICALLY_SATISFIED" : "DISSATISFIED";
				}
				String text = TEXTS[category][random.nextInt(TEXTS[category].length)];
				long company = companyIds[(int) (compound[0] % companies)];
				sb.append(compound[0]).append('\t').append(COMMUNITY.get(compound[0])).append('\t').append(kind).append('\t').append(CATEGORIES[category])
					.append("\tNORMAL\t").append(text).append('\t').append(terms(text)).append("\tAPP\t").append(status).append("\tCOMPANY\t").append(company)
					.append("\tHANDLER\t1440\t10080\t1440\t").append(created).append('\t').append(acceptDue).append('\t').append(acceptDue).append('\t')
					.append(nul(accepted)).append('\t').append(nul(accepted)).append('\t').append(nul(accepted == null ? null : resolveDue)).append('\t')
					.append(resolveDue).append('\t').append(nul(resolved)).append('\t')
					.append(resolved == null ? "\\N" : String.valueOf(!resolved.isAfter(resolveDue))).append('\t').append(rating == null ? "\\N" : rating)
					.append('\t').append(rating == null ? "\\N" : resolved.plusSeconds(3600).toString()).append("\tfalse\t")
					.append(nul(resolved == null ? null : resolved.plusSeconds(7200))).append('\t')
					.append(resolved == null ? "\\N" : rating == null ? "UNRATED" : "RATED").append('\t').append(resolved == null ? created : resolved).append('\n');
			}
			copy(c, copy, new StringReader(sb.toString()));
			done += n;
			if (done % 2_000_000 == 0 || done == count) {
				System.out.printf("    %,d appeals copied%n", done);
			}
		}
		try (var s = c.createStatement()) {
			for (String def : indexes) {
				s.execute(def);
			}
			s.execute("vacuum analyze appeal");
		}
	}

	static final Map<String, String> TERMS = new java.util.HashMap<>();

	/** What the intake stores as terms for a text: its words, as the application's own encoding reads them. */
	static String terms(String text) {
		return TERMS.computeIfAbsent(text, t -> {
			try {
				var ctor = Class.forName("cn.linli.appeal.text.AppealText").getDeclaredConstructor();
				ctor.setAccessible(true);
				var at = ctor.newInstance();
				return (String) at.getClass().getMethod("terms", String.class).invoke(at, t);
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
		}).replace("\t", " ").replace("\n", " ").replace("\\", "\\\\");
	}

	static String nul(Instant t) {
		return t == null ? "\\N" : t.toString();
	}

	static void copy(Connection c, String sql, Reader data) throws Exception {
		c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, data);
	}

	static void measure(Process app, Path work, String url, int requests) throws Exception {
		String base = "http://localhost:" + PORTS.get(app);
		var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
		String city = token(base, "city");
		long compound;
		String street;
		String area;
		long company;
		try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
			var rs = s.executeQuery("select region_code from app_user where username = 'street'");
			rs.next();
			street = rs.getString(1);
			rs = s.executeQuery("select region_code from app_user where username = 'district'");
			rs.next();
			area = rs.getString(1);
			rs = s.executeQuery("select id from compound where community_code like '3710%' and name like '省测小区%' order by id limit 1");
			rs.next();
			compound = rs.getLong(1);
			rs = s.executeQuery("select company_id from app_user where username = 'company'");
			rs.next();
			company = rs.getLong(1);
			rs = s.executeQuery("select count(*) from appeal where community_code like '3710%'");
			rs.next();
			System.out.printf("  威海市 (the demo's city, whose accounts measure): %,d appeals; company %d%n", rs.getLong(1), company);
		}
		var targets = new LinkedHashMap<String, Object[]>();
		targets.put("city home /dashboard/3710 (city)", new Object[] { "city", "/dashboard/3710" });
		targets.put("area home /dashboard/" + area + " (district)", new Object[] { "district", "/dashboard/" + area });
		targets.put("street home /dashboard/" + street + " (street)", new Object[] { "street", "/dashboard/" + street });
		targets.put("company home /home (company)", new Object[] { "company", "/home" });
		targets.put("GET /api/v1/appeal-indicators/3710?days=30", new Object[] { null, "/api/v1/appeal-indicators/3710?days=30" });
		targets.put("GET /api/v1/appeal-indicators/3710?days=90", new Object[] { null, "/api/v1/appeal-indicators/3710?days=90" });
		targets.put("GET /api/v1/appeal-indicators/3710?days=365", new Object[] { null, "/api/v1/appeal-indicators/3710?days=365" });
		targets.put("public column /public/compounds/" + compound, new Object[] { "", "/public/compounds/" + compound });
		targets.put("GET /api/v1/analytics/hotspots?region=3710&days=7", new Object[] { null, "/api/v1/analytics/hotspots?region=3710&days=7" });
		targets.put("GET /api/v1/analytics/topics?region=3710&days=30", new Object[] { null, "/api/v1/analytics/topics?region=3710&days=30" });
		var sessions = new java.util.HashMap<String, HttpClient>();
		var names = new ArrayList<>(targets.keySet());
		var clients = new ArrayList<HttpClient>();
		for (var name : names) {
			String user = (String) targets.get(name)[0];
			clients.add(user == null || user.isEmpty() ? http : sessions.computeIfAbsent(user, u -> login(base, u)));
		}
		// a platform serves from compiled code: every target is requested in turn until the JIT has settled
		// (and the hot-spot watch's first run, a minute after start, is over), then measured the same way,
		// in turn, so that whatever else the machine does falls on all of them alike
		int warmSeconds = Integer.getInteger("bench.province.warmup.seconds", 120);
		long warmUntil = System.nanoTime() + Duration.ofSeconds(warmSeconds).toNanos();
		int warmRounds = 0;
		int[] errors = new int[names.size()];
		while (warmRounds < 20 || System.nanoTime() < warmUntil) {
			for (int t = 0; t < names.size(); t++) {
				timed(clients.get(t), base, (String) targets.get(names.get(t))[1], targets.get(names.get(t))[0] == null ? city : null);
			}
			warmRounds++;
		}
		System.out.printf("  %d requests each, in turn, after %d warm-up rounds (%d s):%n", requests, warmRounds, warmSeconds);
		long[][] nanos = new long[names.size()][requests];
		for (int i = 0; i < requests; i++) {
			for (int t = 0; t < names.size(); t++) {
				long d = timed(clients.get(t), base, (String) targets.get(names.get(t))[1], targets.get(names.get(t))[0] == null ? city : null);
				if (d < 0) {
					errors[t]++;
					d = -d;
				}
				nanos[t][i] = d;
			}
		}
		for (int t = 0; t < names.size(); t++) {
			long[] n = nanos[t];
			Arrays.sort(n);
			System.out.printf("    %-62s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%s%n", names.get(t), n[requests / 2] / 1e6,
					n[(int) Math.ceil(requests * 0.95) - 1] / 1e6, n[requests - 1] / 1e6, errors[t] == 0 ? "" : "  (" + errors[t] + " errors)");
		}
		var log = Files.readAllLines(work.resolve("province-2.log"));
		log.stream().filter(l -> l.contains("OutOfMemory")).findFirst().ifPresent(l -> System.out.println("  " + l));
	}

	/** One request's time in nanoseconds, negative when it did not answer 200. */
	private static long timed(HttpClient client, String base, String path, String bearer) throws Exception {
		var b = HttpRequest.newBuilder(URI.create(base + path)).GET();
		if (bearer != null) {
			b.header("Authorization", "Bearer " + bearer);
		}
		long t = System.nanoTime();
		var r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
		long d = System.nanoTime() - t;
		return r.statusCode() == 200 ? d : -d;
	}

	static String token(String base, String user) throws Exception {
		var http = HttpClient.newHttpClient();
		var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		var m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
		}
		return m.group(1);
	}

	/** A browser-like session: the login form with its CSRF token, then the session cookie. */
	static HttpClient login(String base, String user) {
		try {
			var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
			var form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
			var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
			if (!m.find()) {
				throw new IllegalStateException("no CSRF token on the login page");
			}
			String body = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + m.group(1);
			http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
			return http;
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	static long ms(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}
}
