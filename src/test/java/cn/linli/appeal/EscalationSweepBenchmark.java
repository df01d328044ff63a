package cn.linli.appeal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.linli.LinliApplication;
import cn.linli.appeal.supervision.EscalationSweep;
import cn.linli.appeal.supervision.HandingOverAtContractEnd;

/**
 * Part of {@code mvn -Pbench -DskipTests package}: the escalation sweep over 1,000,000 open appeals
 * of which 10,000 are overdue. Prints the plan of the sweep statement (it must reach the rows
 * through the partial index {@code appeal_next_escalation}, never by reading the table) and the
 * time of {@link EscalationSweep#sweep()} itself, three times on freshly reset data.
 * <p>
 * Runs the application in this JVM (no web traffic is needed, but the sweep is a bean), on a fresh
 * embedded database without demo data; {@code -Dbench.sweep.open=1000000} and
 * {@code -Dbench.sweep.due=10000} change the sizes.
 */
public final class EscalationSweepBenchmark {

	static final Pattern SEQ_SCAN_ON_APPEAL = Pattern.compile("Seq Scan on appeal(?![_\\w])");

	private EscalationSweepBenchmark() {
	}

	public static void run(Path work) throws Exception {
		int open = Integer.getInteger("bench.sweep.open", 1_000_000);
		int due = Integer.getInteger("bench.sweep.due", 10_000);
		if (open % due != 0) {
			throw new IllegalArgumentException("bench.sweep.open must be a multiple of bench.sweep.due");
		}
		Path data = work.resolve("pg-sweep");
		cn.linli.bench.Benchmarks.deleteRecursively(data);
		// as arguments, not builder properties: those are defaults, and application.yml would win over them
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LinliApplication.class).run(
				"--linli.embedded.data-dir=" + data, "--linli.embedded.clean=true", "--server.port=0", "--linli.demo.enabled=false",
				"--linli.security.pepper=" + cn.linli.bench.Benchmarks.BENCH_PEPPER,
				// the benchmark calls the sweep itself; a scheduled one would take the due rows first
				"--linli.appeal.scheduler.enabled=false", "--linli.uploads.dir=" + work.resolve("uploads-sweep"), "--logging.level.root=WARN",
				"--spring.main.banner-mode=off");
		try {
			var dataSource = context.getBean(DataSource.class);
			var sweep = context.getBean(EscalationSweep.class);
			try (var c = dataSource.getConnection(); var s = c.createStatement()) {
				long t0 = System.nanoTime();
				load(s, open, due);
				System.out.printf("Escalation sweep: %,d open appeals loaded, %,d of them overdue (%.1f s incl. vacuum analyze); table %s, index appeal_next_escalation %s%n",
						open, due, (System.nanoTime() - t0) / 1e9, size(s, "appeal"), size(s, "appeal_next_escalation"));

				String plan = explain(c, s);
				System.out.println("  EXPLAIN (ANALYZE, BUFFERS) of EscalationSweep.SWEEP (rolled back):");
				System.out.println(plan.indent(4).stripTrailing());
				boolean usesIndex = plan.contains("appeal_next_escalation");
				boolean scansTable = SEQ_SCAN_ON_APPEAL.matcher(plan).find();
				System.out.printf("  plan: %s appeal_next_escalation, %s — %s%n", usesIndex ? "reads" : "does NOT read",
						scansTable ? "HAS a Seq Scan on appeal" : "no Seq Scan on appeal", usesIndex && !scansTable ? "as required" : "NOT as required");
				if (!usesIndex || scansTable) {
					throw new IllegalStateException("the sweep statement must reach the rows through appeal_next_escalation without a Seq Scan on appeal");
				}
				reset(s);

				var times = new ArrayList<Double>();
				var counts = new ArrayList<Integer>();
				for (int run = 0; run < 3; run++) {
					long start = System.nanoTime();
					int escalated = sweep.sweep();
					times.add((System.nanoTime() - start) / 1e6);
					counts.add(escalated);
					if (run == 0) {
						verify(s, due);
					}
					awaitListeners(s);
					reset(s);
				}
				var sorted = times.stream().sorted().toList();
				boolean allEscalated = counts.stream().allMatch(n -> n == due);
				System.out.printf("  EscalationSweep.sweep(): escalated %s appeals in %s ms (median %.0f ms) — target < 2 s with %,d escalated: %s%n",
						counts, times.stream().map(t -> "%.0f".formatted(t)).toList(), sorted.get(1), due,
						allEscalated && sorted.get(1) < 2000 ? "met" : "NOT met");
				// a slow sweep is a figure to report; a sweep that escalates the wrong number of appeals is a failure
				if (!allEscalated) {
					throw new IllegalStateException("each sweep must escalate exactly the " + due + " overdue appeals, escalated " + counts);
				}

				// the hourly contract-end hand-over reads every open company appeal: what that costs when nothing is due
				var appeals = context.getBean(HandingOverAtContractEnd.class);
				var handOver = new ArrayList<Double>();
				for (int run = 0; run < 3; run++) {
					long start = System.nanoTime();
					int handed = appeals.handOverEndedContracts();
					handOver.add((System.nanoTime() - start) / 1e6);
					if (handed != 0) {
						throw new IllegalStateException("the hand-over moved " + handed + " appeals of a compound under contract");
					}
				}
				System.out.printf("  HandingOverAtContractEnd.handOverEndedContracts() over the same open appeals, none due (hourly): %s ms%n",
						handOver.stream().map(t -> "%.0f".formatted(t)).toList());
			}
		}
		finally {
			context.close();
			cn.linli.bench.Benchmarks.deleteRecursively(data);
		}
	}

	/**
	 * One compound with a property company; {@code open} appeals spread over the last 30 days, a
	 * third of them accepted (their resolve clock runs), a fifth handled by the community itself; every
	 * (open / due)-th one is past its deadline, the others fall due over the next ten days. Status and
	 * handler follow g / 11 and g / 7, not g, so that the overdue rows mix them too.
	 */
	static void load(Statement s, int open, int due) throws Exception {
		var rs = s.executeQuery("select code from region where level = 5 and urban and code like '371002%' order by code limit 1");
		if (!rs.next()) {
			throw new IllegalStateException("no Huancui community in the seeded regions");
		}
		String community = rs.getString(1);
		rs = s.executeQuery("""
				insert into property_company (name, credit_code, party_org) values ('基准物业服务有限公司', '91350100M000100Y43', 'NONE') returning id""");
		rs.next();
		long company = rs.getLong(1);
		rs = s.executeQuery("""
				insert into compound (name, community_code, households, service_mode) values ('督办基准小区', '%s', 5000, 'PROFESSIONAL') returning id"""
			.formatted(community));
		rs.next();
		long compound = rs.getLong(1);
		// the company serves the compound under a contract in force, so the contract-end hand-over finds nothing to move
		s.execute("insert into service_contract (compound_id, company_id, starts_on, ends_on) values (%d, %d, current_date - 365, current_date + 365)"
			.formatted(compound, company));
		int every = open / due;
		s.execute("""
				insert into appeal (compound_id, community_code, kind, category, urgency, body, channel, status, handler_kind, handler_company_id,
				  accept_minutes, resolve_minutes, supervise_minutes, created_at, accept_due_at, first_accept_due_at, accepted_at, resolve_due_at,
				  first_resolve_due_at, next_escalation_at, updated_at)
				select %1$d, '%2$s', 'COMPLAINT', (array['SERVICE','PARKING','SANITATION','GREENING','FACILITY','SAFETY','NEIGHBOUR','GOVERNANCE'])[1 + g %% 8],
				  'NORMAL', '基准诉求 ' || g, 'APP', case when g / 11 %% 3 = 0 then 'ACCEPTED' else 'SUBMITTED' end,
				  case when g / 7 %% 5 = 0 then 'COMMUNITY' else 'COMPANY' end, case when g / 7 %% 5 = 0 then null else %3$d end,
				  1440, 10080, 1440, t.created, t.clock, t.clock, case when g / 11 %% 3 = 0 then t.created end,
				  case when g / 11 %% 3 = 0 then t.clock end, t.created + interval '10080 minutes', t.clock, t.created
				from generate_series(1, %4$d) g
				cross join lateral (select case when g %% %5$d = 0 then now() - (1 + g %% 600) * interval '1 minute'
				                                else now() + (1 + g %% 14400) * interval '1 minute' end as clock) c
				cross join lateral (select least(c.clock, now()) - (g %% 43200) * interval '1 minute' as created, c.clock) t
				""".formatted(compound, community, company, open, every));
		s.execute("vacuum analyze appeal");
	}

	/** The whole statement as the sweep runs it, with the plan PostgreSQL chose for this data; nothing stays escalated. */
	static String explain(Connection c, Statement s) throws Exception {
		String sql = EscalationSweep.SWEEP.replace(":now", "'" + Instant.now() + "'").replace(":batch", String.valueOf(EscalationSweep.BATCH));
		var plan = new StringBuilder();
		c.setAutoCommit(false);
		try {
			var rs = s.executeQuery("explain (analyze, buffers) " + sql);
			while (rs.next()) {
				plan.append(rs.getString(1)).append('\n');
			}
		}
		finally {
			c.rollback();
			c.setAutoCommit(true);
		}
		return plan.toString();
	}

	/** What the first sweep must have done: each overdue appeal one level up, with its timeline and audit rows and the right reason. */
	static void verify(Statement s, int due) throws Exception {
		var rs = s.executeQuery("""
				select count(*) filter (where a.handler_kind = 'COMPANY' and a.level = 'COMMUNITY'),
				       count(*) filter (where a.handler_kind = 'COMMUNITY' and a.level = 'STREET'),
				       count(*) filter (where a.next_escalation_at = a.supervise_due_at and a.next_escalation_at > now()),
				       (select count(*) from appeal_event e where e.action = 'ESCALATED'),
				       (select count(*) from appeal_event e join appeal x on x.id = e.appeal_id
				        where e.action = 'ESCALATED' and e.note = (case x.status when 'SUBMITTED' then '签收时限已到' else '办结时限已到' end)
				          || '，升级至' || case x.level when 'COMMUNITY' then '社区' else '街道' end || '督办'),
				       (select count(*) from audit_log l where l.action = 'appeal.escalated'),
				       count(*)
				from appeal a where a.escalations > 0""");
		rs.next();
		long company = rs.getLong(1);
		long community = rs.getLong(2);
		long rearmed = rs.getLong(3);
		long events = rs.getLong(4);
		long reasons = rs.getLong(5);
		long audits = rs.getLong(6);
		long total = rs.getLong(7);
		boolean ok = total == due && company + community == due && company > 0 && community > 0 && rearmed == due && events == due
				&& reasons == due && audits == due;
		System.out.printf("  first sweep checked: %,d escalated (%,d company → COMMUNITY, %,d community → STREET), %,d re-armed, %,d timeline rows (%,d with the right reason), %,d audit rows — %s%n",
				total, company, community, rearmed, events, reasons, audits, ok ? "correct" : "WRONG");
		if (!ok) {
			throw new IllegalStateException("the first sweep did not escalate exactly the " + due + " overdue appeals with their timeline and audit rows");
		}
	}

	/** The escalated appeals back at the handler and overdue again, as before the first sweep. */
	static void reset(Statement s) throws Exception {
		s.executeUpdate("""
				update appeal set level = 'HANDLER', escalations = 0, supervise_due_at = null,
				  next_escalation_at = case status when 'SUBMITTED' then accept_due_at else resolve_due_at end
				where escalations > 0""");
		s.execute("vacuum analyze appeal");
	}

	/** The sweep's one event is handled asynchronously; wait so that the next run does not share the machine with it. */
	static void awaitListeners(Statement s) throws Exception {
		long until = System.nanoTime() + 120_000_000_000L;
		while (System.nanoTime() < until) {
			var rs = s.executeQuery("select count(*) from event_publication where completion_date is null");
			rs.next();
			if (rs.getLong(1) == 0) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("the listeners of the sweep's event did not finish within 120 s");
	}

	static String size(Statement s, String relation) throws Exception {
		var rs = s.executeQuery("select pg_size_pretty(pg_relation_size('" + relation + "'))");
		rs.next();
		return rs.getString(1);
	}
}
