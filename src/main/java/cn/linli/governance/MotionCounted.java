package cn.linli.governance;

import java.time.Instant;

/** A motion was counted at its close; the result is published and objections are heard until {@code objectionsUntil}. */
public record MotionCounted(long motionId, long compoundId, String title, String result, String resultLabel, Instant objectionsUntil)
		implements MotionEvent {

	@Override
	public String action() {
		return "motion.counted";
	}

	@Override
	public String summary() {
		return result;
	}
}
