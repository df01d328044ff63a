package cn.linli.notice.disclosure;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.notice.Duty;
import cn.linli.shared.time.TimeConfiguration;

/**
 * When each disclosure duty of a served compound falls due, in one statement for one compound, a
 * region or the whole platform: the last posting of the duty plus its interval or, when the
 * current provider has not posted it yet, thirty days after its contract began. The intervals come
 * from {@link Duty}, so the page, the API and the nightly search apply the same rule.
 */
@Component
public class DisclosureDuties {

	/** One duty of one compound: its last posting (if any) and when the next is due. */
	public record DutyState(long compoundId, String compoundName, Long companyId, String companyName, Duty duty, Long lastNoticeId,
			Instant lastPostedAt, LocalDate dueOn, boolean overdue) {
	}

	private static final String STATES = """
			with duty (name, every) as (select * from unnest(:names::text[], :every::interval[])),
			     served as (select c.id, c.name, c.community_code, sc.company_id, sc.starts_on from compound c
			                join service_contract sc on sc.compound_id = c.id and :today between sc.starts_on and sc.ends_on
			                where c.service_mode not in ('NONE', 'SELF') and %s)
			select s.id, s.name, s.company_id, pc.name, d.name, st.last_notice_id, st.last_posted_at, due.on
			from served s join property_company pc on pc.id = s.company_id cross join duty d
			left join disclosure_status st on st.compound_id = s.id and st.duty = d.name
			cross join lateral (select case when st.last_posted_at is not null and (st.last_posted_at at time zone :zone)::date >= s.starts_on
			                                then ((st.last_posted_at at time zone :zone)::date + d.every)::date
			                                else (s.starts_on + :first::interval)::date end as on) due
			where %s
			order by s.name, s.id, array_position(:names::text[], d.name::text)
			limit :limit offset :offset""";

	private final JdbcClient jdbc;
	private final Clock clock;

	DisclosureDuties(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every duty of one compound; empty when no provider serves it. */
	public List<DutyState> ofCompound(long compoundId) {
		return query("c.id = :c", "true", 100, 0).param("c", compoundId).query(this::row).list();
	}

	/** The overdue duties in a region (a prefix of community codes) or of one company, a page at a time. */
	public List<DutyState> overdue(String regionPrefix, Long companyId, int limit, int offset) {
		var where = new StringBuilder("true");
		if (regionPrefix != null) {
			where.append(" and c.community_code like :p");
		}
		if (companyId != null) {
			where.append(" and sc.company_id = :company");
		}
		var spec = query(where.toString(), "due.on < :today", limit, offset);
		if (regionPrefix != null) {
			spec = spec.param("p", regionPrefix + "%");
		}
		if (companyId != null) {
			spec = spec.param("company", companyId);
		}
		return spec.query(this::row).list();
	}

	private JdbcClient.StatementSpec query(String compounds, String states, int limit, int offset) {
		var duties = Duty.owed();
		return jdbc.sql(STATES.formatted(compounds, states)).param("names", duties.stream().map(Duty::name).toArray(String[]::new))
			// ISO 8601 periods (P1Y, P6M), which PostgreSQL reads as intervals
			.param("every", duties.stream().map(d -> d.interval().toString()).toArray(String[]::new))
			.param("first", Duty.FIRST_POSTING.toString()).param("today", Date.valueOf(today())).param("zone", TimeConfiguration.ZONE.getId())
			.param("limit", limit).param("offset", offset);
	}

	private DutyState row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		var due = rs.getDate(8).toLocalDate();
		Timestamp last = rs.getTimestamp(7);
		return new DutyState(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), Duty.valueOf(rs.getString(5)),
				(Long) rs.getObject(6, Long.class), last == null ? null : last.toInstant(), due, due.isBefore(today()));
	}

	LocalDate today() {
		return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
	}
}
