package cn.linli.appeal.open311;

import static cn.linli.appeal.open311.Open311Format.fields;
import static cn.linli.appeal.open311.Open311Format.w3c;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.Rating;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.appeal.text.AppealText;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.time.TimeConfiguration;

/**
 * What Open311 reads: the categories as services and appeals as service requests. Requests are
 * public, so they carry only what the public column shows — the text as {@link AppealText#forPublic}
 * masks it, the compound and building but never the house, no phone, no raiser.
 */
@Service
@Transactional(readOnly = true)
class Open311Queries {

	static final int MAX_ROWS = 1000;
	static final Duration MAX_WINDOW = Duration.ofDays(90);
	private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.ZONE);

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final AppealText text;
	private final JsonMapper json;

	Open311Queries(JdbcClient jdbc, RegistryDirectory directory, AppealText text, JsonMapper json) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.text = text;
		this.json = json;
	}

	// ---- services ----

	record Value(String key, String name) {
	}

	/** An extra question of a category, as {@code appeal_category.attributes} defines it. */
	record Attribute(String code, String datatype, boolean required, String datatypeDescription, int order, String description,
			List<Value> values) {

		Map<String, Object> toOpen311() {
			return fields("variable", true, "code", code, "datatype", datatype, "required", required, "datatype_description",
					datatypeDescription, "order", order, "description", description,
					"values", values.stream().map(v -> fields("key", v.key(), "name", v.name())).toList());
		}
	}

	record Category(String code, String name, String description, List<Attribute> attributes) {
	}

	List<Category> categories() {
		return jdbc.sql("select code, name, description, attributes::text from appeal_category order by sort")
			.query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), attributes(rs.getString(4)))).list();
	}

	Optional<Category> category(String code) {
		return categories().stream().filter(c -> c.code().equals(code)).findFirst();
	}

	List<Map<String, Object>> services() {
		return categories().stream().map(c -> fields("service_code", c.code(), "service_name", c.name(), "description", c.description(),
				"metadata", !c.attributes().isEmpty(), "type", "realtime", "keywords", keywords(c), "group", "物业")).toList();
	}

	Map<String, Object> definition(Category c) {
		return fields("service_code", c.code(), "attributes", c.attributes().stream().map(Attribute::toOpen311).toList());
	}

	/** The words of the name and the description, which is how people name the problem. */
	private static String keywords(Category c) {
		return java.util.stream.Stream.of((c.name() + "/" + c.description()).split("[/、，,；;]")).map(String::strip)
			.filter(s -> !s.isEmpty()).distinct().collect(Collectors.joining(", "));
	}

	private List<Attribute> attributes(String jsonText) {
		var out = new ArrayList<Attribute>();
		int i = 0;
		for (JsonNode a : json.readTree(jsonText == null ? "[]" : jsonText)) {
			i++;
			var values = new ArrayList<Value>();
			for (JsonNode v : a.path("values")) {
				values.add(new Value(v.path("key").asString(""), v.path("name").asString("")));
			}
			String datatype = a.path("datatype").asString("string");
			String described = a.path("datatype_description").asString("");
			if (described.isEmpty() && !values.isEmpty()) {
				described = (datatype.equals("multivaluelist") ? "可多选：" : "请选择其一：")
						+ values.stream().map(v -> v.key() + "（" + v.name() + "）").collect(Collectors.joining("、"));
			}
			out.add(new Attribute(a.path("code").asString(""), datatype, a.path("required").asBoolean(false), described,
					a.path("order").asInt(i), a.path("description").asString(""), values));
		}
		return out;
	}

	// ---- requests ----

	/** {@code ids} overrides everything else, as the spec says; {@code closed} null means both. */
	record Filter(List<Long> ids, List<String> codes, Instant start, Instant end, Boolean closed) {
	}

	private static final String COLUMNS = """
			select a.id, a.category, ac.name as category_name, a.status, a.body, a.compound_id, a.building_id, a.handler_kind,
			  a.handler_company_id, a.external_handler, a.created_at, a.updated_at, a.accept_due_at, a.resolve_due_at,
			  a.resolve_minutes, a.paused_at, a.rating, a.closed_reason, a.intake_token
			from appeal a join appeal_category ac on ac.code = a.category
			""";

	private record Row(long id, String category, String categoryName, AppealStatus status, String body, long compoundId, Long buildingId,
			HandlerKind handlerKind, Long companyId, String external, Instant createdAt, Instant updatedAt, Instant acceptDue,
			Instant resolveDue, int resolveMinutes, boolean paused, Rating rating, String closedReason, UUID token) {

		/** The resolve deadline once accepted; before that, what it will be if accepted in time. */
		Instant expected() {
			return resolveDue != null ? resolveDue : acceptDue.plus(Duration.ofMinutes(resolveMinutes));
		}
	}

	List<Map<String, Object>> search(Filter f) {
		var where = new ArrayList<String>();
		var params = new HashMap<String, Object>();
		if (f.ids() != null && !f.ids().isEmpty()) {
			where.add("a.id in (:ids)");
			params.put("ids", f.ids());
		}
		else {
			where.add("a.created_at >= :start and a.created_at <= :end");
			params.put("start", Timestamp.from(f.start()));
			params.put("end", Timestamp.from(f.end()));
			if (f.codes() != null && !f.codes().isEmpty()) {
				where.add("a.category in (:codes)");
				params.put("codes", f.codes());
			}
			if (f.closed() != null) {
				where.add(f.closed() ? "a.status = 'CLOSED'" : "a.status <> 'CLOSED'");
			}
		}
		params.put("limit", MAX_ROWS);
		return present(rows("where " + String.join(" and ", where) + " order by a.created_at desc, a.id desc limit :limit", params));
	}

	Optional<Map<String, Object>> request(long id) {
		return present(rows("where a.id = :id", Map.of("id", id))).stream().findFirst();
	}

	Optional<Long> byToken(UUID token) {
		return jdbc.sql("select id from appeal where intake_token = :t").param("t", token).query(Long.class).optional();
	}

	/** What the client is told right after filing: the token to follow it by and who signs for it by when. */
	record Receipt(long id, UUID token, String notice) {
	}

	Receipt receipt(long id) {
		var row = rows("where a.id = :id", Map.of("id", id)).get(0);
		String agency = agencies(List.of(row)).get(row.id());
		return new Receipt(id, row.token(), "已受理，将由" + agency + "在 " + NOTICE_TIME.format(row.acceptDue()) + " 前签收，预计 "
				+ NOTICE_TIME.format(row.expected()) + " 前办结");
	}

	private List<Row> rows(String tail, Map<String, ?> params) {
		return jdbc.sql(COLUMNS + tail).params(params)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("category"), rs.getString("category_name"),
					AppealStatus.valueOf(rs.getString("status")), rs.getString("body"), rs.getLong("compound_id"),
					(Long) rs.getObject("building_id", Long.class), HandlerKind.valueOf(rs.getString("handler_kind")),
					(Long) rs.getObject("handler_company_id", Long.class), rs.getString("external_handler"),
					AppealQueries.instant(rs, "created_at"), AppealQueries.instant(rs, "updated_at"), AppealQueries.instant(rs, "accept_due_at"),
					AppealQueries.instant(rs, "resolve_due_at"), rs.getInt("resolve_minutes"), rs.getTimestamp("paused_at") != null,
					rs.getString("rating") == null ? null : Rating.valueOf(rs.getString("rating")), rs.getString("closed_reason"),
					rs.getObject("intake_token", UUID.class)))
			.list();
	}

	private Map<Long, String> agencies(List<Row> rows) {
		var companies = directory.companyNames(rows.stream().map(Row::companyId).filter(Objects::nonNull).collect(Collectors.toSet()));
		var out = new HashMap<Long, String>();
		for (var r : rows) {
			out.put(r.id(), switch (r.handlerKind()) {
				case COMPANY -> companies.getOrDefault(r.companyId(), "物业企业");
				case COMMUNITY -> "社区";
				case EXTERNAL -> r.external();
			});
		}
		return out;
	}

	private List<Map<String, Object>> present(List<Row> rows) {
		var agencies = agencies(rows);
		var buildings = directory.buildingNames(rows.stream().map(Row::buildingId).filter(Objects::nonNull).collect(Collectors.toSet()));
		var compounds = new HashMap<Long, Optional<RegistryDirectory.CompoundFacts>>();
		var out = new ArrayList<Map<String, Object>>(rows.size());
		for (var r : rows) {
			var compound = compounds.computeIfAbsent(r.compoundId(), directory::compoundFacts);
			String address = compound.map(RegistryDirectory.CompoundFacts::name).orElse("")
					+ (r.buildingId() == null ? "" : " " + buildings.getOrDefault(r.buildingId(), ""));
			String agency = agencies.get(r.id());
			out.add(fields("service_request_id", r.id(), "status", r.status().open311(), "status_notes", statusNotes(r),
					"service_name", r.categoryName(), "service_code", r.category(), "description", text.forPublic(r.body()),
					"agency_responsible", agency, "service_notice", notice(r, agency), "requested_datetime", w3c(r.createdAt()),
					"updated_datetime", w3c(r.updatedAt()), "expected_datetime", w3c(r.expected()), "address", address.strip(),
					"address_id", "compound-" + r.compoundId(), "zipcode", "",
					"lat", compound.map(RegistryDirectory.CompoundFacts::latitude).orElse(null),
					"long", compound.map(RegistryDirectory.CompoundFacts::longitude).orElse(null), "media_url", ""));
		}
		return out;
	}

	private static String statusNotes(Row r) {
		if (r.status() != AppealStatus.CLOSED) {
			return r.status().label();
		}
		if (r.rating() != null) {
			return "居民评价：" + r.rating().label();
		}
		return switch (r.closedReason() == null ? "" : r.closedReason()) {
			case "UNRATED" -> "居民未在期限内评价，自动办结";
			case "CONFIRMED" -> "经核实已解决";
			default -> AppealStatus.CLOSED.label();
		};
	}

	private static String notice(Row r, String agency) {
		return switch (r.status()) {
			case SUBMITTED -> "由" + agency + "在 " + NOTICE_TIME.format(r.acceptDue()) + " 前签收";
			case REJECTED_ROUTE -> "承办单位提出派单异议，由社区重新派单";
			case ACCEPTED, IN_PROGRESS, REOPENED -> r.paused() ? "等待居民配合，暂停计时"
					: "由" + agency + "在 " + NOTICE_TIME.format(r.expected()) + " 前办结";
			case RESOLVED -> "已反馈办理结果，等待居民评价";
			case CLOSED -> "已办结";
		};
	}
}
