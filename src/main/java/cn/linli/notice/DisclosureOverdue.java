package cn.linli.notice;

import java.time.LocalDate;

import cn.linli.shared.audit.DomainEvent;

/**
 * A provider missed a disclosure duty of a compound it serves: nothing was posted by {@code dueOn}.
 * Found once per compound, duty and due date; what a bad credit record (未按规定公开) is made from.
 */
public record DisclosureOverdue(long compoundId, Long companyId, String duty, String dutyLabel, LocalDate dueOn) implements DomainEvent {

	@Override
	public String action() {
		return "disclosure.overdue";
	}

	@Override
	public String subjectType() {
		return "compound";
	}

	@Override
	public String subjectId() {
		return String.valueOf(compoundId);
	}

	@Override
	public String summary() {
		return "未按期公开「" + dutyLabel + "」，应于 " + dueOn + " 前公开";
	}
}
