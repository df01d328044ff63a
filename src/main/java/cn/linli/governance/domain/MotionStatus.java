package cn.linli.governance.domain;

import java.util.Set;

/**
 * DRAFT (awaiting the community's review) → PUBLISHED (roll frozen, voting between its opening and
 * closing time) → CLOSED (counted); the community may instead return a draft (RETURNED), which the
 * convener revises and resubmits (DRAFT again).
 */
public enum MotionStatus {
	DRAFT, RETURNED, PUBLISHED, CLOSED;

	boolean canTransitionTo(MotionStatus next) {
		return switch (this) {
			case DRAFT -> Set.of(RETURNED, PUBLISHED).contains(next);
			case RETURNED -> next == DRAFT;
			case PUBLISHED -> next == CLOSED;
			case CLOSED -> false;
		};
	}

	/** A draft or a returned draft: the convener may still change it. */
	public boolean isDraft() {
		return this == DRAFT || this == RETURNED;
	}
}
