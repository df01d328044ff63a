package cn.linli.appeal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Reads appeals for queues, boards and pages — always through {@link AppealScope}. */
@Service
@Transactional(readOnly = true)
public class AppealQueries {

	/** The handler's clock: accept until accepted, then resolve (stopped while waiting for the resident). */
	static final String HANDLER_DUE = """
			case when a.status in ('SUBMITTED', 'REJECTED_ROUTE') then a.accept_due_at
			     when a.status in ('ACCEPTED', 'IN_PROGRESS', 'REOPENED') and a.paused_at is null then a.resolve_due_at end""";

	private static final String COLUMNS = """
			a.id, a.version, a.kind, a.category, ac.name as category_name, a.urgency, a.status, a.level, a.compound_id, a.building_id,
			a.created_at, a.handler_kind, a.handler_company_id, a.external_handler, a.paused_at, a.supervise_due_at, a.repeat_of,
			a.supporters, a.rating, a.body, a.raised_by, """ + HANDLER_DUE + " as handler_due";

	private final JdbcClient jdbc;
	private final RegistryApi registry;
	private final AppealText text;
	private final Clock clock;
	private final tools.jackson.databind.json.JsonMapper json;

	AppealQueries(JdbcClient jdbc, RegistryApi registry, AppealText text, Clock clock, tools.jackson.databind.json.JsonMapper json) {
		this.json = json;
		this.jdbc = jdbc;
		this.registry = registry;
		this.text = text;
		this.clock = clock;
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
	public List<AppealRow> queue(Actor actor) {
		var scope = AppealScope.of(actor);
		String mine = switch (actor.role()) {
			case COMPANY_ADMIN, STAFF -> "a.handler_kind = 'COMPANY' and a.status in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'REOPENED')";
			case COMMUNITY -> "((a.handler_kind <> 'COMPANY' and a.status in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'REOPENED'))"
					+ " or a.status = 'REJECTED_ROUTE')";
			default -> "false";
		};
		return rows(actor, "where " + scope.sql() + " and " + mine + " order by handler_due nulls last, a.id limit 500", scope.params());
	}

	/** 督办: what has climbed to my level in my region and is not closed, the most urgent first. */
	public List<AppealRow> board(Actor actor, boolean everythingEscalated) {
		if (!actor.scope().isRegional()) {
			throw DomainException.forbidden("督办台仅供社区、街道、区县和市住建局使用");
		}
		var scope = AppealScope.of(actor);
		var params = new HashMap<>(scope.params());
		String level;
		if (everythingEscalated) {
			level = "a.level <> 'HANDLER'";
		}
		else {
			params.put("level", SupervisionLevel.ofRegionCodeLength(actor.scope().regionCode().length()).name());
			level = "a.level = :level";
		}
		return rows(actor, "where " + scope.sql() + " and " + level + " and a.status <> 'CLOSED' order by a.supervise_due_at nulls last, a.id limit 500",
				params);
	}

	/** A resident's own appeals and those it backed. */
	public List<AppealRow> mine(Actor actor) {
		var scope = AppealScope.of(actor);
		return rows(actor, "where " + scope.sql() + " order by a.created_at desc limit 200", scope.params());
	}

	public PageResponse<AppealRow> search(Actor actor, AppealStatus status, PageRequest page) {
		var scope = AppealScope.of(actor);
		var params = new HashMap<>(scope.params());
		String where = "where " + scope.sql();
		if (status != null) {
			where += " and a.status = :status";
			params.put("status", status.name());
		}
		long total = jdbc.sql("select count(*) from appeal a " + where).params(params).query(Long.class).single();
		params.put("limit", page.size());
		params.put("offset", page.offset());
		var content = rows(actor, where + " order by a.created_at desc, a.id desc limit :limit offset :offset", params);
		return new PageResponse<>(content, page.page(), page.size(), total);
	}

	/** Open appeals about a compound's common parts in a category, for the resident to back (+1) instead of filing again; texts as the public sees them. */
	public List<AppealRow> openLike(Actor actor, long compoundId, String category) {
		if (actor.role() != Role.RESIDENT || !actor.scope().compoundIds().contains(compoundId)) {
			return List.of();
		}
		var rows = rows(actor, """
				where a.compound_id = :c and a.category = :cat and a.status not in ('RESOLVED', 'CLOSED') and a.house_id is null
				  and a.raised_by is distinct from :me
				order by a.created_at desc limit 20""", Map.of("c", compoundId, "cat", category, "me", actor.userId()));
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
		var compounds = registry.compoundNames(raws.stream().map(Raw::compoundId).collect(java.util.stream.Collectors.toSet()));
		var buildings = registry.buildingNames(raws.stream().map(Raw::buildingId).filter(java.util.Objects::nonNull)
			.collect(java.util.stream.Collectors.toSet()));
		var companies = registry.companyNames(raws.stream().map(Raw::companyId).filter(java.util.Objects::nonNull)
			.collect(java.util.stream.Collectors.toSet()));
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

	/** Whether the viewer may read the raiser's own words: everyone in scope except a resident who only backed it. */
	private static boolean personal(Actor viewer, Long raisedBy) {
		return viewer.role() != Role.RESIDENT || raisedBy != null && raisedBy == viewer.userId();
	}

	static String abbreviate(String s) {
		return s == null || s.length() <= 60 ? s : s.substring(0, 60) + "…";
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
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

	public record Photo(int seq, String stage) {
	}

	public record AppealDetail(AppealRow row, String body, String categoryName, String houseLabel, String contactPhone,
			String channel, Instant acceptDueAt, Instant acceptedAt, Instant resolveDueAt, String pausedReason, Instant resolvedAt,
			Boolean resolvedOnTime, String result, String ratingReason, String assignee, String repeatReason, Float repeatSimilarity,
			List<Long> repeats, List<Photo> photos, List<TimelineEntry> timeline, Map<String, String> attributes, boolean mineToRate) {
	}

	/** One appeal as the caller may see it; the raiser's house and phone only for the raiser, the handler and the supervisors. */
	public AppealDetail detail(Actor actor, long id) {
		var scope = AppealScope.of(actor);
		var rows = rows(actor, "where a.id = :id and " + scope.sql(), merge(scope.params(), Map.of("id", id)));
		if (rows.isEmpty()) {
			throw DomainException.notFound("诉求");
		}
		var row = rows.get(0);
		record Extra(String body, Long houseId, String phone, String channel, Instant acceptDue, Instant acceptedAt, Instant resolveDue,
				String pausedReason, Instant resolvedAt, Boolean onTime, String result, String ratingReason, Long staffId,
				String repeatReason, Float similarity, Long raisedBy, String attributes) {
		}
		var x = jdbc.sql("""
				select body, house_id, contact_phone, channel, accept_due_at, accepted_at, resolve_due_at, paused_reason, resolved_at,
				  resolved_on_time, result, rating_reason, assignee_staff_id, repeat_reason, repeat_similarity, raised_by, attributes
				from appeal where id = :id""")
			.param("id", id)
			.query((rs, n) -> new Extra(rs.getString(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getString(4), instant(rs, "accept_due_at"),
					instant(rs, "accepted_at"), instant(rs, "resolve_due_at"), rs.getString(8), instant(rs, "resolved_at"),
					(Boolean) rs.getObject(10, Boolean.class), rs.getString(11), rs.getString(12), (Long) rs.getObject(13, Long.class),
					rs.getString(14), (Float) rs.getObject(15, Float.class), (Long) rs.getObject(16, Long.class), rs.getString(17)))
			.single();
		boolean raiser = x.raisedBy() != null && x.raisedBy() == actor.userId();
		boolean personal = personal(actor, x.raisedBy());
		String house = personal && x.houseId() != null ? registry.houseLabels(List.of(x.houseId())).get(x.houseId()) : null;
		String assignee = x.staffId() == null ? null : registry.staffNames(List.of(x.staffId())).get(x.staffId());
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
		Map<String, String> attributes = new java.util.TreeMap<>();
		json.readTree(x.attributes()).properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asString()));
		return new AppealDetail(row, personal ? x.body() : text.forPublic(x.body()), row.categoryName(), house,
				personal ? x.phone() : null, x.channel(), x.acceptDue(), x.acceptedAt(), x.resolveDue(),
				personal ? x.pausedReason() : text.forPublic(x.pausedReason()), x.resolvedAt(), x.onTime(),
				personal ? x.result() : text.forPublic(x.result()), personal ? x.ratingReason() : text.forPublic(x.ratingReason()), assignee,
				x.repeatReason(), x.similarity(), repeats, photos, timeline, personal ? attributes : Map.of(),
				raiser && actor.role() == Role.RESIDENT && row.status() == AppealStatus.RESOLVED);
	}

	/** The storage key of a photo of an appeal the caller can see. */
	public String photoKey(Actor actor, long id, int seq) {
		var scope = AppealScope.of(actor);
		String backer = actor.role() == Role.RESIDENT ? " and (a.raised_by = :viewer or p.stage = 'RESULT')" : "";
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
			var labels = registry.houseLabels(actor.scope().houseIds());
			var compounds = registry.compoundNames(actor.scope().compoundIds());
			for (var h : actor.scope().houseIds()) {
				var facts = registry.houseFacts(h).orElseThrow();
				places.add(new Place(h, facts.compoundId(), compounds.get(facts.compoundId()) + " " + labels.get(h)));
			}
			for (var c : new HashSet<>(actor.scope().compoundIds())) {
				places.add(new Place(null, c, compounds.get(c) + " 公共部位（楼道、电梯、绿地等）"));
			}
		}
		else if (actor.role() == Role.STAFF) {
			registry.compoundNames(actor.scope().compoundIds()).forEach((id, name) -> places.add(new Place(null, id, name + "（巡查上报）")));
		}
		places.sort(java.util.Comparator.comparing(Place::label));
		return places;
	}

	public record Category(String code, String name, String description) {
	}

	public List<Category> categories() {
		return jdbc.sql("select code, name, description from appeal_category order by sort")
			.query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3))).list();
	}

	String handlerKind(long id) {
		return jdbc.sql("select handler_kind from appeal where id = :id").param("id", id).query(String.class).single();
	}

	/** Staff of the handling company who serve the appeal's compound (the caller already passed the handler check). */
	public List<RegistryApi.StaffEntry> staffFor(Actor actor, long id) {
		var d = jdbc.sql("select handler_company_id, compound_id from appeal where id = :id").param("id", id)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		return registry.staffServing(d[0], d[1]);
	}

	static Map<String, Object> merge(Map<String, ?> a, Map<String, ?> b) {
		var m = new HashMap<String, Object>(a);
		m.putAll(b);
		return m;
	}
}
