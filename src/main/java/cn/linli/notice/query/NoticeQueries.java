package cn.linli.notice.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.notice.Duty;
import cn.linli.notice.board.NoticeAccess;
import cn.linli.notice.disclosure.DisclosureDuties;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** A compound's board, one notice, a resident's notices and the disclosure checklists — each only for who may see it. */
@Service
@Transactional(readOnly = true)
public class NoticeQueries {

	/** The file's key stays on the server: the file is fetched through its notice, which checks who asks. */
	public record Attachment(long id, String title, @com.fasterxml.jackson.annotation.JsonIgnore String fileKey) {
	}

	public record NoticeView(long id, long compoundId, String compoundName, Duty duty, String title, String body, Instant postedAt,
			Instant postedUntil, boolean current, String authorKind, String authorName, int readCount, boolean readByMe,
			List<Attachment> attachments) {
	}

	public record Board(long compoundId, String compoundName, NoticeAccess.Author postAs, List<Duty> mayPost, PageResponse<NoticeView> notices) {
	}

	private static final String COLUMNS = """
			n.id, n.compound_id, c.name, n.duty, n.title, n.body, n.posted_at, n.posted_until, n.author_kind, n.author_name, n.read_count,
			exists (select 1 from notice_read r where r.notice_id = n.id and r.user_id = :me)""";

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final DisclosureDuties duties;
	private final Clock clock;

	NoticeQueries(JdbcClient jdbc, RegistryDirectory directory, DisclosureDuties duties, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.duties = duties;
		this.clock = clock;
	}

	/** The compound's notices, newest first; what the caller may post there. */
	public Board board(Scope scope, long userId, long compoundId, PageRequest page) {
		var compound = visible(scope, compoundId);
		long total = jdbc.sql("select count(*) from notice where compound_id = :c").param("c", compoundId).query(Long.class).single();
		var list = jdbc.sql("select " + COLUMNS + " from notice n join compound c on c.id = n.compound_id where n.compound_id = :c"
				+ " order by n.id desc limit :l offset :o")
			.param("c", compoundId).param("me", userId).param("l", page.size()).param("o", page.offset()).query(this::row).list();
		var author = NoticeAccess.author(scope, compound);
		var may = author == null ? List.<Duty>of()
				: java.util.Arrays.stream(Duty.values()).filter(d -> NoticeAccess.mayPost(author, d)).toList();
		return new Board(compoundId, compound.name(), author, may, new PageResponse<>(withAttachments(list), page.page(), page.size(), total));
	}

	public NoticeView notice(Scope scope, long userId, long noticeId) {
		var found = jdbc.sql("select " + COLUMNS + " from notice n join compound c on c.id = n.compound_id where n.id = :n").param("n", noticeId)
			.param("me", userId).query(this::row).optional().orElseThrow(() -> DomainException.notFound("公告"));
		// out of scope reads as missing, in the same words
		directory.compoundFacts(found.compoundId()).filter(c -> NoticeAccess.maySee(scope, c)).orElseThrow(() -> DomainException.notFound("公告"));
		return withAttachments(List.of(found)).get(0);
	}

	/** A resident's notices of every compound it lives in: those still up first, newest first. */
	public PageResponse<NoticeView> mine(Scope scope, long userId, PageRequest page) {
		if (scope.role() != Role.RESIDENT || scope.compoundIds().isEmpty()) {
			return new PageResponse<>(List.of(), page.page(), page.size(), 0);
		}
		var compounds = scope.compoundIds().toArray(Long[]::new);
		long total = jdbc.sql("select count(*) from notice where compound_id = any(:c::bigint[])").param("c", compounds).query(Long.class).single();
		var list = jdbc.sql("select " + COLUMNS + " from notice n join compound c on c.id = n.compound_id where n.compound_id = any(:c::bigint[])"
				+ " order by n.posted_until > :now desc, n.id desc limit :l offset :o")
			.param("c", compounds).param("me", userId).param("now", Timestamp.from(clock.instant())).param("l", page.size())
			.param("o", page.offset()).query(this::row).list();
		return new PageResponse<>(withAttachments(list), page.page(), page.size(), total);
	}

	/** The compound's disclosure duties: each one's last posting and when the next is due. */
	public List<DisclosureDuties.DutyState> checklist(Scope scope, long compoundId) {
		visible(scope, compoundId);
		return duties.ofCompound(compoundId);
	}

	/** The overdue duties of the compounds a supervisor oversees (or a company serves). */
	public List<DisclosureDuties.DutyState> overdue(Scope scope, PageRequest page) {
		if (scope.isRegional()) {
			return duties.overdue(scope.regionCode(), null, page.size(), (int) page.offset());
		}
		if (scope.role() == Role.COMPANY_ADMIN && scope.companyId() != null) {
			return duties.overdue(null, scope.companyId(), page.size(), (int) page.offset());
		}
		throw DomainException.forbidden("信息公开情况由监管部门和物业服务企业查看");
	}

	private CompoundFacts visible(Scope scope, long compoundId) {
		return directory.compoundFacts(compoundId).filter(c -> NoticeAccess.maySee(scope, c)).orElseThrow(() -> DomainException.notFound("小区"));
	}

	private List<NoticeView> withAttachments(List<NoticeView> notices) {
		if (notices.isEmpty()) {
			return notices;
		}
		var ids = notices.stream().map(NoticeView::id).toArray(Long[]::new);
		var byNotice = new java.util.HashMap<Long, List<Attachment>>();
		jdbc.sql("select notice_id, id, title, file_key from notice_attachment where notice_id = any(:n::bigint[]) order by id").param("n", ids)
			.query((rs, n) -> byNotice.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
				.add(new Attachment(rs.getLong(2), rs.getString(3), rs.getString(4))))
			.list();
		return notices.stream()
			.map(v -> new NoticeView(v.id(), v.compoundId(), v.compoundName(), v.duty(), v.title(), v.body(), v.postedAt(), v.postedUntil(), v.current(),
					v.authorKind(), v.authorName(), v.readCount(), v.readByMe(), byNotice.getOrDefault(v.id(), List.of())))
			.toList();
	}

	private NoticeView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		var until = rs.getTimestamp(8).toInstant();
		return new NoticeView(rs.getLong(1), rs.getLong(2), rs.getString(3), Duty.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
				rs.getTimestamp(7).toInstant(), until, until.isAfter(clock.instant()), rs.getString(9), rs.getString(10), rs.getInt(11),
				rs.getBoolean(12), List.of());
	}
}
