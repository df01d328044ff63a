package cn.linli.appeal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/**
 * 诉求: owns its lifecycle and its clocks. Every change goes through a method that checks the
 * transition, moves the clocks and returns the {@link Step} that the timeline and the event record.
 * The one persisted deadline the escalation sweep reads is {@code nextEscalationAt}.
 */
@Table("appeal")
class Appeal {

	@Id
	Long id;
	@Version
	Integer version;
	long compoundId;
	String communityCode;
	Long buildingId;
	Long houseId;
	AppealKind kind;
	String category;
	Urgency urgency;
	String body;
	String terms;
	String attributes;
	String channel;
	Long raisedBy;
	String raisedByRole;
	Long open311Client;
	String contactPhone;
	String clientKey;
	UUID intakeToken;
	AppealStatus status;
	HandlerKind handlerKind;
	Long handlerCompanyId;
	String externalHandler;
	/** The handling company was chosen by a supervisor and holds no contract for the compound. */
	boolean routedOutsideContract;
	Long assigneeStaffId;
	SupervisionLevel level;
	int acceptMinutes;
	int resolveMinutes;
	int superviseMinutes;
	Instant createdAt;
	Instant acceptDueAt;
	Instant acceptedAt;
	Instant resolveDueAt;
	Instant firstResolveDueAt;
	Instant pausedAt;
	String pausedReason;
	long pausedSeconds;
	Instant resolvedAt;
	Boolean resolvedOnTime;
	String result;
	Instant superviseDueAt;
	Instant nextEscalationAt;
	int escalations;
	int reopenCount;
	Rating rating;
	String ratingReason;
	Instant ratedAt;
	boolean confirmedSolved;
	Instant closedAt;
	String closedReason;
	Long repeatOf;
	String repeatReason;
	Float repeatSimilarity;
	/** +1s, counted by one SQL increment; never written back from a loaded copy, which would lose a concurrent +1. */
	@org.springframework.data.annotation.ReadOnlyProperty
	int supporters;
	Instant updatedAt;

	/** What a transition did, for the timeline and the event. */
	record Step(String action, AppealStatus from, AppealStatus to, SupervisionLevel level, String note, Instant dueAt) {
	}

	static Appeal raise(NewAppeal n, Placement place, SlaPolicy.Minutes clock, String attributesJson, Instant now) {
		var a = new Appeal();
		a.compoundId = place.compoundId();
		a.communityCode = place.communityCode();
		a.buildingId = place.buildingId();
		a.houseId = place.houseId();
		a.kind = n.kind();
		a.category = n.category();
		a.urgency = n.urgency();
		a.body = n.body();
		a.terms = "";
		a.attributes = attributesJson;
		a.contactPhone = n.contactPhone();
		a.clientKey = n.clientKey();
		a.intakeToken = UUID.randomUUID();
		a.status = AppealStatus.SUBMITTED;
		a.handlerKind = place.companyId() == null ? HandlerKind.COMMUNITY : HandlerKind.COMPANY;
		a.handlerCompanyId = place.companyId();
		a.level = SupervisionLevel.HANDLER;
		a.acceptMinutes = clock.accept();
		a.resolveMinutes = clock.resolve();
		a.superviseMinutes = clock.supervise();
		a.createdAt = now;
		a.updatedAt = now;
		a.acceptDueAt = now.plus(Duration.ofMinutes(clock.accept()));
		a.rearm();
		return a;
	}

	Step submitted() {
		return new Step("SUBMITTED", null, AppealStatus.SUBMITTED, level, null, acceptDueAt);
	}

	// ---- the handler ----

	Step accept(Instant now) {
		var from = move(AppealStatus.ACCEPTED, now);
		acceptedAt = now;
		startResolveClock(now);
		return step("ACCEPTED", from, null, resolveDueAt);
	}

	/** Takes a reopened appeal (or an accepted one) into work. */
	Step start(Instant now) {
		var from = move(AppealStatus.IN_PROGRESS, now);
		return step("STARTED", from, null, resolveDueAt);
	}

	Step assign(long staffId, String staffName, Instant now) {
		AppealStatus from = status;
		if (status == AppealStatus.ACCEPTED || status == AppealStatus.REOPENED) {
			move(AppealStatus.IN_PROGRESS, now);
		}
		else if (status != AppealStatus.IN_PROGRESS) {
			throw refused("指派");
		}
		assigneeStaffId = staffId;
		touch(now);
		return step("ASSIGNED", from, "指派给 " + staffName, null);
	}

	Step pause(String reason, Instant now) {
		if (status != AppealStatus.IN_PROGRESS || pausedAt != null) {
			throw refused("等待居民配合");
		}
		pausedAt = now;
		pausedReason = reason;
		rearm();
		touch(now);
		return step("PAUSED", status, reason, null);
	}

	Step resume(Instant now) {
		if (pausedAt == null) {
			throw refused("恢复计时");
		}
		endPause(now);
		rearm();
		touch(now);
		return step("RESUMED", status, null, resolveDueAt);
	}

	Step resolve(String resultText, Instant now) {
		if (pausedAt != null) {
			endPause(now);
		}
		var from = move(AppealStatus.RESOLVED, now);
		resolvedAt = now;
		result = resultText;
		if (resolvedOnTime == null) {
			resolvedOnTime = !now.isAfter(resolveDueAt);
		}
		return step("RESOLVED", from, resultText, null);
	}

	/** 派单异议: not ours; back to the community, which gets an accept clock to re-dispatch. */
	Step rejectRoute(String reason, Instant now) {
		if (handlerKind != HandlerKind.COMPANY) {
			throw DomainException.conflict("not-a-company", "只有物业企业承办的诉求可以提出派单异议");
		}
		var from = move(AppealStatus.REJECTED_ROUTE, now);
		acceptDueAt = now.plus(Duration.ofMinutes(acceptMinutes));
		rearm();
		return step("ROUTE_REJECTED", from, reason, acceptDueAt);
	}

	/** The community re-dispatches to a company or to a department outside the platform; a new accept clock starts. */
	Step redispatch(Long companyId, String external, String note, Instant now) {
		if (status != AppealStatus.REJECTED_ROUTE) {
			throw refused("重新派单");
		}
		return handOver(companyId, external, "REDISPATCHED", note, now);
	}

	// ---- supervisors ----

	Step reassign(Long companyId, String external, String note, Instant now) {
		if (!status.isOpen()) {
			throw refused("改派");
		}
		var step = handOver(companyId, external, "REASSIGNED", note, now);
		restartSupervision(now);
		return step;
	}

	/** 督办令: the supervisor orders the handler; the level's clock starts again for the order. */
	Step order(String note, Instant now) {
		if (!status.isOpen()) {
			throw refused("督办");
		}
		restartSupervision(now);
		touch(now);
		return step("ORDERED", status, note, superviseDueAt);
	}

	Step superviseNote(String note, Instant now) {
		if (status == AppealStatus.CLOSED) {
			throw refused("督办意见");
		}
		touch(now);
		return step("SUPERVISED", status, note, null);
	}

	/** 核实办结: a supervisor confirms that an appeal rated 不满意 was in fact solved (e.g. a demand outside the contract). */
	Step confirmSolved(String note, Instant now) {
		if (rating != Rating.DISSATISFIED || (status != AppealStatus.REOPENED && status != AppealStatus.IN_PROGRESS)) {
			throw DomainException.conflict("not-disputed", "只有居民评价不满意、正在重新办理的诉求可以核实办结");
		}
		var from = status;
		status = AppealStatus.CLOSED;
		pausedAt = null;
		pausedReason = null;
		confirmedSolved = true;
		closedAt = now;
		closedReason = "CONFIRMED";
		rearm();
		touch(now);
		return step("CONFIRMED_SOLVED", from, note, null);
	}

	/** One level up the ladder, with that level's own clock. Used when a second 不满意 is given; clock overruns go through the sweep. */
	Step escalate(String why, Instant now) {
		if (level.isTop()) {
			touch(now);
			return step("ESCALATED", status, why + "（已在最高层级）", superviseDueAt);
		}
		level = level.above(handlerKind);
		escalations++;
		superviseDueAt = now.plus(Duration.ofMinutes(superviseMinutes));
		rearm();
		touch(now);
		return step("ESCALATED", status, why, superviseDueAt);
	}

	// ---- the resident ----

	Step rate(Rating given, String reason, Instant now) {
		if (status != AppealStatus.RESOLVED) {
			throw DomainException.conflict("not-resolved", "诉求反馈办理结果后才能评价");
		}
		if (given == Rating.DISSATISFIED && (reason == null || reason.isBlank())) {
			throw DomainException.invalid("reason", "选择不满意时请说明原因");
		}
		rating = given;
		ratingReason = reason == null || reason.isBlank() ? null : reason.strip();
		ratedAt = now;
		if (given.satisfied()) {
			status = AppealStatus.CLOSED;
			closedAt = now;
			closedReason = "RATED";
			rearm();
			touch(now);
			return step("RATED", AppealStatus.RESOLVED, given.label() + (ratingReason == null ? "" : "：" + ratingReason), null);
		}
		move(AppealStatus.REOPENED, now);
		reopenCount++;
		resolveDueAt = now.plus(Duration.ofMinutes(resolveMinutes));
		resolvedAt = null;
		// a level that supervised it before gets a fresh clock, not the one that ran out while it was resolved
		restartSupervision(now);
		return step("REOPENED", AppealStatus.RESOLVED, "不满意：" + ratingReason, resolveDueAt);
	}

	boolean dissatisfiedAgain() {
		return status == AppealStatus.REOPENED && reopenCount > 1;
	}

	Step closeUnrated(Instant now) {
		var from = move(AppealStatus.CLOSED, now);
		closedAt = now;
		closedReason = "UNRATED";
		return step("CLOSED_UNRATED", from, "7 日内未评价，自动办结", null);
	}

	// ---- clocks ----

	/** The one deadline that, when passed, moves the appeal up the ladder. */
	private void rearm() {
		if (!status.isOpen()) {
			nextEscalationAt = null;
		}
		else if (level != SupervisionLevel.HANDLER) {
			nextEscalationAt = level.isTop() ? null : superviseDueAt;
		}
		else if (status == AppealStatus.SUBMITTED || status == AppealStatus.REJECTED_ROUTE) {
			nextEscalationAt = acceptDueAt;
		}
		else {
			nextEscalationAt = pausedAt != null ? null : resolveDueAt;
		}
	}

	private void startResolveClock(Instant now) {
		resolveDueAt = now.plus(Duration.ofMinutes(resolveMinutes));
		if (firstResolveDueAt == null) {
			firstResolveDueAt = resolveDueAt;
		}
		rearm();
	}

	private void endPause(Instant now) {
		var paused = Duration.between(pausedAt, now);
		resolveDueAt = resolveDueAt.plus(paused);
		pausedSeconds += paused.toSeconds();
		pausedAt = null;
		pausedReason = null;
	}

	private void restartSupervision(Instant now) {
		if (level != SupervisionLevel.HANDLER) {
			superviseDueAt = now.plus(Duration.ofMinutes(superviseMinutes));
		}
		rearm();
	}

	/**
	 * 合同到期移交: the handling company's contract for the compound has ended, so the company no
	 * longer sees the compound; whoever serves it now (the new company, or the community) takes the
	 * appeal over with a fresh accept clock. The supervision level it reached stays.
	 */
	Step handOverAtContractEnd(Long companyId, Instant now) {
		if (handlerKind != HandlerKind.COMPANY || !status.isOpen() || status == AppealStatus.REJECTED_ROUTE) {
			throw refused("移交");
		}
		var from = move(AppealStatus.SUBMITTED, now);
		takeOver(companyId != null ? HandlerKind.COMPANY : HandlerKind.COMMUNITY, companyId, null, now);
		routedOutsideContract = false;
		String to = companyId != null ? "物业企业 #" + companyId : "社区";
		return step("HANDED_OVER", from, "原物业企业的服务合同已到期，移交" + to + "承办", acceptDueAt);
	}

	private Step handOver(Long companyId, String external, String action, String note, Instant now) {
		if ((companyId == null) == (external == null || external.isBlank())) {
			throw DomainException.invalid("companyId", "请选择承办的物业企业，或填写承办部门名称（二选一）");
		}
		var from = move(AppealStatus.SUBMITTED, now);
		takeOver(companyId != null ? HandlerKind.COMPANY : HandlerKind.EXTERNAL, companyId, companyId != null ? null : external.strip(), now);
		String to = companyId != null ? "物业企业 #" + companyId : externalHandler;
		return step(action, from, "派至 " + to + (note == null || note.isBlank() ? "" : "：" + note), acceptDueAt);
	}

	private void takeOver(HandlerKind kind, Long companyId, String external, Instant now) {
		handlerKind = kind;
		handlerCompanyId = companyId;
		externalHandler = external;
		assigneeStaffId = null;
		acceptedAt = null;
		pausedAt = null;
		pausedReason = null;
		acceptDueAt = now.plus(Duration.ofMinutes(acceptMinutes));
		rearm();
	}

	private AppealStatus move(AppealStatus target, Instant now) {
		if (!status.canTransitionTo(target)) {
			throw DomainException.conflict("illegal-transition",
					"诉求当前状态为「" + status.label() + "」，不能变为「" + target.label() + "」");
		}
		var from = status;
		status = target;
		rearm();
		touch(now);
		return from;
	}

	private DomainException refused(String what) {
		return DomainException.conflict("illegal-transition", "诉求当前状态为「" + status.label() + "」，不能" + what);
	}

	private void touch(Instant now) {
		updatedAt = now;
	}

	private Step step(String action, AppealStatus from, String note, Instant due) {
		return new Step(action, from, status, level, note, due);
	}

	/** The clock that matters now, for queues and pages. */
	Instant currentDue() {
		if (level != SupervisionLevel.HANDLER && status.isOpen()) {
			return superviseDueAt;
		}
		return switch (status) {
			case SUBMITTED, REJECTED_ROUTE -> acceptDueAt;
			case ACCEPTED, IN_PROGRESS, REOPENED -> pausedAt != null ? null : resolveDueAt;
			default -> null;
		};
	}
}
