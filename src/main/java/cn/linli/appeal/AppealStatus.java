package cn.linli.appeal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The handling lifecycle of DOMAIN §3. Escalation is not a state here: the handler stays
 * responsible and continues from where it was, so the supervision ladder is kept beside the state
 * ({@link SupervisionLevel}) and every climb is an {@code ESCALATED} event on the timeline.
 * <p>
 * The groups of states (open, awaiting acceptance, in the handler's hands) are defined here once;
 * SQL that needs them takes its {@code in (…)} list from {@link #sqlList(Predicate)}.
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

	/** Waiting to be accepted: by the handler (签收), or by the community re-dispatching a 派单异议. */
	public boolean awaitsAcceptance() {
		return this == SUBMITTED || this == REJECTED_ROUTE;
	}

	/** Open and with its handler (not back with the community for re-dispatch): the handler's workbench. */
	public boolean withHandler() {
		return isOpen() && this != REJECTED_ROUTE;
	}

	/** Open311 knows only open and closed. */
	public String open311() {
		return this == CLOSED ? "closed" : "open";
	}

	/** The states of a group as an SQL list, e.g. {@code ('SUBMITTED', 'ACCEPTED')}, for {@code a.status in …}. */
	public static String sqlList(Predicate<AppealStatus> group) {
		return Arrays.stream(values()).filter(group).map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
	}
}
