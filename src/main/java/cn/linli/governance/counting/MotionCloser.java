package cn.linli.governance;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Counts motions as their closing time passes; rows are claimed with SKIP LOCKED, so two instances never count one twice. */
@Component
class MotionCloser {

	private final OwnersDecisions decisions;

	MotionCloser(OwnersDecisions decisions) {
		this.decisions = decisions;
	}

	@Scheduled(fixedDelayString = "${linli.governance.close-every:PT15S}")
	void closeDue() {
		decisions.closeDue();
	}
}
