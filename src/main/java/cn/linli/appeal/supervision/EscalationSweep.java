package cn.linli.appeal.supervision;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.AppealsEscalated;
import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.SupervisionLevel;

/**
 * 督办: moves every appeal whose running clock has passed one level up the ladder, in one set-based
 * statement per batch. Rows are claimed through the partial index on {@code next_escalation_at}
 * with {@code FOR UPDATE SKIP LOCKED}, and the same statement moves the deadline forward, so two
 * instances (or a restart in the middle) never escalate one appeal twice for one clock, and an
 * escalation that was due while the platform was down happens at the next sweep.
 * <p>
 * The ladder is the one of {@link SupervisionLevel#above}: a company's appeal goes to the
 * community first; an appeal the community handles itself, or is late to re-dispatch, goes
 * straight to the street.
 */
@Service
public class EscalationSweep {

	public static final int BATCH = 20_000;

	/**
	 * The next level comes from {@link SupervisionLevel#nextLevelSql()}, the one definition of the
	 * ladder, so the sweep and a second 不满意 (which climbs in Java) can never disagree.
	 */
	public static final String SWEEP = """
			with due as (
			  select id, level as old_level, status as old_status from appeal
			  where next_escalation_at <= cast(:now as timestamptz) and status in %8$s
			  order by next_escalation_at
			  limit :batch
			  for update skip locked
			), moved as (
			  -- by id from an array, not "from due": joined to the CTE, the planner hashes it against a scan of the whole table
			  -- once the batch is a few per mille of the table, and the array's estimate does not grow with the batch
			  update appeal a set
			    level = %1$s,
			    supervise_due_at = cast(:now as timestamptz) + a.supervise_minutes * interval '1 minute',
			    next_escalation_at = case when %1$s = '%2$s' then null
			                              else cast(:now as timestamptz) + a.supervise_minutes * interval '1 minute' end,
			    escalations = a.escalations + 1,
			    version = a.version + 1,
			    updated_at = cast(:now as timestamptz)
			  where a.id = any (array(select id from due))
			  returning a.id, a.level, a.status, a.supervise_due_at, a.community_code, a.handler_kind, a.handler_company_id, a.raised_by
			), escalated as (
			  select m.*, case when d.old_level <> '%3$s' then %4$s || '督办时限已到'
			                   when d.old_status = '%5$s' then '重新派单时限已到'
			                   when d.old_status = '%6$s' then '签收时限已到'
			                   else '办结时限已到' end as reason,
			              %7$s as level_label
			  from moved m join due d on d.id = m.id
			), timeline as (
			  insert into appeal_event (appeal_id, at, action, from_status, to_status, level, actor_name, note, due_at)
			  select id, cast(:now as timestamptz), 'ESCALATED', status, status, level, '系统', reason || '，升级至' || level_label || '督办', supervise_due_at from escalated
			), audit as (
			  insert into audit_log (at, actor_name, action, subject_type, subject_id, summary)
			  select cast(:now as timestamptz), 'system', 'appeal.escalated', 'appeal', id::text, reason || '，升级至' || level_label from escalated
			)
			select id, level, status, community_code, handler_kind, handler_company_id, raised_by, reason from escalated""".formatted(
			SupervisionLevel.nextLevelSql(), SupervisionLevel.CITY.name(), SupervisionLevel.HANDLER.name(),
			SupervisionLevel.labelSql("d.old_level"), AppealStatus.REJECTED_ROUTE.name(), AppealStatus.SUBMITTED.name(),
			SupervisionLevel.labelSql("m.level"), AppealStatus.sqlList(AppealStatus::isOpen));

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	private final org.springframework.transaction.support.TransactionTemplate tx;

	EscalationSweep(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
			org.springframework.transaction.PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
	}

	/** Escalates everything due now; returns how many appeals moved up. */
	public int sweep() {
		int total = 0;
		int moved;
		do {
			var now = clock.instant();
			moved = tx.execute(status -> sweepBatch(now));
			total += moved;
		}
		while (moved == BATCH);
		return total;
	}

	/** One batch in the caller's transaction; {@link #sweep()} runs each batch in its own. */
	@Transactional
	public int sweepBatch(Instant now) {
		List<AppealsEscalated.Escalation> moved = jdbc.sql(SWEEP).param("now", Timestamp.from(now)).param("batch", BATCH)
			.query((rs, n) -> new AppealsEscalated.Escalation(rs.getLong(1), SupervisionLevel.valueOf(rs.getString(2)),
					AppealStatus.valueOf(rs.getString(3)), rs.getString(4), HandlerKind.valueOf(rs.getString(5)), (Long) rs.getObject(6, Long.class),
					(Long) rs.getObject(7, Long.class), rs.getString(8)))
			.list();
		if (!moved.isEmpty()) {
			events.publishEvent(new AppealsEscalated(moved));
		}
		return moved.size();
	}
}
