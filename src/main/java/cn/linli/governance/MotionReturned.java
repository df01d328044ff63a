package cn.linli.governance;

/** The community sent a draft back to its convener ({@code COMMITTEE} or {@code COMMUNITY}) with a reason. */
public record MotionReturned(long motionId, long compoundId, String communityCode, String title, String convenedBy, String reason)
		implements MotionEvent {

	@Override
	public String action() {
		return "motion.returned";
	}

	@Override
	public String summary() {
		return reason.length() > 200 ? reason.substring(0, 200) + "…" : reason;
	}
}
