package cn.linli.governance;

import cn.linli.shared.audit.DomainEvent;

/** A motion was drafted, published, voted on or counted. Ballot events never carry the choice. */
public record GovernanceChanged(String action, String subjectType, String subjectId, String summary) implements DomainEvent {

	static GovernanceChanged of(String verb, long motionId, String summary) {
		return new GovernanceChanged("motion." + verb, "motion", String.valueOf(motionId), summary);
	}
}
