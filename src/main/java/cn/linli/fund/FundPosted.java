package cn.linli.fund;

import cn.linli.shared.audit.DomainEvent;

/** A movement of a compound's maintenance fund was booked (its account opened, a deposit, a year's interest). */
public record FundPosted(String action, String subjectType, String subjectId, String summary, long compoundId, long amountFen)
		implements DomainEvent {

	public static FundPosted of(String verb, long accountId, long compoundId, long amountFen, String summary) {
		return new FundPosted("fund." + verb, "fund_account", String.valueOf(accountId), summary, compoundId, amountFen);
	}
}
