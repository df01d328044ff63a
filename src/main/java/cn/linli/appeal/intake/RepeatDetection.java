package cn.linli.appeal.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.domain.Appeal;
import cn.linli.appeal.domain.RepeatRule;
import cn.linli.appeal.text.Subject;

/**
 * Links a new appeal to the group of the earlier one of its compound (last 30 days) that it
 * repeats by {@link RepeatRule}: the best match wins, a same-place match before a text-only one,
 * and the link goes to the first appeal of the group, so that a group has one original.
 */
@Component
public class RepeatDetection {

	public static final Duration WINDOW = Duration.ofDays(30);

	/**
	 * The earlier appeals' subjects by appeal id (an appeal's terms are written once, at intake):
	 * each new appeal of a compound is compared with the same recent ones, and reading their terms
	 * again for every intake was a tenth of its time; a cached one's terms are not even decoded.
	 */
	private final Cache<Long, Subject> subjects = Caffeine.newBuilder().maximumSize(20_000).build();

	private final JdbcClient jdbc;

	RepeatDetection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void link(Appeal a, Instant now) {
		if (!RepeatRule.counts(a.kind())) {
			return;
		}
		var later = new RepeatRule.Side(a.kind(), a.category(), a.houseId(), a.terms() == null ? Subject.NONE : Subject.parse(a.terms()));
		record Candidate(long root, RepeatRule.Side side) {
		}
		// The compound goes into the text, not a parameter: a prepared statement's generic plan assumes an average compound
		// (a handful of appeals a month) and reads and sorts all of a busy one's month to keep 200; with the compound in the
		// text the plan is made for its own size, and the read stays at 200 rows however busy the compound is.
		var candidates = jdbc.sql("""
				select id, coalesce(repeat_of, id), kind, category, house_id, terms from appeal
				where compound_id = %s and created_at >= :since and kind in %s
				order by created_at desc limit 200""".formatted(Long.toString(a.compoundId()), RepeatRule.countingKindsSql()))
			.param("since", Timestamp.from(now.minus(WINDOW)))
			.query((rs, i) -> new Candidate(rs.getLong(2), new RepeatRule.Side(AppealKind.valueOf(rs.getString(3)), rs.getString(4),
					(Long) rs.getObject(5, Long.class), subject(rs.getLong(1), rs))))
			.list();
		RepeatRule.Match best = null;
		Long bestRoot = null;
		for (var c : candidates) {
			var match = RepeatRule.match(c.side(), later).orElse(null);
			if (match != null && (best == null || better(match, best))) {
				best = match;
				bestRoot = c.root();
			}
		}
		if (best != null) {
			a.linkAsRepeatOf(bestRoot, best.reason().name(), best.similarity());
		}
	}

	private Subject subject(long id, ResultSet rs) throws SQLException {
		var known = subjects.getIfPresent(id);
		if (known != null) {
			return known;
		}
		String terms = rs.getString(6);
		var parsed = terms == null ? Subject.NONE : Subject.parse(terms);
		subjects.put(id, parsed);
		return parsed;
	}

	private static boolean better(RepeatRule.Match m, RepeatRule.Match than) {
		if (m.reason() != than.reason()) {
			return m.reason() == RepeatRule.Reason.SAME_PLACE;
		}
		return m.similarity() > than.similarity();
	}
}
