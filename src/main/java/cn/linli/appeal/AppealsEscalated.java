package cn.linli.appeal;

import java.util.List;

/**
 * One sweep's escalations, published as one event so that ten thousand overdue appeals cost one
 * event publication; each appeal's timeline and audit rows are written by the sweep itself.
 */
public record AppealsEscalated(List<Escalation> escalations) {

	public record Escalation(long appealId, SupervisionLevel level, AppealStatus status, String communityCode, HandlerKind handlerKind,
			Long handlerCompanyId, Long raisedBy, String reason) {
	}
}
