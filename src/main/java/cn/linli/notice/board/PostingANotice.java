package cn.linli.notice.board;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.notice.Duty;
import cn.linli.notice.NoticePosted;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;

/**
 * 发布公告: the company, the committee or the community posts a notice (text, attachments, how
 * many days it stays up) on a compound's board; the platform posts what other modules request. A
 * notice is fixed once posted. A resident who opens it is counted once.
 */
@Service
@Transactional
public class PostingANotice {

	public static final int MAX_DAYS = 366;
	public static final int MAX_ATTACHMENTS = 5;

	public record Draft(String duty, String title, String body, String days, List<MultipartFile> files) {

		public Draft {
			title = title == null ? null : title.strip();
			body = body == null ? null : body.strip();
			files = files == null ? List.of() : files.stream().filter(f -> f != null && !f.isEmpty()).toList();
		}
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final UploadStore uploads;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	PostingANotice(JdbcClient jdbc, RegistryDirectory directory, UploadStore uploads, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.uploads = uploads;
		this.events = events;
		this.clock = clock;
	}

	/** Answers the new notice's id; every problem of the draft is reported at once. */
	public long post(Actor actor, long compoundId, Draft draft) {
		var compound = directory.compoundFacts(compoundId).filter(c -> NoticeAccess.maySee(actor.scope(), c))
			.orElseThrow(() -> DomainException.notFound("小区"));
		var author = NoticeAccess.author(actor.scope(), compound);
		if (author == null) {
			throw DomainException.forbidden("公告由本小区的物业服务企业、业委会或所在社区发布");
		}
		var errors = new FieldErrors();
		Duty duty = errors.collect(() -> Duty.parse(draft.duty()));
		if (duty != null && !NoticeAccess.mayPost(author, duty)) {
			errors.add("duty", author.label() + "不能发布「" + duty.label() + "」类公告");
		}
		errors.check(draft.title() == null || draft.title().isEmpty() || draft.title().length() > 200, "title", "标题必填，且不超过200字");
		errors.check(draft.body() == null || draft.body().isEmpty() || draft.body().length() > 20_000, "body", "正文必填，且不超过20000字");
		int least = duty == null ? 1 : duty.minimumDays();
		Integer days = null;
		boolean typed = draft.days() != null && !draft.days().isBlank();
		try {
			days = typed ? Integer.valueOf(draft.days().strip()) : null;
		}
		catch (NumberFormatException e) {
			errors.add("days", "公示天数应为整数");
		}
		if (!typed || days != null && (days < least || days > MAX_DAYS)) {
			errors.add("days", (duty == null ? "" : "「" + duty.label() + "」") + "公示期应为 " + least + "–" + MAX_DAYS + " 天");
		}
		errors.check(draft.files().size() > MAX_ATTACHMENTS, "files", "附件最多 " + MAX_ATTACHMENTS + " 个");
		errors.throwIfAny();
		// the files are stored inside the transaction: a refusal after this removes them with the rollback
		var keys = new java.util.ArrayList<String[]>();
		for (var file : draft.files()) {
			String key = errors.collect(() -> uploads.store(file, "files", UploadStore.Type.PDF, UploadStore.Type.JPEG, UploadStore.Type.PNG));
			keys.add(new String[] { key, title(file) });
		}
		errors.throwIfAny();
		String authorName = author.label() + " · " + actor.displayName();
		long id = insert(compoundId, duty, draft.title(), draft.body(), days, author, authorName, actor.role() == Role.ADMIN ? null : actor.userId(),
				null);
		for (var k : keys) {
			jdbc.sql("insert into notice_attachment (notice_id, file_key, title) values (:n, :k, :t)").param("n", id).param("k", k[0]).param("t", k[1])
				.update();
		}
		events.publishEvent(new NoticePosted(id, compoundId, duty.name(), draft.title(), authorName));
		return id;
	}

	/** A notice another module asked for, posted once whatever the number of deliveries. */
	@ApplicationModuleListener
	void on(NoticeRequested request) {
		var duty = Duty.parse(request.duty());
		var author = NoticeAccess.Author.valueOf(request.authorKind());
		int days = Math.max(request.days(), duty.minimumDays());
		Long id = insert(request.compoundId(), duty, cut(request.title(), 200), cut(request.body(), 20_000), days, author,
				cut(author.label() + " · " + request.authorName(), 100), null, request.source());
		if (id != null) {
			events.publishEvent(new NoticePosted(id, request.compoundId(), duty.name(), request.title(), request.authorName()));
		}
	}

	/** Counts a resident's first opening of a notice it may see; answers whether this was it. */
	public boolean read(Actor actor, long noticeId) {
		if (actor.role() != Role.RESIDENT) {
			return false;
		}
		int first = jdbc.sql("insert into notice_read (notice_id, user_id, read_at) values (:n, :u, :at) on conflict do nothing").param("n", noticeId)
			.param("u", actor.userId()).param("at", Timestamp.from(clock.instant())).update();
		if (first == 1) {
			jdbc.sql("update notice set read_count = read_count + 1 where id = :n").param("n", noticeId).update();
		}
		return first == 1;
	}

	private Long insert(long compoundId, Duty duty, String title, String body, int days, NoticeAccess.Author author, String authorName, Long by,
			String source) {
		Instant now = clock.instant();
		Long id = jdbc.sql("""
				insert into notice (compound_id, duty, title, body, posted_at, posted_until, author_kind, author_name, posted_by, source)
				values (:c, :d, :t, :b, :at, :until, :ak, :an, :by, :s) on conflict (source) do nothing returning id""")
			.param("c", compoundId).param("d", duty.name()).param("t", title).param("b", body).param("at", Timestamp.from(now))
			.param("until", Timestamp.from(now.plus(Duration.ofDays(days)))).param("ak", author.name()).param("an", authorName).param("by", by)
			.param("s", source).query(Long.class).optional().orElse(null);
		if (id != null && duty.scheduled()) {
			jdbc.sql("""
					insert into disclosure_status (compound_id, duty, last_notice_id, last_posted_at) values (:c, :d, :n, :at)
					on conflict (compound_id, duty) do update set last_notice_id = excluded.last_notice_id, last_posted_at = excluded.last_posted_at""")
				.param("c", compoundId).param("d", duty.name()).param("n", id).param("at", Timestamp.from(now)).update();
		}
		return id;
	}

	private static String title(MultipartFile file) {
		String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "附件" : file.getOriginalFilename().strip();
		return cut(name, 200);
	}

	private static String cut(String s, int max) {
		if (s == null) {
			return "";
		}
		return s.length() <= max ? s : s.substring(0, max);
	}
}
