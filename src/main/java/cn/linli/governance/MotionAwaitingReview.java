package cn.linli.governance;

/** A motion was convened, or revised and resubmitted after a return: the community is to review and publish it. */
public record MotionAwaitingReview(long motionId, long compoundId, String communityCode, String title, boolean resubmitted)
		implements MotionEvent {

	@Override
	public String action() {
		return resubmitted ? "motion.resubmitted" : "motion.drafted";
	}

	@Override
	public String summary() {
		return title;
	}
}
