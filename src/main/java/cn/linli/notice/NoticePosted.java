package cn.linli.notice;

import cn.linli.shared.audit.DomainEvent;

/** A notice went up on a compound's board; the residents are told in their inbox. */
public record NoticePosted(long noticeId, long compoundId, String duty, String title, String authorName) implements DomainEvent {

	@Override
	public String action() {
		return "notice.posted";
	}

	@Override
	public String subjectType() {
		return "notice";
	}

	@Override
	public String subjectId() {
		return String.valueOf(noticeId);
	}

	@Override
	public String summary() {
		return authorName + " 发布公告：" + title;
	}
}
