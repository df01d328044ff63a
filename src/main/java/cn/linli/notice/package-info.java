/**
 * 公告与信息公开: each compound's notice board and the disclosures the regulations require of the
 * provider (Civil Code Art. 943; 山东省物业管理条例 Art. 49, 50, 59). The company, the committee and
 * the community post notices; the platform posts on their behalf what other modules ask for with
 * {@link cn.linli.shared.notice.NoticeRequested} (a fund project's plan, a settlement, the common
 * income). Parts: {@code board} (posting and reading), {@code disclosure} (the duties' checklist and
 * the nightly search for overdue ones), {@code query}, {@code web}; {@link cn.linli.notice.Duty} and
 * the events here are what other modules use.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notice board and disclosure", allowedDependencies = { "shared", "registry" })
package cn.linli.notice;
