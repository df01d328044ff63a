package cn.linli.appeal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The handling lifecycle of DOMAIN §3. Escalation is not a state here: the handler stays
 * responsible and continues from where it was, so the supervision ladder is kept beside the state
 * ({@link SupervisionLevel}) and every climb is an {@code ESCALATED} event on the timeline.
 */
public enum AppealStatus {

	SUBMITTED("待签收"), ACCEPTED("已签收"), IN_PROGRESS("办理中"), RESOLVED("已反馈"), REOPENED("重新办理"),
	REJECTED_ROUTE("派单异议"), CLOSED("已办结");

	private final String label;

	AppealStatus(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public Set<AppealStatus> next() {
		return switch (this) {
			case SUBMITTED -> EnumSet.of(ACCEPTED, REJECTED_ROUTE, SUBMITTED);
			case ACCEPTED -> EnumSet.of(IN_PROGRESS, RESOLVED, REJECTED_ROUTE, SUBMITTED);
			case IN_PROGRESS -> EnumSet.of(RESOLVED, SUBMITTED);
			case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
			case REOPENED -> EnumSet.of(IN_PROGRESS, SUBMITTED);
			case REJECTED_ROUTE -> EnumSet.of(SUBMITTED);
			case CLOSED -> EnumSet.noneOf(AppealStatus.class);
		};
	}

	public boolean canTransitionTo(AppealStatus target) {
		return next().contains(target);
	}

	/** Still waiting for the handler (or the community's re-dispatch): clocks run, the ladder may climb. */
	public boolean isOpen() {
		return this != RESOLVED && this != CLOSED;
	}

	/** Open311 knows only open and closed. */
	public String open311() {
		return this == CLOSED ? "closed" : "open";
	}
}
