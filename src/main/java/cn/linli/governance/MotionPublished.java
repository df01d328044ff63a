package cn.linli.governance;

import java.time.Instant;

/** A motion was published and its roll frozen: the owners on the roll may vote between the two times. */
public record MotionPublished(long motionId, long compoundId, String title, Instant opensAt, Instant closesAt, long rollHead,
		long rollAreaCenti) implements MotionEvent {

	@Override
	public String action() {
		return "motion.published";
	}

	@Override
	public String summary() {
		return "roll " + rollHead + " voters, " + rollAreaCenti + " centi-m²";
	}
}
