package cn.linli.governance.counting;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts motions as their closing time passes. Tests switch it off
 * ({@code linli.governance.scheduler.enabled=false}) and close votes themselves, after moving the clock.
 */
@Component
@ConditionalOnProperty(name = "linli.governance.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class MotionCloser {

	private final CountingTheVote counting;

	MotionCloser(CountingTheVote counting) {
		this.counting = counting;
	}

	@Scheduled(fixedDelayString = "${linli.governance.close-every:PT15S}")
	void closeDue() {
		counting.closeDue();
	}
}
