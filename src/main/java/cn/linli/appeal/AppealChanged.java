package cn.linli.appeal;

import cn.linli.shared.audit.DomainEvent;

/**
 * Something happened to an appeal: the audit row is written with it, and after commit the
 * notification module tells whoever must act or wants to know.
 */
public record AppealChanged(long appealId, String step, AppealStatus status, SupervisionLevel level, long compoundId,
		String communityCode, HandlerKind handlerKind, Long handlerCompanyId, Long assigneeStaffId, Long raisedBy,
		String note) implements DomainEvent {

	@Override
	public String action() {
		return "appeal." + step.toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public String subjectType() {
		return "appeal";
	}

	@Override
	public String subjectId() {
		return String.valueOf(appealId);
	}

	@Override
	public String summary() {
		return status.label() + (note == null ? "" : "：" + (note.length() > 200 ? note.substring(0, 200) + "…" : note));
	}
}
