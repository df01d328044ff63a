package cn.linli.shared.notice;

/**
 * A module asks for a notice on a compound's board: a fund project's plan, a settlement, a quarter's
 * common income. {@code source} names what it is for (e.g. {@code fund_project:12:plan}); a
 * redelivered request posts it once. {@code duty} is a name of {@code cn.linli.notice.Duty}.
 */
public record NoticeRequested(long compoundId, String duty, String title, String body, int days, String authorKind, String authorName,
		String source) {
}
