package cn.linli.appeal.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.Rating;
import cn.linli.appeal.SupervisionLevel;
import cn.linli.appeal.Urgency;
import cn.linli.appeal.Workload;
import cn.linli.appeal.domain.AppealPermissions;
import cn.linli.appeal.domain.AppealScope;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.appeal.text.AppealText;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Reads appeals for queues, boards, lists and pages — always through {@link AppealScope}. */
@Service
@Transactional(readOnly = true)
public class AppealQueries {

	/** The handler's clock: accept until accepted, then resolve (stopped while waiting for the resident). */
	static final String HANDLER_DUE = "case when a.status in " + AppealStatus.sqlList(AppealStatus::awaitsAcceptance)
			+ " then a.accept_due_at when a.status in " + AppealStatus.sqlList(s -> s.withHandler() && !s.awaitsAcceptance())
			+ " and a.paused_at is null then a.resolve_due_at end";

	/** The clock that matters on a list: the supervisor's once escalated, else the handler's. */
	static final String DUE = "case when a.level <> '" + SupervisionLevel.HANDLER.name() + "' and a.status in "
			+ AppealStatus.sqlList(AppealStatus::isOpen) + " then a.supervise_due_at else " + HANDLER_DUE + " end";

	private static final String COLUMNS = """
			a.id, a.version, a.kind, a.category, ac.name as category_name, a.urgency, a.status, a.level, a.compound_id, a.building_id,
			a.created_at, a.handler_kind, a.handler_company_id, a.external_handler, a.paused_at, a.supervise_due_at, a.repeat_of,
			a.supporters, a.rating, a.body, a.raised_by, """ + HANDLER_DUE + " as handler_due";

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final AppealText text;
	private final AppealSteps steps;
	private final Clock clock;
	private final JsonMapper json;

	AppealQueries(JdbcClient jdbc, RegistryDirectory directory, AppealText text, AppealSteps steps, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.text = text;
		this.steps = steps;
		this.clock = clock;
		this.json = json;
	}

	public record AppealRow(long id, int version, AppealKind kind, String category, String categoryName, Urgency urgency,
			AppealStatus status, SupervisionLevel level, long compoundId, String compoundName, String buildingName,
			Instant createdAt, String handlerName, boolean paused, Instant handlerDue, Instant superviseDue, Long repeatOf,
			int supporters, Rating rating, String summary, Instant now) {

		/** The clock that matters on this list: the supervisor's once escalated, else the handler's. */
		@JsonProperty
		public Instant dueAt() {
			return level != SupervisionLevel.HANDLER && status.isOpen() ? superviseDue : handlerDue;
		}

		@JsonProperty
		public boolean overdue() {
			return dueAt() != null && dueAt().isBefore(now);
		}

		public String dueText() {
			if (paused) {
				return "已暂停计时";
			}
			return Durations.left(dueAt(), now);
		}
	}

	/** The handler's workbench: what is waiting for me, the nearest deadline first. */
	public PageResponse<AppealRow> queue(Actor actor, PageRequest page) {
		var scope = AppealScope.of(actor, clock);
		return paged(actor, "where " + scope.sql() + " and " + handledBy(actor), "handler_due nulls last, a.id", new HashMap<>(scope.params()), page);
	}

	/** One page of the rows a condition selects, in the given order, with the total. */
	private PageResponse<AppealRow> paged(Actor actor, String where, String order, Map<String, Object> params, PageRequest page) {
		long total = jdbc.sql("select count(*) from appeal a " + where).params(params).query(Long.class).single();
		params.put("limit", page.size());
		params.put("offset", page.offset());
		return new PageResponse<>(rows(actor, where + " order by " + order + " limit :limit offset :offset", params), page.page(), page.size(),
				total);
	}

	/** What the caller handles now: a company's open appeals; the community's own and those returned to it for re-dispatch. */
	private static String handledBy(Actor actor) {
		String withHandler = "a.status in " + AppealStatus.sqlList(AppealStatus::withHandler);
		return switch (actor.role()) {
			case COMPANY_ADMIN, STAFF -> "a.handler_kind = '" + HandlerKind.COMPANY.name() + "' and " + withHandler;
			case COMMUNITY -> "((a.handler_kind <> '" + HandlerKind.COMPANY.name() + "' and " + withHandler + ") or a.status = '"
					+ AppealStatus.REJECTED_ROUTE.name() + "')";
			default -> "false";
		};
	}

	/** 督办: what has climbed to my level in my region and is not closed, the most urgent first. */
	public PageResponse<AppealRow> board(Actor actor, boolean everythingEscalated, PageRequest page) {
		if (!actor.scope().isRegional()) {
			throw DomainException.forbidden("督办台仅供社区、街道、区县和市住建局使用");
		}
		var scope = AppealScope.of(actor, clock);
		var params = new HashMap<String, Object>(scope.params());
		return paged(actor, "where " + scope.sql() + " and " + boardLevel(actor, everythingEscalated, params) + " and a.status <> '"
				+ AppealStatus.CLOSED.name() + "'", "a.supervise_due_at nulls last, a.id", params, page);
	}

	private static String boardLevel(Actor actor, boolean everythingEscalated, Map<String, Object> params) {
		if (everythingEscalated) {
			return "a.level <> '" + SupervisionLevel.HANDLER.name() + "'";
		}
		params.put("level", SupervisionLevel.ofRegionCodeLength(actor.scope().regionCode().length()).name());
		return "a.level = :level";
	}

	/** A resident's own appeals and those it backed. */
	public List<AppealRow> mine(Actor actor) {
		var scope = AppealScope.of(actor, clock);
		return rows(actor, "where " + scope.sql() + " order by a.created_at desc limit 200", scope.params());
	}

	/**
	 * What a list can be narrowed to. Dates are calendar days in Asia/Shanghai, both inclusive;
	 * the keyword is looked for in the text (a resident's only in its own appeals' texts, never in
	 * those it merely backed).
	 */
	public record Filter(Long compoundId, String category, AppealKind kind, AppealStatus status, LocalDate from, LocalDate to,
			String keyword) {

		public static final Filter NONE = new Filter(null, null, null, null, null, null, null);

		public Filter {
			if (from != null && to != null && from.isAfter(to)) {
				throw DomainException.invalid("from", "开始日期不能晚于结束日期");
			}
			keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
			if (keyword != null && keyword.length() > 50) {
				throw DomainException.invalid("keyword", "关键词不能超过 50 字");
			}
			category = category == null || category.isBlank() ? null : category.strip();
		}
	}

	public PageResponse<AppealRow> search(Actor actor, Filter filter, PageRequest page) {
		var scope = AppealScope.of(actor, clock);
		var params = new HashMap<String, Object>(scope.params());
		return paged(actor, "where " + scope.sql() + conditions(actor, filter, params), "a.created_at desc, a.id desc", params, page);
	}

	/** At most this many rows go into one export, newest first. */
	public static final int MAX_EXPORT = 10_000;

	/** The filtered list for an export (CSV, Excel): every row, texts as the list shows them. */
	public List<AppealRow> export(Actor actor, Filter filter) {
		var scope = AppealScope.of(actor, clock);
		var params = new HashMap<String, Object>(scope.params());
		return rows(actor, "where " + scope.sql() + conditions(actor, filter, params) + " order by a.created_at desc, a.id desc limit "
				+ MAX_EXPORT, params);
	}

	private String conditions(Actor actor, Filter f, Map<String, Object> params) {
		var sql = new StringBuilder();
		if (f.compoundId() != null) {
			sql.append(" and a.compound_id = :fCompound");
			params.put("fCompound", f.compoundId());
		}
		if (f.category() != null) {
			sql.append(" and a.category = :fCategory");
			params.put("fCategory", f.category());
		}
		if (f.kind() != null) {
			sql.append(" and a.kind = :fKind");
			params.put("fKind", f.kind().name());
		}
		if (f.status() != null) {
			sql.append(" and a.status = :fStatus");
			params.put("fStatus", f.status().name());
		}
		if (f.from() != null) {
			sql.append(" and a.created_at >= :fFrom");
			params.put("fFrom", Timestamp.from(f.from().atStartOfDay(TimeConfiguration.ZONE).toInstant()));
		}
		if (f.to() != null) {
			sql.append(" and a.created_at < :fTo");
			params.put("fTo", Timestamp.from(f.to().plusDays(1).atStartOfDay(TimeConfiguration.ZONE).toInstant()));
		}
		if (f.keyword() != null && actor.role() == Role.COMMITTEE) {
			throw DomainException.invalid("q", "业委会查看的是公示内容，不能按诉求原文检索关键词");
		}
		if (f.keyword() != null) {
			// a backer reads the public text only, so it must not find an appeal by words of the raiser's own text
			sql.append(actor.role() == Role.RESIDENT ? " and a.raised_by = :fMe" : "").append(" and strpos(a.body, :fKeyword) > 0");
			params.put("fMe", actor.userId());
			params.put("fKeyword", f.keyword());
		}
		return sql.toString();
	}

	public Workload workload(Actor actor) {
		var scope = AppealScope.of(actor, clock);
		var params = new HashMap<String, Object>(scope.params());
		params.put("now", Timestamp.from(clock.instant()));
		long toAccept = 0;
		long inProgress = 0;
		long overdue = 0;
		long returned = 0;
		long paused = 0;
		if (actor.is(Role.COMPANY_ADMIN, Role.STAFF, Role.COMMUNITY)) {
			var c = jdbc.sql("select count(*) filter (where a.status in " + AppealStatus.sqlList(AppealStatus::awaitsAcceptance) + "),"
					+ " count(*) filter (where a.status in " + AppealStatus.sqlList(s -> s.withHandler() && !s.awaitsAcceptance()) + "),"
					+ " count(*) filter (where (" + HANDLER_DUE + ") < :now),"
					+ " count(*) filter (where a.status in ('" + AppealStatus.REOPENED.name() + "', '" + AppealStatus.REJECTED_ROUTE.name() + "')),"
					+ " count(*) filter (where a.paused_at is not null)"
					+ " from appeal a where " + scope.sql() + " and " + handledBy(actor))
				.params(params).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }).single();
			toAccept = c[0];
			inProgress = c[1];
			overdue = c[2];
			returned = c[3];
			paused = c[4];
		}
		long board = 0;
		long boardOverdue = 0;
		if (actor.scope().isRegional()) {
			var b = jdbc.sql("select count(*), count(*) filter (where a.supervise_due_at < :now and a.status in "
					+ AppealStatus.sqlList(AppealStatus::isOpen) + ") from appeal a where " + scope.sql() + " and "
					+ boardLevel(actor, false, params) + " and a.status <> '" + AppealStatus.CLOSED.name() + "'")
				.params(params).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
			board = b[0];
			boardOverdue = b[1];
		}
		return new Workload(toAccept, inProgress, overdue, returned, paused, board, boardOverdue);
	}

	/** Open appeals about a compound's common parts in a category, for the resident to back (+1) instead of filing again; texts as the public sees them. */
	public List<AppealRow> openLike(Actor actor, long compoundId, String category) {
		if (actor.role() != Role.RESIDENT || !actor.scope().compoundIds().contains(compoundId)) {
			return List.of();
		}
		var rows = rows(actor, "where a.compound_id = :c and a.category = :cat and a.status in " + AppealStatus.sqlList(AppealStatus::isOpen)
				+ " and a.house_id is null and a.raised_by is distinct from :me order by a.created_at desc limit 20",
				Map.of("c", compoundId, "cat", category, "me", actor.userId()));
		return rows.stream().map(r -> withSummary(r, text.forPublic(r.summary()))).toList();
	}

	private static AppealRow withSummary(AppealRow r, String summary) {
		return new AppealRow(r.id(), r.version(), r.kind(), r.category(), r.categoryName(), r.urgency(), r.status(), r.level(), r.compoundId(),
				r.compoundName(), r.buildingName(), r.createdAt(), r.handlerName(), r.paused(), r.handlerDue(), r.superviseDue(), r.repeatOf(),
				r.supporters(), r.rating(), summary, r.now());
	}

	private List<AppealRow> rows(Actor viewer, String tail, Map<String, ?> params) {
		record Raw(long id, int version, String kind, String category, String categoryName, String urgency, String status, String level,
				long compoundId, Long buildingId, Instant createdAt, String handlerKind, Long companyId, String external, boolean paused,
				Instant superviseDue, Long repeatOf, int supporters, String rating, String body, Long raisedBy, Instant handlerDue) {
		}
		var raws = jdbc.sql("select " + COLUMNS + " from appeal a join appeal_category ac on ac.code = a.category " + tail)
			.params(params)
			.query((rs, n) -> new Raw(rs.getLong("id"), rs.getInt("version"), rs.getString("kind"), rs.getString("category"),
					rs.getString("category_name"), rs.getString("urgency"), rs.getString("status"), rs.getString("level"),
					rs.getLong("compound_id"), (Long) rs.getObject("building_id", Long.class), instant(rs, "created_at"),
					rs.getString("handler_kind"), (Long) rs.getObject("handler_company_id", Long.class), rs.getString("external_handler"),
					rs.getTimestamp("paused_at") != null, instant(rs, "supervise_due_at"), (Long) rs.getObject("repeat_of", Long.class),
					rs.getInt("supporters"), rs.getString("rating"), rs.getString("body"), (Long) rs.getObject("raised_by", Long.class),
					instant(rs, "handler_due")))
			.list();
		var compounds = directory.compoundNames(raws.stream().map(Raw::compoundId).collect(Collectors.toSet()));
		var buildings = directory.buildingNames(raws.stream().map(Raw::buildingId).filter(Objects::nonNull).collect(Collectors.toSet()));
		var companies = directory.companyNames(raws.stream().map(Raw::companyId).filter(Objects::nonNull).collect(Collectors.toSet()));
		var now = clock.instant();
		var out = new ArrayList<AppealRow>(raws.size());
		for (var r : raws) {
			String handler = switch (HandlerKind.valueOf(r.handlerKind())) {
				case COMPANY -> companies.getOrDefault(r.companyId(), "物业企业");
				case COMMUNITY -> "社区";
				case EXTERNAL -> r.external();
			};
			out.add(new AppealRow(r.id(), r.version(), AppealKind.valueOf(r.kind()), r.category(), r.categoryName(),
					Urgency.valueOf(r.urgency()), AppealStatus.valueOf(r.status()), SupervisionLevel.valueOf(r.level()), r.compoundId(),
					compounds.get(r.compoundId()), r.buildingId() == null ? "公共部位" : buildings.get(r.buildingId()), r.createdAt(), handler,
					r.paused(), r.handlerDue(), r.superviseDue(), r.repeatOf(), r.supporters(),
					r.rating() == null ? null : Rating.valueOf(r.rating()),
					abbreviate(personal(viewer, r.raisedBy()) ? r.body() : text.forPublic(r.body())), now));
		}
		return out;
	}

	/**
	 * Whether the viewer may read the raiser's own words, house and phone: the handler and the
	 * supervisors, and the raiser itself; not a resident who only backed it, nor the owners'
	 * committee, which reads what the public column shows.
	 */
	private static boolean personal(Actor viewer, Long raisedBy) {
		if (viewer.role() == Role.COMMITTEE) {
			return false;
		}
		return viewer.role() != Role.RESIDENT || raisedBy != null && raisedBy == viewer.userId();
	}

	public static String abbreviate(String s) {
		return s == null || s.length() <= 60 ? s : s.substring(0, 60) + "…";
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	/** Residents who backed an appeal (+1), to be told how it goes. */
	public List<Long> supporters(long appealId) {
		return jdbc.sql("select user_id from appeal_supporter where appeal_id = :a").param("a", appealId).query(Long.class).list();
	}

	// ---- one appeal ----

	public record TimelineEntry(Instant at, String action, String label, AppealStatus to, SupervisionLevel level, String actor,
			String note, Instant dueAt) {
	}

	/** A photo and whose it is: the raiser's at intake, or the handler's with the result. */
	public record Photo(int seq, String stage) {

		public String label() {
			return "RESULT".equals(stage) ? "办理结果照片（承办单位上传）" : "反映时上传的照片";
		}
	}

	/** An extra question's answer with its label, as the category defines it (e.g. 是否有人被困在电梯内：有人被困). */
	public record Attribute(String code, String label, String value) {
	}

	public record AppealDetail(AppealRow row, String body, String categoryName, String houseLabel, String contactPhone,
			String channel, String channelLabel, Instant acceptDueAt, Instant acceptedAt, Instant resolveDueAt, String pausedReason,
			Instant resolvedAt, Boolean resolvedOnTime, String result, String ratingReason, String assignee, String repeatReason,
			Float repeatSimilarity, List<Long> repeats, List<Photo> photos, List<TimelineEntry> timeline, List<Attribute> attributes,
			boolean mineToRate) {

		/** The photos of one stage (INTAKE or RESULT), to be shown under whose they are. */
		public List<Photo> photosAt(String stage) {
			return photos.stream().filter(p -> p.stage().equals(stage)).toList();
		}
	}

	/** One appeal as the caller may see it; the raiser's house and phone only for the raiser, the handler and the supervisors. */
	public AppealDetail detail(Actor actor, long id) {
		var scope = AppealScope.of(actor, clock);
		var rows = rows(actor, "where a.id = :id and " + scope.sql(), merge(scope.params(), Map.of("id", id)));
		if (rows.isEmpty()) {
			throw DomainException.notFound("诉求");
		}
		var row = rows.get(0);
		record Extra(String body, Long houseId, String phone, String channel, Instant acceptDue, Instant acceptedAt, Instant resolveDue,
				String pausedReason, Instant resolvedAt, Boolean onTime, String result, String ratingReason, Long staffId,
				String repeatReason, Float similarity, Long raisedBy, String attributes, String client) {
		}
		var x = jdbc.sql("""
				select a.body, a.house_id, a.contact_phone, a.channel, a.accept_due_at, a.accepted_at, a.resolve_due_at, a.paused_reason,
				  a.resolved_at, a.resolved_on_time, a.result, a.rating_reason, a.assignee_staff_id, a.repeat_reason, a.repeat_similarity,
				  a.raised_by, a.attributes, oc.name as client
				from appeal a left join open311_client oc on oc.id = a.open311_client where a.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Extra(rs.getString(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getString(4), instant(rs, "accept_due_at"),
					instant(rs, "accepted_at"), instant(rs, "resolve_due_at"), rs.getString(8), instant(rs, "resolved_at"),
					(Boolean) rs.getObject(10, Boolean.class), rs.getString(11), rs.getString(12), (Long) rs.getObject(13, Long.class),
					rs.getString(14), (Float) rs.getObject(15, Float.class), (Long) rs.getObject(16, Long.class), rs.getString(17),
					rs.getString("client")))
			.single();
		boolean raiser = x.raisedBy() != null && x.raisedBy() == actor.userId();
		boolean personal = personal(actor, x.raisedBy());
		String house = personal && x.houseId() != null ? directory.houseLabels(actor.scope(), List.of(x.houseId())).get(x.houseId()) : null;
		String assignee = x.staffId() == null ? null : directory.staffNames(actor.scope(), List.of(x.staffId())).get(x.staffId());
		var repeats = jdbc.sql("select id from appeal where repeat_of = :id order by id").param("id", id).query(Long.class).list();
		// a backer sees the handler's result photos, never the raiser's own (they may show the inside of a flat)
		var photos = jdbc.sql("select seq, stage from appeal_photo where appeal_id = :id" + (personal ? "" : " and stage = 'RESULT'") + " order by seq")
			.param("id", id)
			.query((rs, n) -> new Photo(rs.getInt(1), rs.getString(2))).list();
		var timeline = jdbc.sql("select at, action, to_status, level, actor_name, note, due_at, actor_role from appeal_event where appeal_id = :id order by id")
			.param("id", id)
			.query((rs, n) -> new TimelineEntry(instant(rs, "at"), rs.getString(2), TimelineLabels.of(rs.getString(2)),
					AppealStatus.valueOf(rs.getString(3)), SupervisionLevel.valueOf(rs.getString(4)),
					personal ? rs.getString(5) : TimelineLabels.anonymous(rs.getString(5), rs.getString(8)),
					personal ? rs.getString(6) : text.forPublic(rs.getString(6)), instant(rs, "due_at")))
			.list();
		String channelLabel = switch (x.channel()) {
			case "APP" -> "居民手机端";
			case "PATROL" -> "巡查上报";
			case "OPEN311" -> "外部平台" + (x.client() == null ? "" : "（" + x.client() + "）");
			default -> x.channel();
		};
		return new AppealDetail(row, personal ? x.body() : text.forPublic(x.body()), row.categoryName(), house,
				personal ? x.phone() : null, x.channel(), channelLabel, x.acceptDue(), x.acceptedAt(), x.resolveDue(),
				personal ? x.pausedReason() : text.forPublic(x.pausedReason()), x.resolvedAt(), x.onTime(),
				personal ? x.result() : text.forPublic(x.result()), personal ? x.ratingReason() : text.forPublic(x.ratingReason()), assignee,
				x.repeatReason(), x.similarity(), repeats, photos, timeline, personal ? attributes(row.category(), x.attributes()) : List.of(),
				raiser && actor.role() == Role.RESIDENT && row.status() == AppealStatus.RESOLVED);
	}

	/** The answers to a category's extra questions, labelled as the category asks them. */
	private List<Attribute> attributes(String category, String answersJson) {
		var answers = new LinkedHashMap<String, String>();
		json.readTree(answersJson).properties().forEach(e -> answers.put(e.getKey(), e.getValue().asString()));
		if (answers.isEmpty()) {
			return List.of();
		}
		var questions = questions(category);
		var out = new ArrayList<Attribute>();
		answers.forEach((code, value) -> {
			var q = questions.stream().filter(x -> x.code().equals(code)).findFirst();
			String shown = q.flatMap(x -> x.options().stream().filter(o -> o.key().equals(value)).findFirst()).map(Option::name).orElse(value);
			out.add(new Attribute(code, q.map(Question::label).orElse(code), shown));
		});
		return out;
	}

	/**
	 * For pages: whether the caller may act as handler / supervisor on an appeal it can see.
	 *
	 * @param direct may also order, reassign and confirm: the level holding the appeal or one above, and not its handler
	 */
	public record Abilities(boolean handle, boolean supervise, boolean direct, boolean rate) {
	}

	public Abilities abilities(Actor actor, long id) {
		var a = steps.visible(actor, id, null);
		boolean handle = AppealPermissions.canHandle(actor, a);
		boolean supervise = AppealPermissions.canSupervise(actor, a);
		return new Abilities(handle, supervise, supervise && !handle && AppealPermissions.atOrAbove(actor, a),
				actor.role() == Role.RESIDENT && a.raisedBy(actor.userId()) && a.status() == AppealStatus.RESOLVED);
	}

	/** The storage key of a photo of an appeal the caller can see. */
	public String photoKey(Actor actor, long id, int seq) {
		var scope = AppealScope.of(actor, clock);
		// a backer and the committee see the handler's result photos, never the raiser's own
		String backer = actor.role() == Role.RESIDENT ? " and (a.raised_by = :viewer or p.stage = 'RESULT')"
				: actor.role() == Role.COMMITTEE ? " and p.stage = 'RESULT'" : "";
		return jdbc.sql("select p.storage_key from appeal_photo p join appeal a on a.id = p.appeal_id where a.id = :id and p.seq = :seq and "
				+ scope.sql() + backer)
			.param("viewer", actor.userId())
			.params(scope.params()).param("id", id).param("seq", seq).query(String.class).optional()
			.orElseThrow(() -> DomainException.notFound("照片"));
	}

	/** The compounds and houses a caller may raise appeals for. */
	public record Place(Long houseId, Long compoundId, String label) {
	}

	public List<Place> placesFor(Actor actor) {
		var places = new ArrayList<Place>();
		if (actor.role() == Role.RESIDENT) {
			var labels = directory.houseLabels(actor.scope(), actor.scope().houseIds());
			var compounds = directory.compoundNames(actor.scope().compoundIds());
			for (var h : actor.scope().houseIds()) {
				var facts = directory.houseFacts(h).orElseThrow();
				places.add(new Place(h, facts.compoundId(), compounds.get(facts.compoundId()) + " " + labels.get(h)));
			}
			for (var c : new HashSet<>(actor.scope().compoundIds())) {
				places.add(new Place(null, c, compounds.get(c) + " 公共部位（楼道、电梯、绿地等）"));
			}
		}
		else if (actor.role() == Role.STAFF) {
			directory.compoundNames(actor.scope().compoundIds()).forEach((id, name) -> places.add(new Place(null, id, name + "（巡查上报）")));
		}
		places.sort(java.util.Comparator.comparing(Place::label));
		return places;
	}

	/** The compounds a caller's lists can be narrowed to, by name. */
	public Map<Long, String> compoundsToFilter(Actor actor) {
		var scope = AppealScope.of(actor, clock);
		var ids = jdbc.sql("select distinct a.compound_id from appeal a where " + scope.sql()).params(scope.params()).query(Long.class).list();
		var names = directory.compoundNames(ids);
		var sorted = new java.util.TreeMap<String, Long>();
		names.forEach((id, name) -> sorted.put(name + "#" + id, id));
		var out = new LinkedHashMap<Long, String>();
		sorted.forEach((key, id) -> out.put(id, names.get(id)));
		return out;
	}

	public record Category(String code, String name, String description) {
	}

	/** An extra question a category asks (the Open311 service attributes): e.g. whether someone is trapped in the lift. */
	public record Question(String code, String label, boolean required, List<Option> options) {
	}

	public record Option(String key, String name) {
	}

	/** The extra questions of a category; none for an unknown one. */
	public List<Question> questions(String category) {
		if (category == null || category.isBlank()) {
			return List.of();
		}
		var definitions = json.readTree(jdbc.sql("select attributes::text from appeal_category where code = :c").param("c", category.strip())
			.query(String.class).optional().orElse("[]"));
		var out = new ArrayList<Question>();
		for (var q : definitions) {
			var options = new ArrayList<Option>();
			for (var v : q.path("values")) {
				options.add(new Option(v.path("key").asString(), v.path("name").asString()));
			}
			out.add(new Question(q.path("code").asString(), q.path("description").asString(), q.path("required").asBoolean(false), options));
		}
		return out;
	}

	public List<Category> categories() {
		return jdbc.sql("select code, name, description from appeal_category order by sort")
			.query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3))).list();
	}

	/** Staff of the handling company who serve the appeal's compound, when the caller handles it for a company. */
	public List<RegistryDirectory.StaffEntry> staffFor(Actor actor, long id) {
		var a = steps.visible(actor, id, null);
		if (a.handlerKind() != HandlerKind.COMPANY || !AppealPermissions.canHandle(actor, a)) {
			return List.of();
		}
		return directory.staffServing(a.handlerCompanyId(), a.compoundId());
	}

	static Map<String, Object> merge(Map<String, ?> a, Map<String, ?> b) {
		var m = new HashMap<String, Object>(a);
		m.putAll(b);
		return m;
	}
}
