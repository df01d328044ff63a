package cn.linli.appeal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.shared.time.TimeConfiguration;

/**
 * What an appeal contributes to the DOMAIN §3 indicators, written once: {@link #SELECT} turns
 * each appeal row into its fact (the day it was raised in Asia/Shanghai, where and against whom
 * it counts, a 0/1 per counter, and the judged deadlines still running), the analytics module
 * keeps its projections from exactly these rows, and {@link #recount} sums the same rows straight
 * from the appeal table — the reference the projections are checked against.
 * <p>
 * 响应率 and 按时办结率 judge the clocks the appeal was raised with ({@code first_accept_due_at},
 * {@code first_resolve_due_at} with its pauses), which a hand-over never moves. A clock that is
 * still running is not in a counter but in {@code accept_pending_due} / {@code resolve_pending_due}:
 * the appeal becomes due (late) the moment that passes, so a reader counts it against its own
 * "now" and no event is needed when a clock runs out. An appeal waiting for the resident (paused)
 * is not due.
 */
@Service
@Transactional(readOnly = true)
public class AppealFacts {

	/**
	 * A valid complaint (投诉密度, concentration): a complaint that is not a repeat of an earlier one
	 * and that the community did not confirm as wrongly routed to its handler.
	 */
	static final String VALID_COMPLAINT = "a.kind = '" + AppealKind.COMPLAINT.name() + "' and a.repeat_of is null and not a.wrongly_routed";

	/** The counters of a fact, in the order of {@link IndicatorCounts} (without the pending clocks). */
	public static final List<String> COUNTERS = List.of("appeals", "accept_judged", "accepted_on_time", "resolve_judged", "resolved_on_time",
			"rated", "satisfied", "solved", "complaints", "repeats");

	/**
	 * One row per appeal of {@code appeal a}: appeal_id, compound_id, company_id, community_code,
	 * category, kind, day, the {@link #COUNTERS}, accept_pending_due, resolve_pending_due. The caller
	 * appends its {@code where}.
	 */
	public static final String SELECT = """
			select a.id as appeal_id, a.compound_id, a.handler_company_id as company_id, a.community_code, a.category, a.kind,
			  (a.created_at at time zone '%3$s')::date as day,
			  1 as appeals,
			  (a.first_accepted_at is not null)::int as accept_judged,
			  coalesce(a.first_accepted_at <= a.first_accept_due_at, false)::int as accepted_on_time,
			  (a.resolved_on_time is not null)::int as resolve_judged,
			  coalesce(a.resolved_on_time, false)::int as resolved_on_time,
			  (a.rating is not null)::int as rated,
			  coalesce(a.rating in %1$s, false)::int as satisfied,
			  (coalesce(a.rating in %1$s, false) or a.confirmed_solved)::int as solved,
			  (%2$s)::int as complaints,
			  (a.repeat_of is not null)::int as repeats,
			  case when a.first_accepted_at is null then a.first_accept_due_at end as accept_pending_due,
			  case when a.resolved_on_time is null and a.paused_at is null then a.first_resolve_due_at end as resolve_pending_due
			from appeal a""".formatted(Rating.satisfiedSql(), VALID_COMPLAINT, TimeConfiguration.ZONE.getId());

	/** Which appeals: those of a region (code prefix), of a company, of a compound; null = any. */
	public record Slice(String regionPrefix, Long companyId, Long compoundId) {

		public static Slice region(String code) {
			return new Slice(code, null, null);
		}

		public static Slice company(long id) {
			return new Slice(null, id, null);
		}

		public static Slice compound(long id) {
			return new Slice(null, null, id);
		}
	}

	/** How the counts are grouped: one total, per region code of a length, per compound. */
	public enum By {
		TOTAL("''"), PROVINCE("substr(f.community_code, 1, 2)"), CITY("substr(f.community_code, 1, 4)"), AREA("substr(f.community_code, 1, 6)"),
		STREET("substr(f.community_code, 1, 9)"), COMMUNITY("f.community_code"), COMPOUND("f.compound_id::text");

		private final String sql;

		By(String sql) {
			this.sql = sql;
		}
	}

	private final JdbcClient jdbc;

	AppealFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The indicators' counts of the slice's appeals raised on the days {@code from}..{@code to}
	 * (inclusive, Asia/Shanghai), running clocks judged at {@code now}, summed from the appeal
	 * table itself.
	 */
	public Map<String, IndicatorCounts> recount(Slice slice, By by, LocalDate from, LocalDate to, Instant now) {
		var zone = TimeConfiguration.ZONE;
		String where = " where a.created_at >= :from and a.created_at < :to"
				+ (slice.regionPrefix() == null ? "" : " and a.community_code like :p")
				+ (slice.companyId() == null ? "" : " and a.handler_company_id = :co")
				+ (slice.compoundId() == null ? "" : " and a.compound_id = :c");
		var params = new HashMap<String, Object>();
		params.put("from", Timestamp.from(from.atStartOfDay(zone).toInstant()));
		params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
		params.put("now", Timestamp.from(now));
		if (slice.regionPrefix() != null) {
			params.put("p", slice.regionPrefix() + "%");
		}
		if (slice.companyId() != null) {
			params.put("co", slice.companyId());
		}
		if (slice.compoundId() != null) {
			params.put("c", slice.compoundId());
		}
		var out = new HashMap<String, IndicatorCounts>();
		jdbc.sql("select " + by.sql + """
				 as k, sum(appeals), sum(accept_judged) + count(*) filter (where accept_pending_due <= :now), sum(accepted_on_time),
				  sum(resolve_judged) + count(*) filter (where resolve_pending_due <= :now), sum(resolved_on_time),
				  sum(rated), sum(satisfied), sum(solved), sum(complaints), sum(repeats)
				from (""" + SELECT + where + ") f group by 1").params(params)
			.query((rs, n) -> out.put(rs.getString(1), new IndicatorCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), 0, 0)))
			.list();
		return out;
	}
}
