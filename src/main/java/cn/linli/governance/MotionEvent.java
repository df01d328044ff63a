package cn.linli.governance;

import cn.linli.shared.audit.DomainEvent;

/** An event of one motion's life that others hear of after commit; each is also the audit row of its change. */
interface MotionEvent extends DomainEvent {

	long motionId();

	@Override
	default String subjectType() {
		return "motion";
	}

	@Override
	default String subjectId() {
		return String.valueOf(motionId());
	}
}
