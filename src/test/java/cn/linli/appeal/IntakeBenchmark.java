package cn.linli.appeal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * Part of {@code mvn -Pbench -DskipTests package}: appeal intake over the API of the packaged
 * application (a child JVM, as a user runs it) against its embedded PostgreSQL, beside
 * {@code pgbench} inserting one appeal row per transaction into the same database in the same run.
 * <p>
 * Order: pgbench (the database's ceiling for this row), then the application closed-loop (C
 * clients, each sending its next request when the previous one answered: its throughput), then the
 * application open-loop at half of pgbench's rate (requests leave on a fixed schedule, latency is
 * measured from the scheduled send time so that a stalled server cannot hide its queue: no
 * coordinated omission).
 * <p>
 * {@code -Dbench.intake.clients=8}, {@code -Dbench.intake.seconds=15} and
 * {@code -Dbench.intake.warmup=2000} change the load; {@code -Dbench.intake.jvm="-XX:StartFlightRecording=filename=intake.jfr"}
 * passes options to the application's JVM.
 */
public final class IntakeBenchmark {

	static final String PASSWORD = "bench-password";
	static final String[] CATEGORIES = { "SERVICE", "PARKING", "SANITATION", "GREENING", "FACILITY", "SAFETY", "NEIGHBOUR", "GOVERNANCE" };
	static final String[] KINDS = { "COMPLAINT", "REPAIR", "SUGGESTION", "INQUIRY" };
	static final String[] TEXTS = { "楼下有车辆长期占用消防通道，晚上进出很不方便", "3号楼2单元楼道灯坏了一个星期，晚上很黑",
			"小区东门垃圾桶满了没人清运，气味很大", "绿地里的树枝快碰到二楼窗户了，希望修剪一下", "电梯运行时有异响，担心安全",
			"楼上装修噪音每天早上七点就开始", "物业费收费标准没有公示，想了解一下", "业委会换届的时间安排是什么" };

	private IntakeBenchmark() {
	}

	record Run(String name, int requests, int errors, double seconds, long[] latenciesNanos, String firstError) {

		double perSecond() {
			return requests / seconds;
		}

		double percentileMs(double q) {
			if (latenciesNanos.length == 0) {
				return Double.NaN;
			}
			int i = (int) Math.ceil(q * latenciesNanos.length) - 1;
			return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))] / 1e6;
		}

		String summary() {
			return "%,d requests in %.1f s = %.0f req/s, latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors%s".formatted(
					requests, seconds, perSecond(), percentileMs(0.50), percentileMs(0.90), percentileMs(0.99), percentileMs(1.0), errors,
					firstError == null ? "" : " (first: " + firstError + ")");
		}
	}

	public static void run(Path jar, Path work) throws Exception {
		run(jar, work, true);
	}

	/** {@code analytics}: false runs the application without the analytics projection feed, to measure what its upkeep costs intake. */
	public static void run(Path jar, Path work, boolean analytics) throws Exception {
		int clients = Integer.getInteger("bench.intake.clients", 8);
		int seconds = Integer.getInteger("bench.intake.seconds", 15);
		int warmup = Integer.getInteger("bench.intake.warmup", 2_000);
		Path data = work.resolve("pg-intake");
		Path log = work.resolve("intake.log");
		cn.linli.bench.Benchmarks.deleteRecursively(data);
		int dbPort = freePort();
		int port = freePort();
		// root WARN keeps the per-appeal notices (linli.notify) out of the measurement; the demo loader stays at INFO for its "loaded" line
		var command = new ArrayList<String>(List.of("java"));
		String jvm = System.getProperty("bench.intake.jvm", "");
		if (!jvm.isBlank()) {
			command.addAll(List.of(jvm.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString(), "--linli.embedded.data-dir=" + data, "--linli.embedded.port=" + dbPort,
				"--server.port=" + port, "--linli.demo.password=" + PASSWORD, "--linli.appeal.scheduler.enabled=false",
				"--linli.uploads.dir=" + work.resolve("uploads-intake"), "--logging.level.root=WARN", "--logging.level.linli.notify=WARN",
				"--logging.level.cn.linli.demo=INFO", "--linli.analytics.projection.enabled=" + analytics));
		var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			awaitLog(process, log, "Weihai demo data loaded", Duration.ofMinutes(3));
			String url = "jdbc:postgresql://localhost:" + dbPort + "/linli";
			Place place;
			try (var c = DriverManager.getConnection(url, "postgres", "")) {
				place = Place.of(c);
			}
			System.out.printf("Appeal intake" + (analytics ? "" : " WITHOUT the analytics projection feed") + ": %d concurrent clients, %d s per phase, %,d warm-up requests, the resident's house %d in compound %d (%s)%n",
					clients, seconds, warmup, place.house(), place.compound(), place.community());

			Double pgbenchTps = pgbench(work, dbPort, clients, seconds, place);
			if (pgbenchTps != null) {
				try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
					// pgbench's rows would otherwise lie in front of every repeat look-up the application makes in this compound
					int deleted = s.executeUpdate("delete from appeal where body like 'pgbench %'");
					s.execute("vacuum analyze appeal");
					System.out.printf("  removed the %,d rows pgbench inserted (vacuum analyze appeal)%n", deleted);
				}
			}

			var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
			String base = "http://localhost:" + port;
			String token = token(http, base);
			var requests = new Requests(base, token, place);

			closedLoop(requests, clients, warmup, 0);
			awaitListeners(url);
			long[] before = databaseWork(url);
			double[] cpuBefore = cpuSeconds(process, data);
			var closed = closedLoop(requests, clients, 0, seconds);
			System.out.println("  application, closed loop (" + clients + " clients): " + closed.summary());
			awaitListeners(url);
			long[] after = databaseWork(url);
			double[] cpuAfter = cpuSeconds(process, data);
			// what one appeal costs: the JVM's and PostgreSQL's CPU, and the database's work, listeners and projection upkeep included
			double n = closed.requests();
			System.out.printf("  per appeal over the closed loop and its listeners: CPU %.2f ms in the application, %.2f ms in PostgreSQL, %.2f ms in the load generator; %.1f transactions (read-only ones too), %.1f WAL flushes, %.1f rows written%n",
					(cpuAfter[0] - cpuBefore[0]) * 1000 / n, (cpuAfter[1] - cpuBefore[1]) * 1000 / n, (cpuAfter[2] - cpuBefore[2]) * 1000 / n,
					(after[0] - before[0]) / n,
					(after[2] - before[2]) / n, (after[1] - before[1]) / n);

			// the target's rate is half of pgbench's; a server that cannot sustain it queues without bound, so then the
			// run at its own ceiling shows that, and one more at half of its ceiling gives a latency under moderate load
			boolean reachable = pgbenchTps != null && pgbenchTps / 2 <= closed.perSecond();
			var rates = new ArrayList<double[]>();
			if (reachable) {
				rates.add(new double[] { pgbenchTps / 2 });
			}
			else {
				if (pgbenchTps != null) {
					System.out.printf("  half of pgbench's TPS (%.0f/s) is above the application's closed-loop rate: open loop at that rate instead, then at half of it%n",
							pgbenchTps / 2);
				}
				rates.add(new double[] { closed.perSecond() });
				rates.add(new double[] { closed.perSecond() / 2 });
			}
			var opens = new ArrayList<Run>();
			for (var r : rates) {
				var open = openLoop(http, requests, r[0], seconds);
				opens.add(open);
				String label = reachable ? "half of pgbench's TPS"
						: r == rates.get(0) ? "the application's closed-loop rate" : "half of the application's closed-loop rate";
				System.out.printf("  application, open loop at %.0f req/s (%s): %s%n", r[0], label, open.summary());
				awaitListeners(url);
			}

			long rows;
			try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
				var rs = s.executeQuery("select count(*) from appeal where raised_by is not null");
				rs.next();
				rows = rs.getLong(1);
			}
			System.out.printf("  appeals in the table after the run: %,d (warm-up and all phases)%n", rows);

			System.out.println("  | figure | target | measured | met |");
			System.out.println("  |---|---|---|---|");
			if (pgbenchTps != null) {
				double ratio = closed.perSecond() / pgbenchTps * 100;
				System.out.printf("  | pgbench, one-row INSERT into appeal, %d clients | — | %.0f TPS | |%n", clients, pgbenchTps);
				System.out.printf("  | application, POST /api/v1/appeals, %d clients | ≥ 15 %% of pgbench | %.0f req/s = %.1f %% | %s |%n", clients,
						closed.perSecond(), ratio, ratio >= 15 ? "yes" : "NO");
			}
			else {
				System.out.printf("  | application, POST /api/v1/appeals, %d clients | ≥ 15 %% of pgbench | %.0f req/s (pgbench skipped) | ? |%n",
						clients, closed.perSecond());
			}
			for (int i = 0; i < opens.size(); i++) {
				var open = opens.get(i);
				double r = rates.get(i)[0];
				String what = reachable ? " (half of pgbench)" : i == 0 ? " (the application's ceiling)" : " (half of the application's ceiling)";
				String met = reachable ? open.percentileMs(0.99) < 50 && open.errors() == 0 ? "yes" : "NO"
						: pgbenchTps == null ? "?" : "NO: half of pgbench not sustainable";
				System.out.printf("  | p99 latency at %.0f req/s%s | < 50 ms at half of pgbench | %.1f ms (p50 %.1f ms) | %s |%n", r, what,
						open.percentileMs(0.99), open.percentileMs(0.5), met);
			}
		}
		finally {
			process.destroy();
			process.waitFor();
			cn.linli.bench.Benchmarks.deleteRecursively(data);
		}
	}

	/** Where the demo resident raises its appeals, and what pgbench needs to insert a row like the application's. */
	record Place(long user, long house, long building, long compound, String community, Long company, int accept, int resolve,
			int supervise) {

		static Place of(Connection c) throws Exception {
			try (var s = c.createStatement()) {
				var rs = s.executeQuery("""
						select u.id, h.id, b.id, cp.id, cp.community_code
						from resident_binding rb join app_user u on u.id = rb.user_id join house h on h.id = rb.house_id
						  join building b on b.id = h.building_id join compound cp on cp.id = b.compound_id
						where u.username = 'resident'""");
				if (!rs.next()) {
					throw new IllegalStateException("the demo resident has no house");
				}
				long user = rs.getLong(1);
				long house = rs.getLong(2);
				long building = rs.getLong(3);
				long compound = rs.getLong(4);
				String community = rs.getString(5);
				// the handler the application picks (RegistryDirectory.compoundFacts): the company under contract today, unless self-managed
				var company = s.executeQuery("""
						select sc.company_id from compound c join service_contract sc on sc.compound_id = c.id
						where c.id = %d and c.service_mode not in ('NONE', 'SELF') and (now() at time zone 'Asia/Shanghai')::date between sc.starts_on and sc.ends_on
						""".formatted(compound));
				Long companyId = company.next() ? company.getLong(1) : null;
				var policy = s.executeQuery("""
						select accept_minutes, resolve_minutes, supervise_minutes from sla_policy
						where region_code = '' and category = 'PARKING' and urgency = 'NORMAL'""");
				policy.next();
				return new Place(user, house, building, compound, community, companyId, policy.getInt(1), policy.getInt(2), policy.getInt(3));
			}
		}
	}

	/** Every request differs: kind, category, house or common parts, text with a counter, and a fresh Idempotency-Key. */
	record Requests(String base, String token, Place place, AtomicLong counter) {

		Requests(String base, String token, Place place) {
			this(base, token, place, new AtomicLong());
		}

		/** The next appeal's JSON body. */
		String nextBody() {
			long n = counter.incrementAndGet();
			String category = CATEGORIES[(int) (n % CATEGORIES.length)];
			String where = n % 3 == 0 ? "\"compoundId\":" + place.compound() : "\"houseId\":" + place.house();
			String attributes = category.equals("FACILITY") ? ",\"attributes\":{\"trapped\":\"no\"}" : "";
			return "{\"kind\":\"%s\",\"category\":\"%s\",\"body\":\"%s（第 %d 次反映）\",%s%s}".formatted(KINDS[(int) (n % KINDS.length)],
					category, TEXTS[(int) (n / 3 % TEXTS.length)], n, where, attributes);
		}

		HttpRequest next() {
			return HttpRequest.newBuilder(URI.create(base + "/api/v1/appeals")).timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(nextBody(), StandardCharsets.UTF_8))
				.build();
		}
	}

	/**
	 * A blocking HTTP/1.1 client on one kept-alive socket, for the closed loop: the load generator
	 * shares the machine's two cores with the application and PostgreSQL, as pgbench's client does,
	 * so it must cost as little as pgbench's C client. The JDK's {@code HttpClient} spent about 5 ms
	 * of CPU per request here (half of what the application spends on one); this spends a fraction
	 * of a millisecond. The open loop keeps {@code HttpClient} for its asynchronous sends.
	 */
	static final class HttpConnection implements AutoCloseable {

		private final String host;
		private final int port;
		private java.net.Socket socket;
		private java.io.InputStream in;
		private java.io.OutputStream out;

		HttpConnection(URI base) {
			this.host = base.getHost();
			this.port = base.getPort();
		}

		/** POSTs a JSON body; returns the status and the body as text. */
		String[] post(String path, String token, String json) throws IOException {
			if (socket == null) {
				socket = new java.net.Socket(host, port);
				socket.setTcpNoDelay(true);
				socket.setSoTimeout(30_000);
				in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
				out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
			}
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\nContent-Length: " + body.length
					+ "\r\n\r\n";
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			String status = line();
			if (status == null) {
				throw new IOException("connection closed before an answer");
			}
			int length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String h = line(); h != null && !h.isEmpty(); h = line()) {
				String lower = h.toLowerCase(java.util.Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Integer.parseInt(lower.substring(15).strip());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			var answer = new java.io.ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
					answer.write(in.readNBytes(size));
					line();
				}
				line();
			}
			else if (length >= 0) {
				answer.write(in.readNBytes(length));
			}
			if (close) {
				close();
			}
			return new String[] { status.split(" ")[1], answer.toString(StandardCharsets.UTF_8) };
		}

		private String line() throws IOException {
			var sb = new StringBuilder();
			for (int b = in.read(); b != -1; b = in.read()) {
				if (b == '\n') {
					int n = sb.length();
					return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
				}
				sb.append((char) b);
			}
			return sb.isEmpty() ? null : sb.toString();
		}

		@Override
		public void close() throws IOException {
			if (socket != null) {
				socket.close();
				socket = null;
			}
		}
	}

	/** {@code count} requests if > 0, else as many as fit in {@code seconds}; C threads, each on its own connection, waits for its answer. */
	static Run closedLoop(Requests requests, int clients, int count, int seconds) throws Exception {
		var issued = new AtomicInteger();
		var errors = new AtomicInteger();
		var firstError = new AtomicReference<String>();
		var perThread = new ArrayList<long[]>();
		var sizes = new int[clients];
		long t0 = System.nanoTime();
		long until = t0 + TimeUnit.SECONDS.toNanos(seconds);
		var threads = new ArrayList<Thread>();
		for (int i = 0; i < clients; i++) {
			int me = i;
			long[] mine = new long[count > 0 ? count : 1 << 18];
			perThread.add(mine);
			var t = new Thread(() -> {
				try (var connection = new HttpConnection(URI.create(requests.base()))) {
					while (count > 0 ? issued.incrementAndGet() <= count : System.nanoTime() < until) {
						String json = requests.nextBody();
						long start = System.nanoTime();
						try {
							var answer = connection.post("/api/v1/appeals", requests.token(), json);
							long took = System.nanoTime() - start;
							if (!answer[0].equals("201")) {
								errors.incrementAndGet();
								firstError.compareAndSet(null, answer[0] + " " + answer[1]);
							}
							else if (sizes[me] < mine.length) {
								mine[sizes[me]++] = took;
							}
						}
						catch (IOException | RuntimeException e) {
							errors.incrementAndGet();
							firstError.compareAndSet(null, e.toString());
							connection.close();
						}
					}
				}
				catch (IOException e) {
					firstError.compareAndSet(null, e.toString());
				}
			}, "intake-client-" + i);
			threads.add(t);
			t.start();
		}
		for (var t : threads) {
			t.join();
		}
		double elapsed = (System.nanoTime() - t0) / 1e9;
		int total = 0;
		for (int s : sizes) {
			total += s;
		}
		long[] all = new long[total];
		int at = 0;
		for (int i = 0; i < clients; i++) {
			System.arraycopy(perThread.get(i), 0, all, at, sizes[i]);
			at += sizes[i];
		}
		Arrays.sort(all);
		return new Run("closed", total, errors.get(), elapsed, all, firstError.get());
	}

	/** Requests leave at fixed intervals whatever the server does; latency counts from when each was due to leave. */
	static Run openLoop(HttpClient http, Requests requests, double perSecond, int seconds) throws Exception {
		int total = (int) Math.round(perSecond * seconds);
		long interval = Math.round(1e9 / perSecond);
		long[] latencies = new long[total];
		var ok = new AtomicInteger();
		var errors = new AtomicInteger();
		var firstError = new AtomicReference<String>();
		// bounds the connections a saturated server could make us open; waiting here still counts against the server
		var inFlight = new Semaphore(256);
		var done = new CountDownLatch(total);
		long t0 = System.nanoTime() + 10_000_000;
		for (int i = 0; i < total; i++) {
			long due = t0 + i * interval;
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			var request = requests.next();
			inFlight.acquire();
			int slot = i;
			http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
				long took = System.nanoTime() - due;
				inFlight.release();
				if (failure != null || response.statusCode() != 201) {
					errors.incrementAndGet();
					firstError.compareAndSet(null, failure != null ? failure.toString() : response.statusCode() + " " + response.body());
					latencies[slot] = -1;
				}
				else {
					latencies[slot] = took;
					ok.incrementAndGet();
				}
				done.countDown();
			});
		}
		long sent = System.nanoTime();
		if (!done.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("open loop: answers still missing two minutes after the last request");
		}
		double elapsed = (System.nanoTime() - t0) / 1e9;
		if ((sent - t0) / 1e9 > seconds * 1.05) {
			System.out.printf("  (the client fell behind its schedule: sending took %.1f s instead of %d s)%n", (sent - t0) / 1e9, seconds);
		}
		long[] good = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
		return new Run("open", ok.get(), errors.get(), elapsed, good, firstError.get());
	}

	/** The notices of the previous phase are written by asynchronous listeners; let them finish so that phases do not overlap. */
	/** The database's commits, rows written and WAL flushes so far. */
	static long[] databaseWork(String url) throws Exception {
		try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
			var rs = s.executeQuery("""
					select xact_commit, tup_inserted + tup_updated + tup_deleted, (select wal_sync from pg_stat_wal)
					from pg_stat_database where datname = current_database()""");
			rs.next();
			return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
		}
	}

	/**
	 * CPU seconds used so far by the application's JVM and by its embedded PostgreSQL: the postmaster
	 * of the data directory (pg_ctl detaches it from the JVM) and its backends; and the load
	 * generator's (this JVM).
	 */
	static double[] cpuSeconds(Process app, Path data) {
		double jvm = cpu(app.toHandle());
		String dir = "/" + data.getFileName();
		double pg = ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
			.mapToDouble(p -> cpu(p) + p.descendants().mapToDouble(IntakeBenchmark::cpu).sum()).sum();
		return new double[] { jvm, pg, cpu(ProcessHandle.current()) };
	}

	static double cpu(ProcessHandle p) {
		return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
	}

	static void awaitListeners(String url) throws Exception {
		long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
			while (System.nanoTime() < until) {
				var rs = s.executeQuery("select count(*) from event_publication where completion_date is null");
				rs.next();
				if (rs.getLong(1) == 0) {
					return;
				}
				Thread.sleep(200);
			}
		}
		System.out.println("  (event listeners still busy after two minutes; the next phase overlaps them)");
	}

	/** pgbench's TPS for one appeal row per transaction, or null (with the reason printed) when pgbench cannot run. */
	static Double pgbench(Path work, int dbPort, int clients, int seconds, Place p) throws Exception {
		if (!onPath("pgbench")) {
			System.out.println("  pgbench not on PATH: running apt-get install -y postgresql-client");
			int exit;
			try {
				exit = new ProcessBuilder("sh", "-c", "apt-get install -y postgresql-client || (apt-get update && apt-get install -y postgresql-client)")
					.redirectErrorStream(true).redirectOutput(work.resolve("apt-get.log").toFile()).start().waitFor();
			}
			catch (IOException e) {
				System.out.println("  pgbench skipped: " + e.getMessage());
				return null;
			}
			if (exit != 0 || !onPath("pgbench")) {
				System.out.println("  pgbench skipped: apt-get install postgresql-client failed (exit " + exit + "), see " + work.resolve("apt-get.log"));
				return null;
			}
		}
		// the row the application writes for the resident's house: same compound, house, handler and clocks, a different text each time
		String handler = p.company() == null ? "'COMMUNITY', null" : "'COMPANY', " + p.company();
		String script = """
				\\set n random(1, 1000000000)
				insert into appeal (compound_id, community_code, building_id, house_id, kind, category, urgency, body, channel, raised_by,
				  raised_by_role, status, handler_kind, handler_company_id, accept_minutes, resolve_minutes, supervise_minutes, accept_due_at,
				  next_escalation_at, first_accept_due_at, first_resolve_due_at)
				values (%d, '%s', %d, %d, 'COMPLAINT', 'PARKING', 'NORMAL', 'pgbench ' || :client_id || ' ' || :n, 'APP', %d,
				  'RESIDENT', 'SUBMITTED', %s, %d, %d, %d, now() + interval '%d minutes',
				  now() + interval '%d minutes', now() + interval '%d minutes', now() + interval '%d minutes');
				""".formatted(p.compound(), p.community(), p.building(), p.house(), p.user(), handler, p.accept(), p.resolve(), p.supervise(), p.accept(),
				p.accept(), p.accept(), p.resolve());
		Path file = work.resolve("intake-pgbench.sql");
		Files.writeString(file, script);
		var command = List.of("pgbench", "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), "-f",
				file.toAbsolutePath().toString(), "-h", "localhost", "-p", String.valueOf(dbPort), "-U", "postgres", "linli");
		System.out.println("  " + String.join(" ", command));
		var pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().put("PGPASSWORD", "");
		var process = pb.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		var tps = Pattern.compile("tps = ([\\d.]+)").matcher(out);
		if (exit != 0 || !tps.find()) {
			System.out.println("  pgbench skipped: exit " + exit + "\n" + out.indent(4));
			return null;
		}
		for (String line : out.split("\n")) {
			if (line.startsWith("number of transactions actually processed") || line.startsWith("latency") || line.startsWith("tps")
					|| line.startsWith("number of failed")) {
				System.out.println("    pgbench: " + line.strip());
			}
		}
		return Double.parseDouble(tps.group(1));
	}

	static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

	static String token(HttpClient http, String base) throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"resident\",\"password\":\"" + PASSWORD + "\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		var m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
		}
		return m.group(1);
	}

	static void awaitLog(Process process, Path log, String text, Duration timeout) throws Exception {
		long until = System.nanoTime() + timeout.toNanos();
		while (!Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
			if (System.nanoTime() > until || !process.isAlive()) {
				throw new IllegalStateException("application did not start; see " + log);
			}
			Thread.sleep(200);
		}
	}

	public static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
