package cn.linli.fee.board;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fee.FeeAccess;
import cn.linli.fee.FeeChanged;
import cn.linli.governance.GovernanceApi;
import cn.linli.governance.MotionCounted;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.domain.Money;

/**
 * 调整收费标准, in the published steps: the company posts the cost audit (30 days), then the new rates
 * (30 days, reported to the street, the community and the bureaus); the committee (or the community)
 * puts the change to the owners' vote (matter 9, the whole compound); the result is posted for at
 * least 7 days; a passed change then goes into force on the price board, the old rates ended the day
 * before. No step can be taken before the one before it has run its time.
 */
@Service
@Transactional
public class ChangingTheFees {

	public static final Duration AUDIT_POSTING = Duration.ofDays(30);
	public static final Duration RATES_POSTING = Duration.ofDays(30);
	public static final Duration RESULT_POSTING = Duration.ofDays(7);
	/** 有关共有和共同管理权利的其他重大事项 (Art. 278 matter 9). */
	static final int MATTER = 9;

	public record NewRate(long itemId, Long rateFen) {
	}

	record Change(long id, long compoundId, String status, Instant auditPostedAt, Instant ratesPostedAt, Instant resultPostedAt, Long motionId,
			int version) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final GovernanceApi governance;
	private final KeepingThePriceBoard board;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ChangingTheFees(JdbcClient jdbc, RegistryDirectory directory, GovernanceApi governance, KeepingThePriceBoard board, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.governance = governance;
		this.board = board;
		this.events = events;
		this.clock = clock;
	}

	/** Step 1: the company proposes new rates for items of the board and posts its cost audit. Answers the change's id. */
	public long propose(Actor actor, long compoundId, String reason, String audit, List<NewRate> rates) {
		var c = keeper(actor, compoundId);
		if (reason == null || reason.isBlank() || reason.strip().length() > 2_000) {
			throw DomainException.invalid("reason", "请说明调整理由（不超过2000字）");
		}
		if (audit == null || audit.isBlank() || audit.strip().length() > 20_000) {
			throw DomainException.invalid("audit", "请填写成本测算（审计）报告的内容");
		}
		if (rates == null || rates.isEmpty()) {
			throw DomainException.invalid("rates", "请至少调整一个收费项目");
		}
		var current = new java.util.HashMap<Long, String>();
		jdbc.sql("select id, name from fee_item where compound_id = :c and ends_on is null").param("c", compoundId)
			.query((rs, n) -> current.put(rs.getLong(1), rs.getString(2))).list();
		for (var r : rates) {
			if (!current.containsKey(r.itemId())) {
				throw DomainException.invalid("rates", "收费项目 " + r.itemId() + " 不在本小区现行价目表中");
			}
			if (r.rateFen() == null || r.rateFen() <= 0) {
				throw DomainException.invalid("rates", "「" + current.get(r.itemId()) + "」的新标准须大于 0");
			}
		}
		long id = jdbc.sql("""
				insert into fee_change (compound_id, status, reason, audit, proposed_by_name, audit_posted_at) values (:c, 'AUDIT_POSTED', :r, :a, :by, :at)
				returning id""")
			.param("c", compoundId).param("r", reason.strip()).param("a", audit.strip()).param("by", actor.displayName())
			.param("at", Timestamp.from(clock.instant())).query(Long.class).single();
		for (var r : rates) {
			jdbc.sql("insert into fee_change_item (change_id, item_id, new_rate_fen) values (:c, :i, :r)").param("c", id).param("i", r.itemId())
				.param("r", r.rateFen()).update();
		}
		events.publishEvent(new NoticeRequested(compoundId, "FEES", "物业服务收费调整：成本测算公示", "调整理由：" + reason.strip() + "\n\n" + audit.strip()
				+ "\n\n公示 30 天后公示拟调整的收费标准，再由业主共同决定。价格举报电话 12358。", (int) AUDIT_POSTING.toDays(), "COMPANY", actor.displayName(),
				"fee_change:" + id + ":audit"));
		events.publishEvent(FeeChanged.of("change-proposed", "fee_change", id, compoundId, c.name() + " 拟调整物业服务收费，成本测算公示 30 天"));
		return id;
	}

	/** Step 2: after the audit's 30 days, the new rates are posted for 30 days and reported to the street, community and bureaus. */
	public void postRates(Actor actor, long changeId, Integer version) {
		var ch = lock(actor, changeId, version);
		var c = keeper(actor, ch.compoundId());
		requireStatus(ch, "AUDIT_POSTED");
		requireElapsed(ch.auditPostedAt(), AUDIT_POSTING, "成本测算公示");
		var body = new StringBuilder("拟调整的收费标准（须经业主共同决定）：\n");
		jdbc.sql("select i.name, i.rate_fen, ci.new_rate_fen, i.billing from fee_change_item ci join fee_item i on i.id = ci.item_id where ci.change_id = :c order by i.id")
			.param("c", changeId).query((rs, n) -> body.append("\n").append(rs.getString(1)).append("：").append(Money.yuan(rs.getLong(2)))
				.append(" 元 → ").append(Money.yuan(rs.getLong(3))).append(" 元").append("AREA_MONTH".equals(rs.getString(4)) ? "/平方米·月" : "/户·月"))
			.list();
		body.append("\n\n价格举报电话 12358");
		update(changeId, "status = 'RATES_POSTED', rates_posted_at = :at", Map.of("at", clock.instant()));
		events.publishEvent(new NoticeRequested(ch.compoundId(), "FEES", "物业服务收费调整：拟调整标准公示", body.toString(), (int) RATES_POSTING.toDays(), "COMPANY",
				actor.displayName(), "fee_change:" + changeId + ":rates"));
		// reported: the street office, the community and the district's bureau are told
		events.publishEvent(new FeeChanged("fee.change-rates-posted", "fee_change", String.valueOf(changeId), ch.compoundId(),
				c.name() + " 公示拟调整的物业服务收费标准，报街道、社区和住建部门备案", String.join(",", c.communityCode(), c.communityCode().substring(0, 9),
						c.communityCode().substring(0, 6)), false));
	}

	/** Step 3: after the rates' 30 days, the committee (or the community) puts the change to the owners' vote. Answers the motion's id. */
	public long putToVote(Actor actor, long changeId, Instant opensAt, Instant closesAt, Integer version) {
		var ch = lock(actor, changeId, version);
		visible(actor, ch.compoundId());
		requireStatus(ch, "RATES_POSTED");
		requireElapsed(ch.ratesPostedAt(), RATES_POSTING, "拟调整标准公示");
		String body = jdbc.sql("select reason from fee_change where id = :id").param("id", changeId).query(String.class).single();
		long motion = governance.convene(actor, ch.compoundId(), MATTER, "调整物业服务收费标准", body + "\n（拟调整标准见公告栏公示）", opensAt, closesAt);
		update(changeId, "status = 'VOTING', motion_id = :m", Map.of("m", motion));
		events.publishEvent(FeeChanged.of("change-voting", "fee_change", changeId, ch.compoundId(), "物业服务收费调整提交业主共同决定（表决事项 " + motion + "）"));
		return motion;
	}

	/** Step 4: the vote's result, posted for at least 7 days. */
	@ApplicationModuleListener
	void on(MotionCounted counted) {
		var change = jdbc.sql("select id, compound_id from fee_change where motion_id = :m and status = 'VOTING'").param("m", counted.motionId())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).optional();
		if (change.isEmpty()) {
			return;
		}
		long id = change.get()[0];
		boolean passed = "PASSED".equals(counted.result());
		update(id, "status = :s, vote_result = :r, result_posted_at = :at", Map.of("s", passed ? "RESULT_POSTED" : "REJECTED", "r", counted.result(),
				"at", clock.instant()));
		events.publishEvent(new NoticeRequested(change.get()[1], "FEES", "物业服务收费调整表决结果", "业主共同决定结果：" + counted.resultLabel()
				+ (passed ? "。公示期满后按新标准执行。" : "。维持现行收费标准。"), (int) RESULT_POSTING.toDays(), "COMMITTEE", "业主大会", "fee_change:" + id + ":result"));
		events.publishEvent(FeeChanged.of(passed ? "change-passed" : "change-rejected", "fee_change", id, change.get()[1], "表决结果：" + counted.resultLabel()));
	}

	/** Step 5: after the result's 7 days the company puts the new rates in force from a day on; the old ones end the day before. */
	public void putInForce(Actor actor, long changeId, LocalDate from, Integer version) {
		var ch = lock(actor, changeId, version);
		keeper(actor, ch.compoundId());
		requireStatus(ch, "RESULT_POSTED");
		requireElapsed(ch.resultPostedAt(), RESULT_POSTING, "表决结果公示");
		var today = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
		if (from == null || from.isBefore(today)) {
			throw DomainException.invalid("effectiveOn", "执行日期不能早于今天");
		}
		record Old(long id, String name, String content, String standard, String billing, String houseKind, String pricing, Long base, Integer pct,
				String basis, long rate) {
		}
		var items = new ArrayList<Old>();
		jdbc.sql("""
				select i.id, i.name, i.content, i.standard, i.billing, i.house_kind, i.pricing, i.base_rate_fen, i.float_percent, i.basis, ci.new_rate_fen
				from fee_change_item ci join fee_item i on i.id = ci.item_id where ci.change_id = :c order by i.id""")
			.param("c", changeId).query((rs, n) -> items.add(new Old(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), (Long) rs.getObject(8, Long.class), (Integer) rs.getObject(9, Integer.class), rs.getString(10),
					rs.getLong(11))))
			.list();
		for (var o : items) {
			board.end(actor, ch.compoundId(), o.id(), from.minusDays(1));
			board.add(actor, ch.compoundId(), new KeepingThePriceBoard.Item(o.name(), o.content(), o.standard(), o.billing(), o.houseKind(), o.rate(),
					o.pricing(), o.base(), o.pct(), o.basis() + "；业主共同决定（收费调整 " + changeId + "）", from));
		}
		update(changeId, "status = 'IN_FORCE', effective_on = :on", Map.of("on", Date.valueOf(from)));
		events.publishEvent(FeeChanged.of("change-in-force", "fee_change", changeId, ch.compoundId(), "新收费标准自 " + from + " 起执行"));
	}

	private void requireStatus(Change ch, String status) {
		if (!ch.status().equals(status)) {
			throw DomainException.conflict("fee-change-state", "收费调整当前不在这一步（" + ch.status() + "）");
		}
	}

	private void requireElapsed(Instant since, Duration period, String what) {
		var until = since.plus(period);
		if (clock.instant().isBefore(until)) {
			throw DomainException.conflict("fee-change-posting", what + "须满 " + period.toDays() + " 天，至 " + until.atZone(TimeConfiguration.ZONE).toLocalDate()
					+ " 期满");
		}
	}

	/** The change, locked, once the caller is known to see its compound (an outsider neither waits on it nor learns it exists). */
	private Change lock(Actor actor, long changeId, Integer version) {
		var compound = jdbc.sql("select compound_id from fee_change where id = :id").param("id", changeId).query(Long.class).optional();
		if (compound.isEmpty() || directory.compoundFacts(compound.get()).filter(f -> FeeAccess.maySee(actor.scope(), f)).isEmpty()) {
			throw DomainException.notFound("收费调整");
		}
		var ch = jdbc.sql("""
				select id, compound_id, status, audit_posted_at, rates_posted_at, result_posted_at, motion_id, version from fee_change where id = :id for update""")
			.param("id", changeId).query((rs, n) -> new Change(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
					at(rs.getTimestamp(5)), at(rs.getTimestamp(6)), (Long) rs.getObject(7, Long.class), rs.getInt(8)))
			.optional().orElseThrow(() -> DomainException.notFound("收费调整"));
		if (version != null && version != ch.version()) {
			throw DomainException.staleVersion();
		}
		return ch;
	}

	private void update(long id, String assignments, Map<String, Object> params) {
		var spec = jdbc.sql("update fee_change set " + assignments + ", version = version + 1 where id = :id").param("id", id);
		for (var e : params.entrySet()) {
			spec = spec.param(e.getKey(), e.getValue() instanceof Instant i ? Timestamp.from(i) : e.getValue());
		}
		spec.update();
	}

	private CompoundFacts visible(Actor actor, long compoundId) {
		var c = directory.compoundFacts(compoundId).filter(f -> FeeAccess.maySee(actor.scope(), f)).orElseThrow(() -> DomainException.notFound("小区"));
		if (actor.role() == Role.RESIDENT) {
			throw DomainException.forbidden("收费调整由物业服务企业提出、业委会（或社区）提交业主表决");
		}
		return c;
	}

	private CompoundFacts keeper(Actor actor, long compoundId) {
		var c = visible(actor, compoundId);
		if (!FeeAccess.mayKeep(actor.scope(), c)) {
			throw DomainException.forbidden("收费调整由本小区的物业服务企业提出和执行");
		}
		return c;
	}

	private static Instant at(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
