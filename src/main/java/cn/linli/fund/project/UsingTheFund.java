package cn.linli.fund.project;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.fund.FundProjectChanged;
import cn.linli.fund.ledger.PayingFromTheFund;
import cn.linli.governance.MotionCounted;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.security.Actor;
import cn.linli.shared.domain.Money;

/**
 * From the decision to the settlement: the vote's result is taken over when it is counted; the
 * bureau (or the committee of a self-managed fund) approves a passed or confirmed project and pays
 * 70 % of its budget; the committee or the community records the acceptance; the bureau settles
 * the cost, pays the rest, and the settlement with every house's share is posted for five days.
 * An emergency approval that is late is escalated to the city's bureau, and again every period.
 */
@Service
@Transactional
public class UsingTheFund {

	/** Paid on approval, in per cent of the approved budget; the rest after acceptance. */
	public static final int ADVANCE_PERCENT = 70;
	public static final int SETTLEMENT_POSTING_DAYS = 5;

	private final JdbcClient jdbc;
	private final Projects projects;
	private final PayingFromTheFund paying;
	private final RegistryDirectory directory;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Duration approvalClock;

	UsingTheFund(JdbcClient jdbc, Projects projects, PayingFromTheFund paying, RegistryDirectory directory, ApplicationEventPublisher events,
			Clock clock, @Value("${linli.fund.emergency-approval:PT24H}") Duration approvalClock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.paying = paying;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
		this.approvalClock = approvalClock;
	}

	/** The vote on a project was counted: passed, or not (failed, or no quorum). */
	@ApplicationModuleListener
	void on(MotionCounted counted) {
		var project = jdbc.sql("select id, compound_id, title from fund_project where motion_id = :m and status = 'VOTING'").param("m", counted.motionId())
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3) }).optional();
		if (project.isEmpty()) {
			return;
		}
		long id = (Long) project.get()[0];
		boolean passed = "PASSED".equals(counted.result());
		projects.update(id, "status = :s, vote_result = :r", Map.of("s", passed ? "PASSED" : "REJECTED", "r", counted.result()));
		var c = directory.compoundFacts((Long) project.get()[1]).orElseThrow();
		events.publishEvent(FundProjectChanged.of(passed ? "passed" : "rejected", id, c.id(), (String) project.get()[2],
				"业主表决结果：" + counted.resultLabel(), passed ? Projects.district(c) : null));
	}

	/** Approves the project and pays {@value #ADVANCE_PERCENT} % of its budget (bank reference {@code document}). */
	public long approve(Actor actor, long projectId, String document, Integer version) {
		var p = projects.lock(actor, projectId, version);
		var c = directory.compoundFacts(p.compoundId()).orElseThrow();
		requireApprover(actor, c, p);
		if (p.status() != ProjectStatus.PASSED && p.status() != ProjectStatus.CONFIRMED) {
			// the vote gate: nothing is paid for a normal project before its motion passed
			throw DomainException.conflict("project-state", p.emergency() ? "应急项目须先经现场联合确认（当前：" + p.status().label() + "）"
					: "项目须经受益业主表决通过后才能批准使用维修资金（当前：" + p.status().label() + "）");
		}
		long advance = Math.multiplyExact(p.budgetFen(), ADVANCE_PERCENT) / 100;
		long posting = paying.pay(actor, p.compoundId(), projectId, document(document), "预付 " + ADVANCE_PERCENT + "%：" + p.title(), advance,
				projects.beneficiaries(projectId));
		projects.update(projectId, "status = 'APPROVED', approved_by_name = :n, approved_at = :at, advance_posting_id = :pp",
				Map.of("n", actor.displayName(), "at", clock.instant(), "pp", posting));
		events.publishEvent(FundProjectChanged.of("approved", projectId, p.compoundId(), p.title(),
				actor.displayName() + " 批准使用维修资金，预付 " + Money.yuan(advance) + " 元", null));
		return posting;
	}

	/** The committee or the community records the works' acceptance (验收), with its record. */
	public void accept(Actor actor, long projectId, String note, List<MultipartFile> record, Integer version) {
		var p = projects.lock(actor, projectId, version);
		var c = directory.compoundFacts(p.compoundId()).orElseThrow();
		if (!c.ownersSide(actor.scope())) {
			throw DomainException.forbidden("由业委会或社区组织验收");
		}
		if (p.status() != ProjectStatus.APPROVED) {
			throw DomainException.conflict("project-state", "只有已批准施工的项目可以验收（当前：" + p.status().label() + "）");
		}
		var errors = new FieldErrors();
		String text = note == null ? "" : note.strip();
		errors.check(text.isEmpty() || text.length() > 5_000, "note", "请填写验收意见（不超过5000字）");
		var files = record == null ? List.<MultipartFile>of() : record.stream().filter(f -> f != null && !f.isEmpty()).toList();
		errors.check(files.size() > 6, "files", "附件最多 6 个");
		errors.throwIfAny();
		projects.attach(projectId, "ACCEPTANCE", files, "files", errors);
		errors.throwIfAny();
		projects.update(projectId, "status = 'ACCEPTED', accepted_by_name = :n, accepted_at = :at, acceptance_note = :note",
				Map.of("n", actor.displayName(), "at", clock.instant(), "note", text));
		events.publishEvent(FundProjectChanged.of("accepted", projectId, p.compoundId(), p.title(), actor.displayName() + " 验收：" + text, Projects.district(c)));
	}

	/**
	 * Settles the cost (no more than the approved budget, no less than what was paid), pays the rest,
	 * and posts the settlement with each house's share for {@value #SETTLEMENT_POSTING_DAYS} days.
	 */
	public long settle(Actor actor, long projectId, Long settledFen, String document, Integer version) {
		var p = projects.lock(actor, projectId, version);
		var c = directory.compoundFacts(p.compoundId()).orElseThrow();
		requireApprover(actor, c, p);
		if (p.status() != ProjectStatus.ACCEPTED) {
			throw DomainException.conflict("project-state", "只有已验收的项目可以结算（当前：" + p.status().label() + "）");
		}
		long advance = -jdbc.sql("select amount_fen from fund_posting where id = :p").param("p", p.advancePostingId()).query(Long.class).single();
		if (settledFen == null || settledFen < advance || settledFen > p.budgetFen()) {
			throw DomainException.invalid("settled", "结算金额应在已预付的 " + Money.yuan(advance) + " 元与批准预算 "
					+ Money.yuan(p.budgetFen()) + " 元之间；超出预算须重新表决");
		}
		var houses = projects.beneficiaries(projectId);
		var settled = paying.settle(actor, p.compoundId(), projectId, document(document), "结算：" + p.title(), settledFen,
				List.of(p.advancePostingId()), houses);
		long posting = settled.postingId();
		Instant now = clock.instant();
		projects.update(projectId, "status = 'SETTLED', settled_fen = :s, final_posting_id = :fp, settled_at = :at",
				Map.of("s", settledFen, "fp", posting, "at", now));
		events.publishEvent(new NoticeRequested(p.compoundId(), "FUND_USE", "维修资金使用结算公示：" + p.title(),
				settlementBody(actor, projectId, p, settledFen, settled.shares()), SETTLEMENT_POSTING_DAYS, "BUREAU", actor.displayName(),
				"fund_project:" + projectId + ":settlement"));
		events.publishEvent(FundProjectChanged.of("settled", projectId, p.compoundId(), p.title(),
				"结算 " + Money.yuan(settledFen) + " 元，" + houses.size() + " 户按专有面积分摊", null));
		return posting;
	}

	/** Emergency approvals past their clock go up to the city's bureau, again every period, until approved. */
	public int escalateLate() {
		Instant now = clock.instant();
		var late = jdbc.sql("select id from fund_project where status = 'CONFIRMED' and approval_due < :now order by id for update skip locked")
			.param("now", java.sql.Timestamp.from(now)).query(Long.class).list();
		for (long id : late) {
			var row = jdbc.sql("select compound_id, title, escalation_level from fund_project where id = :id").param("id", id)
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getInt(3) }).single();
			var c = directory.compoundFacts((Long) row[0]).orElseThrow();
			int level = (Integer) row[2] + 1;
			projects.update(id, "escalation_level = :l, approval_due = :due", Map.of("l", level, "due", now.plus(approvalClock)));
			events.publishEvent(FundProjectChanged.of("escalated", id, c.id(), (String) row[1],
					"应急使用审核超时（第 " + level + " 次），已报市住建部门督办", Projects.city(c)));
		}
		return late.size();
	}

	private String settlementBody(Actor actor, long projectId, Projects.Project p, long settledFen, List<cn.linli.shared.domain.Shares.Share> shares) {
		int houses = shares.size();
		var lines = new ArrayList<String>();
		lines.add("项目：" + p.title() + (p.emergency() ? "（应急使用）" : ""));
		lines.add("结算金额：" + Money.yuan(settledFen) + " 元（预算 " + Money.yuan(p.budgetFen()) + " 元），" + houses
				+ " 户按专有部分面积分摊，开发建设单位承担未售房屋的份额。");
		var accepted = jdbc.sql("select coalesce(accepted_by_name, '') || '：' || coalesce(acceptance_note, '') from fund_project where id = :id")
			.param("id", projectId).query(String.class).single();
		lines.add("验收：" + accepted);
		lines.add("每户分摊：");
		// the board shows the first houses; every house's share is on the project's page and in each owner's ledger
		var first = shares.stream().limit(300).toList();
		var labels = directory.houseLabels(actor.scope(), first.stream().map(s -> Long.parseLong(s.id())).toList());
		for (var s : first) {
			lines.add(labels.getOrDefault(Long.parseLong(s.id()), "#" + s.id()) + "  " + Money.yuan(s.share()) + " 元");
		}
		if (houses > first.size()) {
			lines.add("……共 " + houses + " 户，完整明细见维修资金项目页与各户分户账。");
		}
		return String.join("\n", lines);
	}

	private void requireApprover(Actor actor, RegistryDirectory.CompoundFacts c, Projects.Project p) {
		if (!projects.mayApprove(actor.scope(), c, p.accountId())) {
			throw DomainException.forbidden("维修资金使用由小区所在区县（市）住建部门审核拨付；已移交业主大会自管的，由业委会审核");
		}
	}

	private static String document(String document) {
		if (document == null || document.isBlank()) {
			throw DomainException.invalid("document", "请填写拨付的银行流水号");
		}
		String d = document.strip();
		if (d.length() > 100) {
			throw DomainException.invalid("document", "凭证号不能超过 100 个字符");
		}
		return d;
	}

	@org.springframework.stereotype.Component
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "linli.fund.scheduler.enabled", havingValue = "true", matchIfMissing = true)
	static class EmergencyClock {

		private final UsingTheFund using;

		EmergencyClock(UsingTheFund using) {
			this.using = using;
		}

		@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${linli.fund.emergency-check:PT5M}")
		void run() {
			using.escalateLate();
		}
	}
}
