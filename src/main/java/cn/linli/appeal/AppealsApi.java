package cn.linli.appeal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.open311.Open311Clients;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.shared.security.Actor;

/** What other modules may ask the appeal module beyond its events. */
@Service
@Transactional(readOnly = true)
public class AppealsApi {

	private final JdbcClient jdbc;
	private final Open311Clients open311;
	private final AppealQueries queries;
	private final cn.linli.appeal.text.AppealText text;
	private final java.time.Clock clock;

	AppealsApi(JdbcClient jdbc, Open311Clients open311, AppealQueries queries, cn.linli.appeal.text.AppealText text, java.time.Clock clock) {
		this.clock = clock;
		this.text = text;
		this.jdbc = jdbc;
		this.open311 = open311;
		this.queries = queries;
	}

	/** What waits for the caller as handler and as supervisor, for its home page. */
	public Workload workload(Actor actor) {
		return queries.workload(actor);
	}

	/** Residents who backed an appeal (+1), to be told how it goes. */
	public List<Long> supportersOf(long appealId) {
		return jdbc.sql("select user_id from appeal_supporter where appeal_id = :a order by user_id").param("a", appealId).query(Long.class).list();
	}

	/**
	 * A text for analysis: what it is about as stored at intake (the property objects and the
	 * content words HanLP found with our dictionary) and the text as the public column shows it, abbreviated.
	 */
	public record TextSample(long id, String category, java.time.LocalDate day, List<String> objects, List<String> words, String publicText) {
	}

	/**
	 * The newest appeals (at most {@code limit}, praise excluded) raised in a region on the days
	 * {@code from}..{@code to}, as text samples.
	 */
	public List<TextSample> textsOf(String regionPrefix, java.time.LocalDate from, java.time.LocalDate to, int limit) {
		var zone = cn.linli.shared.time.TimeConfiguration.ZONE;
		return jdbc.sql("""
				select id, category, created_at, terms, body from appeal
				where community_code like :p and created_at >= :from and created_at < :to and kind <> :praise
				order by created_at desc limit :n""")
			.param("p", regionPrefix + "%").param("from", java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant()))
			.param("to", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant())).param("praise", AppealKind.PRAISE.name())
			.param("n", limit)
			.query((rs, n) -> {
				var subject = cn.linli.appeal.text.Subject.parse(rs.getString(4));
				return new TextSample(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant().atZone(zone).toLocalDate(),
						List.copyOf(subject.strongObjects()), subject.words(), AppealQueries.abbreviate(text.forPublic(rs.getString(5))));
			})
			.list();
	}

	/** A new appeal as a public screen shows it: masked text, no person, no flat. */
	public record PublicItem(long id, java.time.Instant raisedAt, String kind, String category, String compound, String text, String status) {
	}

	/** The newest appeals of a region, masked as on the public column, for the command centre's live feed. */
	public List<PublicItem> latestForPublic(String regionPrefix, int limit) {
		return jdbc.sql("""
				select a.id, a.created_at, a.kind, ac.name, k.name, a.body, a.status
				from appeal a join appeal_category ac on ac.code = a.category join compound k on k.id = a.compound_id
				where a.community_code like :p and a.created_at <= :now order by a.created_at desc, a.id desc limit :n""")
			.param("p", regionPrefix + "%").param("now", java.sql.Timestamp.from(clock.instant())).param("n", limit)
			.query((rs, n) -> new PublicItem(rs.getLong(1), rs.getTimestamp(2).toInstant(), AppealKind.valueOf(rs.getString(3)).label(), rs.getString(4),
					rs.getString(5), AppealQueries.abbreviate(text.forPublic(rs.getString(6))),
					AppealStatus.valueOf(rs.getString(7)).label()))
			.list();
	}

	/** The appeal categories' names by code, in their order (for pages and reports of other modules). */
	public java.util.Map<String, String> categoryNames() {
		var out = new java.util.LinkedHashMap<String, String>();
		jdbc.sql("select code, name from appeal_category order by sort").query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
		return out;
	}

	/** For a demo: an Open311 client whose key is exactly {@code key} (stored hashed, as every key). */
	@Transactional
	public void ensureDemoOpen311Key(String key) {
		open311.ensureDemoKey(key);
	}
}
