package cn.linli.fund;

import cn.linli.shared.audit.DomainEvent;

/**
 * A repair project paid from the fund changed: proposed, reported, confirmed, put to the vote,
 * decided, approved, accepted, settled or escalated. {@code tell} names the region whose officials
 * must act (the bureau that approves, or above it when the approval is late); null when nobody
 * needs telling beyond the notice board.
 */
public record FundProjectChanged(String action, long projectId, long compoundId, String title, String summary, String tell)
		implements DomainEvent {

	public static FundProjectChanged of(String verb, long projectId, long compoundId, String title, String summary, String tell) {
		return new FundProjectChanged("fund.project." + verb, projectId, compoundId, title, summary, tell);
	}

	@Override
	public String subjectType() {
		return "fund_project";
	}

	@Override
	public String subjectId() {
		return String.valueOf(projectId);
	}
}
