package cn.linli.governance;

/**
 * A paper ballot was entered in a voter's name (its registry owner ids; none for the developer),
 * replacing any earlier ballot of the voter; {@code replacedOnline} when the ballot it replaced was
 * cast online. Never carries the choice.
 */
public record PaperBallotRecorded(long motionId, long compoundId, String title, String houses, java.util.List<Long> ownerIds,
		boolean replacedOnline, long ballotId) implements MotionEvent {

	@Override
	public String action() {
		return "motion.paper-ballot";
	}

	@Override
	public String summary() {
		return "paper ballot " + ballotId + (replacedOnline ? " replacing an online ballot" : "");
	}
}
