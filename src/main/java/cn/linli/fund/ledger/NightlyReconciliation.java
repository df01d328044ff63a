package cn.linli.fund.ledger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reconciles the fund's books every night at 02:30, Beijing time; off with {@code linli.fund.scheduler.enabled=false}. */
@Component
@ConditionalOnProperty(name = "linli.fund.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class NightlyReconciliation {

	private final FundReconciliation reconciliation;

	NightlyReconciliation(FundReconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	@Scheduled(cron = "${linli.fund.reconciliation-cron:0 30 2 * * *}", zone = "Asia/Shanghai")
	void run() {
		reconciliation.nightly();
	}
}
