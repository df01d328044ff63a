package cn.linli.appeal.supervision;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.linli.appeal.rating.ClosingUnratedAppeals;

/**
 * Runs the clocks: escalates what is overdue and closes what was not rated in time. The deadlines
 * live in the database, so this can run on every instance and after any restart.
 */
@Component
@ConditionalOnProperty(name = "linli.appeal.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class AppealClocks {

	private static final Logger log = LoggerFactory.getLogger(AppealClocks.class);

	private final EscalationSweep sweep;
	private final HandingOverAtContractEnd handOvers;
	private final ClosingUnratedAppeals unrated;
	private final Duration ratingWindow;

	AppealClocks(EscalationSweep sweep, HandingOverAtContractEnd handOvers, ClosingUnratedAppeals unrated,
			@Value("${linli.appeal.rating-window:P7D}") Duration ratingWindow) {
		this.sweep = sweep;
		this.handOvers = handOvers;
		this.unrated = unrated;
		this.ratingWindow = ratingWindow;
	}

	/** Contracts end by the calendar; an hour's delay in handing over is well inside any accept clock. */
	@Scheduled(fixedDelayString = "${linli.appeal.handover-every:PT1H}", initialDelayString = "PT30S")
	void handOver() {
		int total = 0;
		int handed;
		do {
			handed = handOvers.handOverEndedContracts();
			total += handed;
		}
		while (handed == HandingOverAtContractEnd.BATCH);
		if (total > 0) {
			log.info("appeal clocks: {} handed over after their company's contract ended", total);
		}
	}

	@Scheduled(fixedDelayString = "${linli.appeal.sweep-every:PT15S}", initialDelayString = "PT5S")
	void tick() {
		int escalated = sweep.sweep();
		int closed = unrated.closeUnrated(ratingWindow);
		if (escalated + closed > 0) {
			log.info("appeal clocks: {} escalated, {} closed unrated", escalated, closed);
		}
	}
}
