package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import cn.linli.shared.upload.UploadStore;

/**
 * Walks every operation of {@code /v3/api-docs} (and the Open311 endpoints, which it does not
 * list) and every form of the pages a crawl reaches, replacing each parameter and body field in
 * turn with hostile values — control characters, bidirectional overrides, broken UTF-8, numbers
 * and dates out of range, nulls in lists, wrong types, huge texts — and sending malformed
 * multipart bodies and thousands of parameters, as anonymous and as signed-in users. Nothing may
 * answer 5xx, and a refused request may not have written anything: the row counts (and newest
 * row versions) of all tables and the files in the upload directory are compared around every
 * refusal that let PostgreSQL hand out a transaction id.
 */
@HardeningContext
class HostileInputFuzzTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Query and path values, already URL-encoded as a client would (or would not) encode them. */
	static final List<String> URL_VALUES = List.of("%E6%B5%8B%E2%80%AEgnp.exe", "a%00b", "%C3%28", "%0A", "99999999999999999999", "-1",
			"%2B300000-01-01T00%3A00%3A00Z", "x".repeat(3000));

	/** Form field values, in clear. */
	static final List<String> FORM_VALUES = List.of("测\u202Egnp.exe名", "a\u0000b", "\n\r", "99999999999999999999", "-1",
			"+300000-01-01T00:00:00Z", "x".repeat(5000), "");

	static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1 };

	/** Would end the fuzzing session itself. */
	static final Set<String> SKIPPED = Set.of("POST /api/v1/auth/revoke", "POST /logout");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UploadStore uploads;

	@Autowired
	JsonMapper json;

	final List<String> failures = new ArrayList<>();
	Http anonymous;
	Fingerprint baseline;
	long xid;
	int requests;
	int fingerprints;

	// ---- the walk ----

	@Test
	void noHostileRequestMakesA5xxOrWritesAnything() throws Exception {
		long started = System.nanoTime();
		var http = new Http(port);
		anonymous = http;
		var api = json.readTree(http.get("/v3/api-docs").body());
		settle();
		var callers = new LinkedHashMap<String, String>();
		callers.put("anonymous", null);
		callers.put("city", http.token("city"));
		callers.put("resident", http.token("resident"));
		callers.put("committee", http.token("committee"));
		// issuing the tokens wrote rows; the walk starts from here
		settle();
		int operations = 0;
		for (var path : api.get("paths").properties()) {
			for (var op : path.getValue().properties()) {
				operations++;
				for (var caller : callers.entrySet()) {
					operation(http, api, path.getKey(), op.getKey().toUpperCase(), op.getValue(), caller.getKey(), caller.getValue());
				}
			}
		}
		assertThat(operations).as("operations in /v3/api-docs").isGreaterThan(50);
		System.out.printf("fuzz: API %d requests, %d fingerprints in %.1f s%n", requests, fingerprints, (System.nanoTime() - started) / 1e9);
		open311(http);
		int forms = 0;
		forms += pages(Http.withCookies(port), "anonymous", List.of("/login", "/app/signup", "/public/compounds/1"));
		for (String user : List.of("city", "community", "staff", "committee", "resident", "company", "admin")) {
			forms += pages(Http.session(port, user), user, List.of("/home", "/app"));
		}
		assertThat(forms).as("forms found on the pages").isGreaterThan(20);
		System.out.printf("fuzz: %d requests, %d fingerprints (%d operations, %d forms) in %.1f s%n", requests, fingerprints, operations, forms,
				(System.nanoTime() - started) / 1e9);
		assertThat(failures).isEmpty();
	}

	// ---- API operations ----

	private void operation(Http http, JsonNode api, String template, String method, JsonNode op, String caller, String token) throws Exception {
		if (SKIPPED.contains(method + " " + template)) {
			return;
		}
		var params = new ArrayList<JsonNode>();
		op.path("parameters").forEach(params::add);
		var path = new LinkedHashMap<String, String>();
		var query = new LinkedHashMap<String, String>();
		for (var p : params) {
			String value = base(p.path("schema"), p.get("name").asString());
			if ("path".equals(p.get("in").asString())) {
				path.put(p.get("name").asString(), value);
			}
			else if ("query".equals(p.get("in").asString())) {
				query.put(p.get("name").asString(), URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		var content = op.path("requestBody").path("content");
		JsonNode jsonSchema = content.has("application/json") ? resolve(api, content.get("application/json").get("schema")) : null;
		JsonNode multipartSchema = content.has("multipart/form-data") ? resolve(api, content.get("multipart/form-data").get("schema")) : null;
		ObjectNode body = jsonSchema == null ? null : (ObjectNode) example(api, jsonSchema, 0);
		Map<String, String> fields = multipartSchema == null ? null : multipartFields(api, multipartSchema);

		var variants = new ArrayList<Variant>();
		variants.add(new Variant("base", path, query, body == null ? null : body.toString(), fields, false, false));
		for (String name : path.keySet()) {
			for (String v : URL_VALUES) {
				var p = new LinkedHashMap<>(path);
				p.put(name, v);
				variants.add(new Variant("path " + name + "=" + abbreviate(v), p, query, body == null ? null : body.toString(), fields, false, refused(v)));
			}
		}
		for (String name : query.keySet()) {
			for (String v : URL_VALUES) {
				var q = new LinkedHashMap<>(query);
				q.put(name, v);
				variants.add(new Variant("query " + name + "=" + abbreviate(v), path, q, body == null ? null : body.toString(), fields, false, refused(v)));
			}
		}
		var many = new LinkedHashMap<>(query);
		IntStream.range(0, 800).forEach(i -> many.put("p" + i, "1"));
		variants.add(new Variant("800 query parameters", path, many, body == null ? null : body.toString(), fields, false, true));
		if (body != null && token != null) {
			for (String field : names(body)) {
				for (JsonNode hostile : hostileJson()) {
					var mutated = body.deepCopy();
					mutated.set(field, hostile);
					variants.add(new Variant("json " + field + "=" + abbreviate(hostile.toString()), path, query, mutated.toString(), null, false,
							hostile.isString() && refused(hostile.asString())));
				}
			}
			for (String raw : List.of("[null]", "{", "\"text\"", "", "{\"a\":\"\u00C3\u0028\"}", "null")) {
				variants.add(new Variant("json body " + abbreviate(raw), path, query, raw, null, true, refused(raw)));
			}
		}
		if (fields != null) {
			for (String field : fields.keySet()) {
				for (String hostile : FORM_VALUES) {
					var f = new LinkedHashMap<>(fields);
					f.put(field, hostile);
					variants.add(new Variant("multipart " + field + "=" + abbreviate(hostile), path, query, null, f, false, refused(hostile)));
				}
			}
		}
		for (var v : variants) {
			String url = expand(template, v.path()) + queryString(v.query());
			if (v.fields() != null) {
				send(caller, method + " " + url + " [" + v.label() + "]", http.request(url), token, "multipart/form-data; boundary=zz",
						multipart(v.fields()), method, null, v.refuse());
			}
			else if (v.json() != null) {
				byte[] bytes = v.rawLatin1() ? v.json().getBytes(StandardCharsets.ISO_8859_1) : v.json().getBytes(StandardCharsets.UTF_8);
				send(caller, method + " " + url + " [" + v.label() + "]", http.request(url), token, "application/json", bytes, method, null,
						v.refuse());
			}
			else {
				send(caller, method + " " + url + " [" + v.label() + "]", http.request(url), token, null, null, method, null, v.refuse());
			}
		}
		if (fields != null) {
			String url = expand(template, path) + queryString(query);
			for (var broken : malformedMultipart()) {
				send(caller, method + " " + url + " [" + broken.getKey() + "]", http.request(url), token, broken.getValue()[0],
						broken.getValue()[1].getBytes(StandardCharsets.ISO_8859_1), method, null, broken.getKey().contains("in file name"));
			}
		}
	}

	private record Variant(String label, Map<String, String> path, Map<String, String> query, String json, Map<String, String> fields,
			boolean rawLatin1, boolean refuse) {
	}

	/** Values every input refuses ({@code cn.linli.shared.web.input.InputText}): a request carrying one must be answered 4xx. */
	static boolean refused(String value) {
		return value.contains("\u202E") || value.contains("\u0000") || value.contains("%00") || value.contains("%E2%80%AE")
				|| value.contains("%C3%28") || value.contains("\\u0000") || value.contains("\\u202E") || value.contains("\u00C3\u0028");
	}

	static List<JsonNode> hostileJson() {
		return List.of(NODES.stringNode("测\u202Egnp.exe名"), NODES.stringNode("a\u0000b"), NODES.stringNode("x".repeat(10_000)),
				NODES.stringNode("+300000-01-01T00:00:00Z"), NODES.numberNode(new java.math.BigInteger("99999999999999999999")),
				NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.nullNode(), NODES.arrayNode().add(NODES.nullNode()),
				NODES.objectNode());
	}

	private static List<Map.Entry<String, String[]>> malformedMultipart() {
		String field = "--zz\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n楼道灯\r\n";
		String nulName = "--zz\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a\u0000.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
				+ new String(JPEG, StandardCharsets.ISO_8859_1) + "\r\n--zz--\r\n";
		String bidiName = "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ new String("测\u202Egpj.exe".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\"\r\n\r\n%PDF-1.4\r\n--zz--\r\n";
		return List.of(Map.entry("bad boundary", new String[] { "multipart/form-data; boundary=other", field + "--zz--\r\n" }),
				Map.entry("no boundary", new String[] { "multipart/form-data", field + "--zz--\r\n" }),
				Map.entry("unterminated", new String[] { "multipart/form-data; boundary=zz", field }),
				Map.entry("NUL in file name", new String[] { "multipart/form-data; boundary=zz", nulName }),
				Map.entry("bidi in file name", new String[] { "multipart/form-data; boundary=zz", bidiName }),
				Map.entry("garbage", new String[] { "multipart/form-data; boundary=zz", "\u00FF\u00FE\u0000zz--" }));
	}

	private void open311(Http http) throws Exception {
		for (String path : List.of("/open311/v2/services.json", "/open311/v2/requests.json", "/open311/v2/requests/1.xml",
				"/open311/v2/services/FACILITY.json", "/open311/v2/tokens/x.json")) {
			for (String param : List.of("jurisdiction_id", "start_date", "service_request_id", "status")) {
				for (String v : URL_VALUES) {
					send("anonymous", "GET " + path + "?" + param + "=" + abbreviate(v), http.request(path + "?" + param + "=" + v), null, null, null, "GET",
							null, refused(v));
				}
			}
		}
		var base = new LinkedHashMap<String, String>();
		base.put("api_key", "not-a-key");
		base.put("service_code", "FACILITY");
		base.put("description", "电梯困人");
		base.put("address_id", "compound-1");
		base.put("lat", "37.5");
		base.put("long", "122.1");
		base.put("attribute[trapped]", "yes");
		for (String name : base.keySet()) {
			for (String v : FORM_VALUES) {
				var form = new LinkedHashMap<>(base);
				form.put(name, v);
				send("anonymous", "POST /open311/v2/requests.json [" + name + "=" + abbreviate(v) + "]", http.request("/open311/v2/requests.json"),
						null, "application/x-www-form-urlencoded", urlencoded(form), "POST", null, refused(v));
			}
		}
	}

	// ---- pages ----

	private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#]*)\"");
	private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
	private static final Pattern FIELD = Pattern.compile("<(input)\\b([^>]*)>()|<(textarea|select)\\b([^>]*)>(.*?)</\\4>", Pattern.DOTALL);

	/** Crawls two links deep from the start pages and fuzzes every form found; returns the number of forms. */
	private final Set<String> formsSeen = new HashSet<>();

	private int pages(Http http, String caller, List<String> start) throws Exception {
		var seen = new HashSet<String>();
		var frontier = new ArrayList<>(start);
		int forms = 0;
		for (int depth = 0; depth < 5 && !frontier.isEmpty(); depth++) {
			var next = new ArrayList<String>();
			for (String page : frontier) {
				String shape = page.replaceAll("\\d+", "{n}").replaceAll("\\?.*", "");
				if (!seen.add(shape) || seen.size() > 80 || page.endsWith(".csv") || page.startsWith("/webjars") || page.startsWith("/css")
						|| page.startsWith("/js") || page.startsWith("/icons") || page.startsWith("/swagger") || page.startsWith("/logout")) {
					continue;
				}
				var response = http.get(page);
				requests++;
				check(caller, "GET " + page, response);
				String location = response.headers().firstValue("Location").orElse("");
				if (response.statusCode() == 302 && location.startsWith("/")) {
					next.add(location);
					seen.remove(shape);
					continue;
				}
				if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
					continue;
				}
				String html = response.body();
				Matcher links = LINK.matcher(html);
				while (links.find()) {
					next.add(HtmlUtils.htmlUnescape(links.group(1)));
				}
				Matcher form = FORM.matcher(html);
				while (form.find()) {
					String attributes = form.group(1);
					String action = HtmlUtils.htmlUnescape(attribute(attributes, "action", page));
					String method = attribute(attributes, "method", "get").toUpperCase();
					boolean multipart = attribute(attributes, "enctype", "").contains("multipart");
					String formShape = method + " " + action.replaceAll("\\?.*", "").replaceAll("\\d+", "{n}");
					if (SKIPPED.contains(method + " " + action.replaceAll("\\?.*", "")) || !formsSeen.add(formShape)) {
						continue;
					}
					forms++;
					System.out.println("fuzz form: " + caller + " " + method + " " + action + " " + fields(form.group(2)).keySet());
					fuzzForm(http, caller, page, method, action, multipart, fields(form.group(2)));
				}
			}
			frontier = next;
		}
		return forms;
	}

	private void fuzzForm(Http http, String caller, String page, String method, String action, boolean multipart, Map<String, String> base)
			throws Exception {
		var editable = base.keySet().stream().filter(n -> !n.equals("_csrf")).toList();
		var variants = new ArrayList<Map<String, String>>();
		variants.add(base);
		for (String name : editable) {
			for (String v : FORM_VALUES) {
				var form = new LinkedHashMap<>(base);
				form.put(name, v);
				variants.add(form);
			}
		}
		var many = new LinkedHashMap<>(base);
		IntStream.range(0, 3000).forEach(i -> many.put("p" + i, "1"));
		variants.add(many);
		for (var form : variants) {
			String label = method + " " + action + " (form on " + page + ") " + diff(base, form);
			boolean refuse = form.size() > 500 || form.entrySet().stream().anyMatch(e -> !e.getValue().equals(base.get(e.getKey())) && refused(e.getValue()));
			if ("GET".equals(method)) {
				String url = action + (action.contains("?") ? "&" : "?") + new String(urlencoded(form), StandardCharsets.ISO_8859_1);
				send(caller, label, http.request(url).header("Accept", "text/html"), null, null, null, "GET", http, refuse);
			}
			else if (multipart) {
				send(caller, label, http.request(action).header("Accept", "text/html"), null, "multipart/form-data; boundary=zz", multipart(form),
						"POST", http, refuse);
			}
			else {
				send(caller, label, http.request(action).header("Accept", "text/html"), null, "application/x-www-form-urlencoded", urlencoded(form),
						"POST", http, refuse);
			}
		}
		if (multipart) {
			for (var broken : malformedMultipart()) {
				send(caller, "POST " + action + " [" + broken.getKey() + "]", http.request(action).header("Accept", "text/html"), null,
						broken.getValue()[0], broken.getValue()[1].getBytes(StandardCharsets.ISO_8859_1), "POST", http, broken.getKey().contains("in file name"));
			}
		}
	}

	private static String diff(Map<String, String> base, Map<String, String> form) {
		if (form.size() > base.size() + 10) {
			return "[" + form.size() + " fields]";
		}
		return form.entrySet().stream().filter(e -> !e.getValue().equals(base.get(e.getKey())))
			.map(e -> "[" + e.getKey() + "=" + abbreviate(e.getValue()) + "]").collect(Collectors.joining());
	}

	/** The fields a browser would send, with the values the page gives them. */
	static Map<String, String> fields(String form) {
		var fields = new LinkedHashMap<String, String>();
		Matcher m = FIELD.matcher(form);
		while (m.find()) {
			String tag = m.group(1) != null ? m.group(1) : m.group(4);
			String attributes = m.group(1) != null ? m.group(2) : m.group(5);
			String inner = m.group(1) != null ? null : m.group(6);
			String name = attribute(attributes, "name", null);
			String type = attribute(attributes, "type", "text");
			if (name == null || type.equals("submit") || type.equals("button") || (type.equals("checkbox") && !attributes.contains("checked"))) {
				continue;
			}
			String value;
			if (tag.equals("textarea")) {
				value = HtmlUtils.htmlUnescape(inner);
			}
			else if (tag.equals("select")) {
				Matcher option = Pattern.compile("<option\\b[^>]*value=\"([^\"]*)\"").matcher(inner);
				value = option.find() ? HtmlUtils.htmlUnescape(option.group(1)) : "";
			}
			else if (type.equals("file")) {
				value = "\u0000file";
			}
			else {
				value = HtmlUtils.htmlUnescape(attribute(attributes, "value", type.equals("number") ? "1" : type.equals("date") ? "2026-06-01" : "测试"));
			}
			fields.putIfAbsent(name, value);
		}
		return fields;
	}

	static String attribute(String attributes, String name, String otherwise) {
		Matcher m = Pattern.compile("(?:^|\\s)" + name + "=\"([^\"]*)\"").matcher(attributes);
		return m.find() ? m.group(1) : otherwise;
	}

	// ---- sending and checking ----

	private void send(String caller, String label, HttpRequest.Builder request, String token, String contentType, byte[] body, String method,
			Http session, boolean refuse) throws Exception {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		HttpResponse<String> response;
		try {
			response = (session == null ? anonymous : session).client.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException e) {
			// the server may close a connection whose body it refused to read; that is not a 5xx
			return;
		}
		requests++;
		if (refuse && response.statusCode() < 400) {
			failures.add(caller + " " + label + " → " + response.statusCode() + ", accepted what every input refuses");
		}
		check(caller, label, response);
	}

	private void check(String caller, String label, HttpResponse<String> response) throws Exception {
		int status = response.statusCode();
		if (status >= 500) {
			failures.add(caller + " " + label + " → " + status + " " + abbreviate(response.body()));
		}
		long now = xid();
		if (now == xid) {
			return;
		}
		if (status >= 400) {
			var after = fingerprint();
			var changed = baseline.differences(after);
			if (!changed.isEmpty()) {
				failures.add(caller + " " + label + " → " + status + " but wrote " + changed);
			}
		}
		settle();
	}

	/** Waits until background work (event listeners, jobs) has finished, then takes the new baseline. */
	private void settle() throws Exception {
		long last = -1;
		for (int i = 0; i < 100; i++) {
			long open = jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
			long now = xid();
			if (open == 0 && now == last) {
				break;
			}
			last = now;
			Thread.sleep(50);
		}
		baseline = fingerprint();
		xid = xid();
	}

	/** The next transaction id: it moves only when some transaction wrote (or tried to). */
	private long xid() {
		return jdbc.sql("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint").query(Long.class).single();
	}

	/**
	 * Rows and newest row version of every table, and the files in the upload directory. The
	 * login throttle is left out: counting a refused login is its purpose.
	 */
	private Fingerprint fingerprint() throws Exception {
		fingerprints++;
		var tables = new TreeMap<String, String>();
		for (String table : jdbc.sql("select tablename from pg_tables where schemaname = 'public' and tablename <> 'login_throttle' order by 1")
			.query(String.class).list()) {
			tables.put(table, jdbc.sql("select count(*) || '/' || coalesce(max(xmin::text::bigint), 0) from \"" + table + "\"").query(String.class)
				.single());
		}
		long files = 0;
		if (Files.exists(uploads.root())) {
			try (var walk = Files.walk(uploads.root())) {
				files = walk.filter(Files::isRegularFile).count();
			}
		}
		tables.put("(upload files)", String.valueOf(files));
		return new Fingerprint(tables);
	}

	private record Fingerprint(Map<String, String> tables) {

		List<String> differences(Fingerprint after) {
			return after.tables().entrySet().stream().filter(e -> !e.getValue().equals(tables.get(e.getKey())))
				.map(e -> e.getKey() + " " + tables.get(e.getKey()) + "→" + e.getValue()).toList();
		}
	}

	// ---- building requests ----

	private static JsonNode resolve(JsonNode api, JsonNode schema) {
		if (schema != null && schema.has("$ref")) {
			String ref = schema.get("$ref").asString();
			return api.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
		}
		return schema;
	}

	/** A plausible value for the schema, so that one hostile field at a time reaches the code that reads it. */
	private static JsonNode example(JsonNode api, JsonNode schema, int depth) {
		schema = resolve(api, schema);
		String type = schema.path("type").asString("object");
		String format = schema.path("format").asString("");
		return switch (type) {
			case "integer" -> NODES.numberNode(1);
			case "number" -> NODES.numberNode(1.5);
			case "boolean" -> NODES.booleanNode(true);
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				if (depth < 2) {
					array.add(example(api, schema.path("items"), depth + 1));
				}
				yield array;
			}
			case "string" -> NODES.stringNode(switch (format) {
				case "date" -> "2026-06-01";
				case "date-time" -> "2026-06-01T08:00:00Z";
				default -> "测试";
			});
			default -> {
				ObjectNode object = NODES.objectNode();
				if (depth < 2) {
					schema.path("properties").properties().forEach(p -> object.set(p.getKey(), example(api, p.getValue(), depth + 1)));
					if (schema.has("additionalProperties")) {
						object.put("key", "value");
					}
				}
				yield object;
			}
		};
	}

	private static List<String> names(ObjectNode body) {
		var names = new ArrayList<String>();
		body.properties().forEach(e -> names.add(e.getKey()));
		return names;
	}

	private static Map<String, String> multipartFields(JsonNode api, JsonNode schema) {
		var fields = new LinkedHashMap<String, String>();
		schema.path("properties").properties().forEach(p -> {
			var s = resolve(api, p.getValue());
			boolean binary = "binary".equals(s.path("format").asString("")) || "binary".equals(s.path("items").path("format").asString(""));
			fields.put(p.getKey(), binary ? "\u0000file" : example(api, s, 1).asString("1"));
		});
		return fields;
	}

	private static String base(JsonNode schema, String name) {
		return switch (schema.path("type").asString("string")) {
			case "integer" -> name.equals("size") ? "5" : name.equals("page") ? "0" : "1";
			case "boolean" -> "true";
			case "array" -> "1";
			default -> name.equals("code") ? "3710" : name.equals("action") ? "accept" : "测试";
		};
	}

	private static String expand(String template, Map<String, String> path) {
		String url = template;
		for (var e : path.entrySet()) {
			url = url.replace("{" + e.getKey() + "}", e.getValue());
		}
		return url;
	}

	private static String queryString(Map<String, String> query) {
		return query.isEmpty() ? "" : "?" + query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
	}

	/** A multipart body; a field whose value starts with NUL is a file (a JPEG that is also a PDF to the type check). */
	static byte[] multipart(Map<String, String> fields) {
		var out = new ByteArrayOutputStream();
		for (var e : fields.entrySet()) {
			boolean file = e.getValue().startsWith("\u0000file");
			out.writeBytes(("--zz\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"" + (file ? "; filename=\"x.jpg\"\r\nContent-Type: image/jpeg" : "")
					+ "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			out.writeBytes(file ? JPEG : e.getValue().getBytes(StandardCharsets.UTF_8));
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes("--zz--\r\n".getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	static byte[] urlencoded(Map<String, String> form) {
		return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&")).getBytes(StandardCharsets.ISO_8859_1);
	}

	static String abbreviate(String s) {
		String clean = s.replaceAll("\\p{Cntrl}", "·");
		return clean.length() > 60 ? clean.substring(0, 57) + "…(" + clean.length() + ")" : clean;
	}
}
