package cn.linli.governance;

/** DRAFT → PUBLISHED (roll frozen, voting between its opening and closing time) → CLOSED (counted). */
public enum MotionStatus {
	DRAFT, PUBLISHED, CLOSED;

	boolean canTransitionTo(MotionStatus next) {
		return next.ordinal() == ordinal() + 1;
	}
}
