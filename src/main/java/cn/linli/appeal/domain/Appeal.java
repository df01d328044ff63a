package cn.linli.appeal.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.appeal.AppealChanged;
import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.Rating;
import cn.linli.appeal.SupervisionLevel;
import cn.linli.appeal.Urgency;
import cn.linli.shared.domain.DomainException;

/**
 * 诉求: owns its lifecycle and its clocks. Every change goes through a method that checks the
 * transition, moves the clocks and returns the {@link Step} that the timeline and the event record.
 * <p>
 * Two kinds of clock. The <em>working</em> clocks ({@code acceptDueAt}, {@code resolveDueAt},
 * {@code superviseDueAt}) tell whoever holds the appeal now how long it has, and a new holder gets a
 * fresh accept clock; the one persisted deadline the escalation sweep reads is
 * {@code nextEscalationAt}. The <em>judged</em> clocks are the ones the appeal was raised with and
 * never move with a hand-over: {@code firstAcceptDueAt}, and {@code firstResolveDueAt} — the resolve
 * clock from the first acceptance (or from the first accept deadline when that was missed), extended
 * by every pause. 响应率 and 按时办结率 count against those, so a hand-over cannot launder lateness.
 */
@Table("appeal")
public class Appeal {

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
	/** The community confirmed a 派单异议 by sending the appeal elsewhere: the first handler was wrongly routed to. */
	boolean wronglyRouted;
	Long assigneeStaffId;
	SupervisionLevel level;
	int acceptMinutes;
	int resolveMinutes;
	int superviseMinutes;
	Instant createdAt;
	Instant acceptDueAt;
	Instant acceptedAt;
	Instant firstAcceptDueAt;
	Instant firstAcceptedAt;
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
	@ReadOnlyProperty
	int supporters;
	Instant updatedAt;

	/** What a transition did, for the timeline and the event. */
	public record Step(String action, AppealStatus from, AppealStatus to, SupervisionLevel level, String note, Instant dueAt) {
	}

	/** Who raised it and through which channel: a resident's app, a patrol, or an Open311 client. */
	public record Origin(String channel, Long raisedBy, String raisedByRole, Long open311Client) {
	}

	public static Appeal raise(NewAppeal n, Placement place, SlaPolicy.Minutes clock, String attributesJson, String terms, Origin origin,
			Instant now) {
		var a = new Appeal();
		a.compoundId = place.compoundId();
		a.communityCode = place.communityCode();
		a.buildingId = place.buildingId();
		a.houseId = place.houseId();
		a.kind = n.kind();
		a.category = n.category();
		a.urgency = n.urgency();
		a.body = n.body();
		a.terms = terms;
		a.attributes = attributesJson;
		a.contactPhone = n.contactPhone();
		a.clientKey = n.clientKey();
		a.channel = origin.channel();
		a.raisedBy = origin.raisedBy();
		a.raisedByRole = origin.raisedByRole();
		a.open311Client = origin.open311Client();
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
		a.firstAcceptDueAt = a.acceptDueAt;
		// until it is accepted, the resident may expect it resolved one resolve clock after the accept deadline
		a.firstResolveDueAt = a.firstAcceptDueAt.plus(Duration.ofMinutes(clock.resolve()));
		a.rearm();
		return a;
	}

	public Step submitted() {
		return new Step("SUBMITTED", null, AppealStatus.SUBMITTED, level, null, acceptDueAt);
	}

	/** 重复诉求: linked to the first appeal of its group. */
	public void linkAsRepeatOf(long root, String reason, Double similarity) {
		repeatOf = root;
		repeatReason = reason;
		repeatSimilarity = similarity == null ? null : similarity.floatValue();
	}

	// ---- the handler ----

	public Step accept(Instant now) {
		var from = move(AppealStatus.ACCEPTED, now);
		acceptedAt = now;
		resolveDueAt = now.plus(Duration.ofMinutes(resolveMinutes));
		if (firstAcceptedAt == null) {
			firstAcceptedAt = now;
			// a late acceptance does not buy resolve time: the judged clock runs from the accept deadline at the latest
			var start = now.isAfter(firstAcceptDueAt) ? firstAcceptDueAt : now;
			firstResolveDueAt = start.plus(Duration.ofMinutes(resolveMinutes));
		}
		rearm();
		return step("ACCEPTED", from, null, resolveDueAt);
	}

	/** Takes a reopened appeal (or an accepted one) into work. */
	public Step start(Instant now) {
		var from = move(AppealStatus.IN_PROGRESS, now);
		return step("STARTED", from, null, resolveDueAt);
	}

	public Step assign(long staffId, String staffName, Instant now) {
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

	public Step note(String text, Instant now) {
		if (status == AppealStatus.CLOSED) {
			throw DomainException.conflict("illegal-transition", "诉求已办结，不能再添加备注");
		}
		touch(now);
		return step("NOTE", status, text, null);
	}

	public Step pause(String reason, Instant now) {
		if (status != AppealStatus.IN_PROGRESS || pausedAt != null) {
			throw refused("等待居民配合");
		}
		pausedAt = now;
		pausedReason = reason;
		rearm();
		touch(now);
		return step("PAUSED", status, reason, null);
	}

	public Step resume(Instant now) {
		if (pausedAt == null) {
			throw refused("恢复计时");
		}
		endPause(now);
		rearm();
		touch(now);
		return step("RESUMED", status, null, resolveDueAt);
	}

	public Step resolve(String resultText, Instant now) {
		endPause(now);
		var from = move(AppealStatus.RESOLVED, now);
		resolvedAt = now;
		result = resultText;
		if (resolvedOnTime == null) {
			// the first resolution, against the clock it was raised with, whoever holds it now
			resolvedOnTime = !now.isAfter(firstResolveDueAt);
		}
		return step("RESOLVED", from, resultText, null);
	}

	/** 派单异议: not ours; back to the community, which gets an accept clock to re-dispatch. */
	public Step rejectRoute(String reason, Instant now) {
		if (handlerKind != HandlerKind.COMPANY) {
			throw DomainException.conflict("not-a-company", "只有物业企业承办的诉求可以提出派单异议");
		}
		var from = move(AppealStatus.REJECTED_ROUTE, now);
		acceptDueAt = now.plus(Duration.ofMinutes(acceptMinutes));
		rearm();
		return step("ROUTE_REJECTED", from, reason, acceptDueAt);
	}

	/**
	 * The community re-dispatches to a company or to a department outside the platform; a new
	 * accept clock starts. Doing so confirms the 派单异议: the first company was wrongly routed to.
	 */
	public Step redispatch(Long companyId, String companyName, String external, String note, boolean outsideContract, Instant now) {
		if (status != AppealStatus.REJECTED_ROUTE) {
			throw refused("重新派单");
		}
		wronglyRouted = true;
		return handOver(companyId, companyName, external, "REDISPATCHED", note, outsideContract, now);
	}

	// ---- supervisors ----

	public Step reassign(Long companyId, String companyName, String external, String note, boolean outsideContract, Instant now) {
		if (!status.isOpen()) {
			throw refused("改派");
		}
		var step = handOver(companyId, companyName, external, "REASSIGNED", note, outsideContract, now);
		restartSupervision(now);
		return step;
	}

	/** 督办令: the supervisor orders the handler; the level's clock starts again for the order. */
	public Step order(String note, Instant now) {
		if (!status.isOpen()) {
			throw refused("督办");
		}
		restartSupervision(now);
		touch(now);
		return step("ORDERED", status, note, superviseDueAt);
	}

	public Step superviseNote(String note, Instant now) {
		if (status == AppealStatus.CLOSED) {
			throw refused("督办意见");
		}
		touch(now);
		return step("SUPERVISED", status, note, null);
	}

	/** 核实办结: a supervisor confirms that an appeal rated 不满意 was in fact solved (e.g. a demand outside the contract). */
	public Step confirmSolved(String note, Instant now) {
		if (rating != Rating.DISSATISFIED || (status != AppealStatus.REOPENED && status != AppealStatus.IN_PROGRESS)) {
			throw DomainException.conflict("not-disputed", "只有居民评价不满意、正在重新办理的诉求可以核实办结");
		}
		var from = status;
		endPause(now);
		status = AppealStatus.CLOSED;
		confirmedSolved = true;
		closedAt = now;
		closedReason = "CONFIRMED";
		rearm();
		touch(now);
		return step("CONFIRMED_SOLVED", from, note, null);
	}

	/** One level up the ladder, with that level's own clock. Used when a second 不满意 is given; clock overruns go through the sweep. */
	public Step escalate(String why, Instant now) {
		if (level.isTop()) {
			touch(now);
			return step("ESCALATED", status, why + "（已在最高层级）", superviseDueAt);
		}
		level = level.above(handlerKind, status);
		escalations++;
		superviseDueAt = now.plus(Duration.ofMinutes(superviseMinutes));
		rearm();
		touch(now);
		return step("ESCALATED", status, why, superviseDueAt);
	}

	// ---- the resident ----

	public Step rate(Rating given, String reason, Instant now) {
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

	/** A second (or later) 不满意 goes one level further up. */
	public boolean dissatisfiedAgain() {
		return status == AppealStatus.REOPENED && reopenCount > 1;
	}

	public Step closeUnrated(Instant now) {
		var from = move(AppealStatus.CLOSED, now);
		closedAt = now;
		closedReason = "UNRATED";
		return step("CLOSED_UNRATED", from, "7 日内未评价，自动办结", null);
	}

	/**
	 * 合同到期移交: the handling company's contract for the compound has ended, so the company no
	 * longer sees the compound; whoever serves it now (the new company, or the community) takes the
	 * appeal over with a fresh accept clock. The supervision level it reached stays.
	 */
	public Step handOverAtContractEnd(Long companyId, String companyName, Instant now) {
		if (handlerKind != HandlerKind.COMPANY || !status.isOpen() || status == AppealStatus.REJECTED_ROUTE) {
			throw refused("移交");
		}
		var from = move(AppealStatus.SUBMITTED, now);
		takeOver(companyId != null ? HandlerKind.COMPANY : HandlerKind.COMMUNITY, companyId, null, now);
		routedOutsideContract = false;
		String to = companyId != null ? companyName : "社区";
		return step("HANDED_OVER", from, "原物业企业的服务合同已到期，移交" + to + "承办", acceptDueAt);
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
		else if (status.awaitsAcceptance()) {
			nextEscalationAt = acceptDueAt;
		}
		else {
			nextEscalationAt = pausedAt != null ? null : resolveDueAt;
		}
	}

	/** A pause ends (resumed, resolved, handed over, confirmed): its length is added to both resolve clocks. */
	private void endPause(Instant now) {
		if (pausedAt == null) {
			return;
		}
		var paused = Duration.between(pausedAt, now);
		if (resolveDueAt != null) {
			resolveDueAt = resolveDueAt.plus(paused);
		}
		firstResolveDueAt = firstResolveDueAt.plus(paused);
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

	private Step handOver(Long companyId, String companyName, String external, String action, String note, boolean outsideContract,
			Instant now) {
		if ((companyId == null) == (external == null || external.isBlank())) {
			throw DomainException.invalid("companyId", "请选择承办的物业企业，或填写承办部门名称（二选一）");
		}
		var from = move(AppealStatus.SUBMITTED, now);
		takeOver(companyId != null ? HandlerKind.COMPANY : HandlerKind.EXTERNAL, companyId, companyId != null ? null : external.strip(), now);
		routedOutsideContract = companyId != null && outsideContract;
		String to = companyId != null ? companyName : externalHandler;
		return step(action, from, "派至 " + to + (note == null || note.isBlank() ? "" : "：" + note), acceptDueAt);
	}

	/** A new holder: a fresh working accept clock; the judged clocks and any pause time so far stay. */
	private void takeOver(HandlerKind kind, Long companyId, String external, Instant now) {
		endPause(now);
		handlerKind = kind;
		handlerCompanyId = companyId;
		externalHandler = external;
		assigneeStaffId = null;
		acceptedAt = null;
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

	/** The event of a step, for the notification module and the audit trail. */
	public AppealChanged changed(Step step) {
		return new AppealChanged(id, step.action(), status, level, compoundId, communityCode, handlerKind, handlerCompanyId, assigneeStaffId,
				raisedBy, step.note());
	}

	/** The clock that matters now, for queues and pages. */
	public Instant currentDue() {
		if (level != SupervisionLevel.HANDLER && status.isOpen()) {
			return superviseDueAt;
		}
		if (status.awaitsAcceptance()) {
			return acceptDueAt;
		}
		return status.isOpen() && pausedAt == null ? resolveDueAt : null;
	}

	// ---- reading ----

	public Long id() {
		return id;
	}

	public Integer version() {
		return version;
	}

	public long compoundId() {
		return compoundId;
	}

	public String communityCode() {
		return communityCode;
	}

	public Long houseId() {
		return houseId;
	}

	public AppealKind kind() {
		return kind;
	}

	public String category() {
		return category;
	}

	public String terms() {
		return terms;
	}

	public Long raisedBy() {
		return raisedBy;
	}

	public boolean raisedBy(long userId) {
		return raisedBy != null && raisedBy == userId;
	}

	public AppealStatus status() {
		return status;
	}

	public HandlerKind handlerKind() {
		return handlerKind;
	}

	public Long handlerCompanyId() {
		return handlerCompanyId;
	}

	public SupervisionLevel level() {
		return level;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant acceptDueAt() {
		return acceptDueAt;
	}

	public Instant firstAcceptDueAt() {
		return firstAcceptDueAt;
	}

	public Instant firstAcceptedAt() {
		return firstAcceptedAt;
	}

	public Instant resolveDueAt() {
		return resolveDueAt;
	}

	public Instant firstResolveDueAt() {
		return firstResolveDueAt;
	}

	public Boolean resolvedOnTime() {
		return resolvedOnTime;
	}

	public long pausedSeconds() {
		return pausedSeconds;
	}

	public Instant pausedAt() {
		return pausedAt;
	}

	public Instant superviseDueAt() {
		return superviseDueAt;
	}

	public Instant nextEscalationAt() {
		return nextEscalationAt;
	}

	public Long repeatOf() {
		return repeatOf;
	}

	public boolean wronglyRouted() {
		return wronglyRouted;
	}

	public int supporters() {
		return supporters;
	}

	public Rating rating() {
		return rating;
	}
}
