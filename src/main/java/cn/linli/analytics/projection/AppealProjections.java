package cn.linli.analytics.projection;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.linli.appeal.AppealFacts;

/**
 * Keeps the analytics read models equal to {@link AppealFacts#SELECT} over the appeal table.
 * <p>
 * A refresh is state-based, not counted from events: it reads the appeals' facts as they are now,
 * subtracts what the projections hold for them ({@code analytics_appeal}) and adds the new ones,
 * for every unit each appeal counts in — by day for the coarse ones (four region levels down to the
 * street, its company), by month for all (also its community, its compound, the company at the
 * compound: finer units would have a day row per appeal) — in one statement. An event delivered twice, late or out
 * of order therefore changes nothing that a single delivery would not; a restart loses nothing
 * because the stale mark and its projection commit together. Every writer holds one advisory lock,
 * so two refreshes (or a refresh and a rebuild, on any instance) never add the same change twice.
 */
@Service
public class AppealProjections {

	private static final Logger log = LoggerFactory.getLogger(AppealProjections.class);

	/** The advisory lock every writer of the projections holds for its transaction. */
	static final long LOCK = 0x4c494e4c49414eL; // "LINLIAN"

	public static final int BATCH = 5_000;

	private static final String SUMS = AppealFacts.COUNTERS.stream().map(c -> "sum(sign * " + c + ")::int as " + c)
		.collect(Collectors.joining(", "));

	private static final String NONZERO = AppealFacts.COUNTERS.stream().map(c -> c + " <> 0").collect(Collectors.joining(" or "));

	private static final String ADD = AppealFacts.COUNTERS.stream().map(c -> c + " = t." + c + " + excluded." + c)
		.collect(Collectors.joining(", "));

	private static final String COLUMNS = "appeal_id, compound_id, company_id, community_code, category, kind, day, "
			+ String.join(", ", AppealFacts.COUNTERS) + ", accept_pending_due, resolve_pending_due";

	/** The coarse units an appeal counts in by day, from a row {@code d} of facts: four region levels and its company. */
	static final String DAY_UNITS = """
			cross join lateral (values ('R', substr(d.community_code, 1, 2)), ('R', substr(d.community_code, 1, 4)),
			  ('R', substr(d.community_code, 1, 6)), ('R', substr(d.community_code, 1, 9)), ('C', d.company_id::text)) u (unit, unit_key)
			where u.unit_key is not null""";

	/** Every unit an appeal counts in by month: five region levels, its company, its compound, the company at the compound. */
	static final String MONTH_UNITS = """
			cross join lateral (values ('R', substr(d.community_code, 1, 2)), ('R', substr(d.community_code, 1, 4)),
			  ('R', substr(d.community_code, 1, 6)), ('R', substr(d.community_code, 1, 9)), ('R', d.community_code),
			  ('P', d.community_code || '/' || d.compound_id), ('C', d.company_id::text),
			  ('Q', d.company_id || '/' || d.community_code || '/' || d.compound_id)) u (unit, unit_key)
			where u.unit_key is not null""";

	private static final String SUMS_OF = AppealFacts.COUNTERS.stream().map(c -> "sum(" + c + ")::int").collect(Collectors.joining(", "));

	/**
	 * The old facts are read without FOR UPDATE: the advisory lock already keeps other writers out,
	 * and a row lock on a row the same statement's upsert has just changed would skip the row.
	 */
	private static final String REFRESH = """
			with f as (%1$s where a.id = any (:ids)),
			old as (select * from analytics_appeal where appeal_id = any (:ids)),
			kept as (
			  insert into analytics_appeal (%2$s) select %2$s from f
			  on conflict (appeal_id) do update set %3$s
			  returning 1
			),
			d as (select 1 as sign, f.* from f union all select -1 as sign, old.* from old),
			by_day as (
			  select u.unit, u.unit_key, d.day, d.category, %4$s
			  from d %5$s
			  group by 1, 2, 3, 4
			),
			by_month as (
			  select u.unit, u.unit_key, date_trunc('month', d.day)::date as month, d.category, %4$s
			  from d %6$s
			  group by 1, 2, 3, 4
			),
			days as (
			  insert into analytics_day as t select * from by_day where %7$s
			  on conflict (unit, unit_key, day, category) do update set %8$s
			  returning 1
			),
			months as (
			  insert into analytics_month as t select * from by_month where %7$s
			  on conflict (unit, unit_key, month, category) do update set %8$s
			  returning 1
			)
			select count(*) from kept""".formatted(AppealFacts.SELECT, COLUMNS,
			List.of(COLUMNS.split(", ")).stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", ")),
			SUMS, DAY_UNITS, MONTH_UNITS, NONZERO, ADD);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;

	AppealProjections(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/** Marks appeals whose facts changed; in the caller's transaction. */
	void markStale(long appealId) {
		jdbc.sql("insert into analytics_stale (appeal_id) values (:id) on conflict do nothing").param("id", appealId).update();
	}

	/**
	 * Projects every stale appeal, a batch per transaction; {@code wait}: take the lock even if
	 * another writer holds it (false: leave the work to that one). Returns how many were projected.
	 */
	public int catchUp(boolean wait) {
		int total = 0;
		while (true) {
			Integer n = tx.execute(status -> {
				if (!lock(wait)) {
					return -1;
				}
				Long[] ids = jdbc.sql("""
						delete from analytics_stale where appeal_id in (select appeal_id from analytics_stale order by appeal_id limit :n)
						returning appeal_id""").param("n", BATCH).query(Long.class).list().toArray(Long[]::new);
				if (ids.length > 0) {
					refresh(ids);
				}
				return ids.length;
			});
			if (n == null || n <= 0) {
				return total;
			}
			total += n;
		}
	}

	/** Projects these appeals again, in the caller's transaction (which holds the lock). */
	void refresh(Long[] ids) {
		java.util.Arrays.sort(ids);
		jdbc.sql(REFRESH).param("ids", ids).query(Long.class).single();
	}

	/**
	 * Rebuilds every projection from the appeal table, in one transaction: readers see the old
	 * figures until it commits. Returns the number of appeals projected.
	 */
	public long rebuild() {
		Long n = tx.execute(status -> {
			lock(true);
			long started = System.nanoTime();
			// the sums are grouped in memory, not on disk: a province's facts are millions of rows times eight units
			jdbc.sql("set local work_mem = '256MB'").update();
			jdbc.sql("truncate analytics_appeal, analytics_day, analytics_month, analytics_stale").update();
			long appeals = jdbc.sql("insert into analytics_appeal (" + COLUMNS + ") select " + COLUMNS + " from (" + AppealFacts.SELECT
					+ ") f").update();
			long facts = System.nanoTime();
			long days = jdbc.sql("insert into analytics_day select u.unit, u.unit_key, d.day, d.category, " + SUMS_OF
					+ " from analytics_appeal d " + DAY_UNITS + " group by 1, 2, 3, 4").update();
			long dayRows = System.nanoTime();
			long months = jdbc.sql("insert into analytics_month select u.unit, u.unit_key, date_trunc('month', d.day)::date, d.category, " + SUMS_OF
					+ " from analytics_appeal d " + MONTH_UNITS + " group by 1, 2, 3, 4").update();
			log.info("analytics rebuild: {} facts in {} ms, {} day rows in {} ms, {} month rows in {} ms", appeals, (facts - started) / 1_000_000,
					days, (dayRows - facts) / 1_000_000, months, (System.nanoTime() - dayRows) / 1_000_000);
			jdbc.sql("update analytics_state set built_at = now()").update();
			log.info("analytics projections rebuilt from {} appeals in {} ms", appeals, (System.nanoTime() - started) / 1_000_000);
			return appeals;
		});
		jdbc.sql("analyze analytics_appeal").update();
		jdbc.sql("analyze analytics_day").update();
		jdbc.sql("analyze analytics_month").update();
		return n;
	}

	/** Whether the projections were ever built (a database from before them has appeals but no projections). */
	public boolean built() {
		return jdbc.sql("select built_at is not null from analytics_state").query(Boolean.class).single();
	}

	private boolean lock(boolean wait) {
		if (wait) {
			jdbc.sql("select pg_advisory_xact_lock(:k)").param("k", LOCK).query(Object.class).single();
			return true;
		}
		return jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single();
	}
}
