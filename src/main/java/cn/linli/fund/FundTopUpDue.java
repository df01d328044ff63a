package cn.linli.fund;

import java.util.List;

import cn.linli.shared.audit.DomainEvent;

/** A payment took these houses' ledgers below 30 % of their first deposits: their owners are asked to top up (续交). */
public record FundTopUpDue(long accountId, long compoundId, List<Long> houseIds) implements DomainEvent {

	@Override
	public String action() {
		return "fund.top-up-due";
	}

	@Override
	public String subjectType() {
		return "fund_account";
	}

	@Override
	public String subjectId() {
		return String.valueOf(accountId);
	}

	@Override
	public String summary() {
		return houseIds.size() + " 户分户账余额低于首次交存额的 30%，通知续交";
	}
}
