package cn.linli.fee;

import cn.linli.shared.audit.DomainEvent;

/**
 * A change of a compound's fees or common income: an item on the price board, bills issued, a
 * payment, an income, a disclosure, an audit demand, a step of a fee change. {@code tellRegions}
 * (comma-separated region codes) and {@code tellCommittee} say who is told in the inbox.
 */
public record FeeChanged(String action, String subjectType, String subjectId, long compoundId, String summary, String tellRegions,
		boolean tellCommittee) implements DomainEvent {

	public static FeeChanged of(String verb, String subjectType, Object subjectId, long compoundId, String summary) {
		return new FeeChanged("fee." + verb, subjectType, String.valueOf(subjectId), compoundId, summary, null, false);
	}
}
