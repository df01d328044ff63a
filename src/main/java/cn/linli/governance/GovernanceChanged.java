package cn.linli.governance;

import cn.linli.shared.audit.DomainEvent;

/** A motion was revised, attached to, voted on or served; its audit row. Ballot events never carry the choice. */
public record GovernanceChanged(String action, String subjectType, String subjectId, String summary) implements DomainEvent {

	public static GovernanceChanged of(String verb, long motionId, String summary) {
		return new GovernanceChanged("motion." + verb, "motion", String.valueOf(motionId), summary);
	}
}
