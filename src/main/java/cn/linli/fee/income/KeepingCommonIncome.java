package cn.linli.fee.income;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fee.FeeAccess;
import cn.linli.fee.FeeChanged;
import cn.linli.identity.IdentityApi;
import cn.linli.registry.OwnerRolls;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.domain.Money;

/**
 * 公共收益 (Civil Code Art. 282): the company books each income from common parts — source, gross,
 * cost, contract, receipt — in a ledger of its own that is never changed; discloses each quarter's
 * income on the notice board for 30 days; and the owners holding 20 % of the area and 20 % of the
 * heads can demand its audit, which the committee or the community answers.
 */
@Service
@Transactional
public class KeepingCommonIncome {

	/** Owners' share of area and of heads (per cent, each) that makes an audit demand binding. */
	public static final int AUDIT_THRESHOLD_PERCENT = 20;
	public static final int DISCLOSURE_DAYS = 30;

	public record Income(String source, String description, Long grossFen, Long costFen, String contractNo, String receiptRef, LocalDate receivedOn) {
	}

	public record Disclosed(LocalDate quarter, long grossFen, long costFen, long netFen, int entries) {
	}

	/** Where a demand stands: the area and heads signed, of the compound's, and whether both reach 20 %. */
	public record Support(long demandId, long areaCenti, long totalAreaCenti, int heads, int totalHeads, boolean reached) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final OwnerRolls rolls;
	private final IdentityApi identity;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	KeepingCommonIncome(JdbcClient jdbc, RegistryDirectory directory, OwnerRolls rolls, IdentityApi identity, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.rolls = rolls;
		this.identity = identity;
		this.events = events;
		this.clock = clock;
	}

	public long record(Actor actor, long compoundId, Income in) {
		var c = keeper(actor, compoundId);
		var errors = new FieldErrors();
		errors.check(in.source() == null || !Set.of("LIFT_AD", "GATE_AD", "PARKING", "VENUE", "OTHER").contains(in.source()), "source", "请选择收益来源");
		errors.check(in.description() == null || in.description().isBlank() || in.description().strip().length() > 300, "description", "请填写收益说明（不超过300字）");
		errors.check(in.grossFen() == null || in.grossFen() < 0, "gross", "请填写收入金额");
		errors.check(in.costFen() == null || in.costFen() < 0, "cost", "请填写成本金额（没有填 0）");
		errors.check(in.grossFen() != null && in.costFen() != null && in.costFen() > in.grossFen(), "cost", "成本不能高于收入");
		errors.check(in.contractNo() == null || in.contractNo().isBlank() || in.contractNo().strip().length() > 100, "contractNo", "请填写合同编号");
		errors.check(in.receiptRef() == null || in.receiptRef().isBlank() || in.receiptRef().strip().length() > 100, "receiptRef", "请填写收款凭证号");
		errors.check(in.receivedOn() == null || in.receivedOn().isAfter(today()), "receivedOn", "请填写收款日期（不晚于今天）");
		errors.throwIfAny();
		long id;
		try {
			id = jdbc.sql("""
					insert into common_income (compound_id, source, description, gross_fen, cost_fen, contract_no, receipt_ref, received_on, recorded_by, recorded_at)
					values (:c, :s, :d, :g, :cost, :k, :r, :on, :by, :at) returning id""")
				.param("c", compoundId).param("s", in.source()).param("d", in.description().strip()).param("g", in.grossFen()).param("cost", in.costFen())
				.param("k", in.contractNo().strip()).param("r", in.receiptRef().strip()).param("on", Date.valueOf(in.receivedOn()))
				.param("by", actor.displayName()).param("at", Timestamp.from(clock.instant())).query(Long.class).single();
		}
		catch (DuplicateKeyException e) {
			throw DomainException.conflict("income-recorded", "收款凭证 " + in.receiptRef().strip() + " 已入账");
		}
		events.publishEvent(FeeChanged.of("income", "common_income", id, compoundId,
				c.name() + " 公共收益 " + Money.yuan(in.grossFen()) + " 元（成本 " + Money.yuan(in.costFen()) + " 元）：" + in.description().strip()));
		return id;
	}

	/** Discloses a past quarter (its first day) on the notice board for 30 days; a quarter is disclosed once. */
	public Disclosed disclose(Actor actor, long compoundId, LocalDate quarter) {
		var c = keeper(actor, compoundId);
		if (quarter == null || quarter.getDayOfMonth() != 1 || (quarter.getMonthValue() - 1) % 3 != 0) {
			throw DomainException.invalid("quarter", "季度应以其第一天表示，如 2026-07-01");
		}
		if (!quarter.plusMonths(3).isAfter(LocalDate.of(2000, 1, 1)) || quarter.plusMonths(3).isAfter(today().plusDays(1))) {
			throw DomainException.invalid("quarter", "只能公示已结束的季度");
		}
		var totals = jdbc.sql("""
				select coalesce(sum(gross_fen), 0), coalesce(sum(cost_fen), 0), count(*) from common_income
				where compound_id = :c and received_on >= :from and received_on < :to""")
			.param("c", compoundId).param("from", Date.valueOf(quarter)).param("to", Date.valueOf(quarter.plusMonths(3)))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }).single();
		try {
			jdbc.sql("""
					insert into common_income_disclosure (compound_id, quarter, gross_fen, cost_fen, entries, posted_at, posted_by)
					values (:c, :q, :g, :cost, :n, :at, :by)""")
				.param("c", compoundId).param("q", Date.valueOf(quarter)).param("g", totals[0]).param("cost", totals[1]).param("n", (int) totals[2])
				.param("at", Timestamp.from(clock.instant())).param("by", actor.displayName()).update();
		}
		catch (DuplicateKeyException e) {
			throw DomainException.conflict("income-disclosed", "该季度已公示");
		}
		String label = quarter.getYear() + " 年第 " + ((quarter.getMonthValue() - 1) / 3 + 1) + " 季度";
		var body = new StringBuilder(label + "公共收益：收入 " + Money.yuan(totals[0]) + " 元，成本 " + Money.yuan(totals[1]) + " 元，净收益 " + Money.yuan(totals[0] - totals[1])
				+ " 元，共 " + totals[2] + " 笔。公共收益归全体业主所有，其使用由业主大会决定（未决定的，转入维修资金）。\n");
		jdbc.sql("select received_on, description, gross_fen, cost_fen, contract_no from common_income where compound_id = :c and received_on >= :from"
				+ " and received_on < :to order by received_on, id")
			.param("c", compoundId).param("from", Date.valueOf(quarter)).param("to", Date.valueOf(quarter.plusMonths(3)))
			.query((rs, n) -> body.append("\n").append(rs.getDate(1)).append(" ").append(rs.getString(2)).append(" 收入 ").append(Money.yuan(rs.getLong(3)))
				.append(" 元，成本 ").append(Money.yuan(rs.getLong(4))).append(" 元（合同 ").append(rs.getString(5)).append("）"))
			.list();
		events.publishEvent(new NoticeRequested(compoundId, "COMMON_INCOME", label + "公共收益收支公示", body.toString(), DISCLOSURE_DAYS, "COMPANY",
				actor.displayName(), "common_income:" + compoundId + ":" + quarter));
		events.publishEvent(FeeChanged.of("income-disclosed", "compound", compoundId, compoundId, c.name() + " " + label + "公共收益公示"));
		return new Disclosed(quarter, totals[0], totals[1], totals[0] - totals[1], (int) totals[2]);
	}

	/** An owner opens a demand for the audit of the common income and signs it for its own houses. */
	public long demandAudit(Actor actor, long compoundId, String reason) {
		var c = visible(actor, compoundId);
		if (reason == null || reason.isBlank() || reason.strip().length() > 1000) {
			throw DomainException.invalid("reason", "请说明要求审计的理由（不超过1000字）");
		}
		ownedHouses(actor, c);
		long id = jdbc.sql("insert into common_income_audit_demand (compound_id, reason, opened_by, opened_at) values (:c, :r, :u, :at) returning id")
			.param("c", compoundId).param("r", reason.strip()).param("u", actor.userId()).param("at", Timestamp.from(clock.instant())).query(Long.class)
			.single();
		events.publishEvent(FeeChanged.of("audit-demanded", "audit_demand", id, compoundId, "业主发起公共收益审计要求：" + reason.strip()));
		sign(actor, id);
		return id;
	}

	/** An owner signs a demand for every house it owns in the compound; the demand binds once 20 % of the area and the heads signed. */
	public Support sign(Actor actor, long demandId) {
		visibleDemand(actor, demandId);
		var demand = jdbc.sql("select compound_id, reached_at is not null from common_income_audit_demand where id = :d for update").param("d", demandId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBoolean(2) }).optional().orElseThrow(() -> DomainException.notFound("审计要求"));
		var c = visible(actor, (Long) demand[0]);
		for (long house : ownedHouses(actor, c)) {
			jdbc.sql("insert into common_income_audit_support (demand_id, house_id, user_id, signed_at) values (:d, :h, :u, :at) on conflict do nothing")
				.param("d", demandId).param("h", house).param("u", actor.userId()).param("at", Timestamp.from(clock.instant())).update();
		}
		var support = support(demandId, c.id());
		if (support.reached() && !(Boolean) demand[1]) {
			jdbc.sql("update common_income_audit_demand set reached_at = :at, version = version + 1 where id = :d").param("at", Timestamp.from(clock.instant()))
				.param("d", demandId).update();
			events.publishEvent(new FeeChanged("fee.audit-demand-reached", "audit_demand", String.valueOf(demandId), c.id(),
					"要求审计公共收益的业主已达专有面积与人数各 " + AUDIT_THRESHOLD_PERCENT + "%，业委会和社区应予答复", c.communityCode(), true));
		}
		return support;
	}

	/** The committee or the community answers a binding demand (the audit arranged, its result). */
	public void answer(Actor actor, long demandId, String answer) {
		visibleDemand(actor, demandId);
		var row = jdbc.sql("select compound_id, reached_at is not null, answered_at is not null from common_income_audit_demand where id = :d for update")
			.param("d", demandId).query((rs, n) -> new Object[] { rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3) }).optional()
			.orElseThrow(() -> DomainException.notFound("审计要求"));
		var c = visible(actor, (Long) row[0]);
		if (!c.ownersSide(actor.scope())) {
			throw DomainException.forbidden("审计要求由业委会或社区答复");
		}
		if (!(Boolean) row[1]) {
			throw DomainException.conflict("audit-demand-open", "联署尚未达到专有面积和人数各 " + AUDIT_THRESHOLD_PERCENT + "%");
		}
		if ((Boolean) row[2]) {
			throw DomainException.conflict("audit-demand-answered", "该审计要求已答复");
		}
		if (answer == null || answer.isBlank() || answer.strip().length() > 5_000) {
			throw DomainException.invalid("answer", "请填写答复（不超过5000字）");
		}
		jdbc.sql("update common_income_audit_demand set answer = :a, answered_by = :by, answered_at = :at, version = version + 1 where id = :d")
			.param("a", answer.strip()).param("by", actor.displayName()).param("at", Timestamp.from(clock.instant())).param("d", demandId).update();
		events.publishEvent(FeeChanged.of("audit-demand-answered", "audit_demand", demandId, c.id(), actor.displayName() + " 答复公共收益审计要求：" + answer.strip()));
	}

	/** Signed area and heads against the compound's (the roll's rule: every house with an owner, each owner once). */
	public Support support(long demandId, long compoundId) {
		var signed = new HashSet<>(jdbc.sql("select house_id from common_income_audit_support where demand_id = :d").param("d", demandId).query(Long.class).list());
		long area = 0;
		long total = 0;
		var heads = new HashSet<Long>();
		var signedHeads = new HashSet<Long>();
		for (var h : rolls.housesForRoll(compoundId)) {
			if (h.ownerIds().isEmpty() || "PARKING".equals(h.kind()) || "STALL".equals(h.kind())) {
				continue;
			}
			total += h.areaCenti();
			heads.addAll(h.ownerIds());
			if (signed.contains(h.houseId())) {
				area += h.areaCenti();
				signedHeads.addAll(h.ownerIds());
			}
		}
		boolean reached = total > 0 && area * 100 >= total * AUDIT_THRESHOLD_PERCENT && signedHeads.size() * 100L >= heads.size() * (long) AUDIT_THRESHOLD_PERCENT;
		return new Support(demandId, area, total, signedHeads.size(), heads.size(), reached);
	}

	/** The caller's houses in the compound that it owns (an owner's binding, not a tenant's). */
	private java.util.List<Long> ownedHouses(Actor actor, CompoundFacts c) {
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("审计要求由业主联署");
		}
		var owners = identity.ownerIdsOf(actor.userId());
		var houses = rolls.housesForRoll(c.id()).stream().filter(h -> actor.scope().houseIds().contains(h.houseId()))
			.filter(h -> h.ownerIds().stream().anyMatch(owners::contains)).map(h -> h.houseId()).toList();
		if (houses.isEmpty()) {
			throw DomainException.forbidden("只有本小区的业主可以联署（租户不能）");
		}
		return houses;
	}

	/** A demand of a compound the caller sees, checked before its row is locked; otherwise it is not there. */
	private void visibleDemand(Actor actor, long demandId) {
		var compound = jdbc.sql("select compound_id from common_income_audit_demand where id = :d").param("d", demandId).query(Long.class).optional();
		if (compound.isEmpty() || directory.compoundFacts(compound.get()).filter(f -> FeeAccess.maySee(actor.scope(), f)).isEmpty()) {
			throw DomainException.notFound("审计要求");
		}
	}

	private CompoundFacts visible(Actor actor, long compoundId) {
		return directory.compoundFacts(compoundId).filter(f -> FeeAccess.maySee(actor.scope(), f)).orElseThrow(() -> DomainException.notFound("小区"));
	}

	private CompoundFacts keeper(Actor actor, long compoundId) {
		var c = visible(actor, compoundId);
		if (!FeeAccess.mayKeep(actor.scope(), c)) {
			throw DomainException.forbidden("公共收益由本小区的物业服务企业记账并公示");
		}
		return c;
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
	}

}
