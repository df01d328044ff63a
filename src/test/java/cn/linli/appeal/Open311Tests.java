package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.shared.domain.Hashes;
import cn.linli.appeal.open311.Open311Clients;

/** Open311 GeoReport v2 as a civic app sees it: both formats, every refusal in the spec's error list. */
@LinliTest
class Open311Tests {

	static final String KEY = "open311-test-key-" + UUID.randomUUID();
	static final String W3C = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00";

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	Open311Clients clients;

	AppealApi api;

	record Compound(long id, double lat, double lon, String name) {
	}

	@BeforeEach
	void setUp() {
		api = new AppealApi(mvc, json, jdbc);
		clients.ensureDemoKey(KEY);
	}

	// ---- discovery and services ----

	@Test
	void discoveryInBothFormats() throws Exception {
		var j = okJson(get("/open311/v2/discovery.json"));
		assertThat(j.isObject()).isTrue();
		assertThat(j.get("changeset").asString()).matches(W3C);
		assertThat(j.get("contact").asString()).isEqualTo("邻里智慧物业平台：请联系所在城市住房和城乡建设局");
		assertThat(j.get("key_service").asString()).contains("/appeals/open311-clients");
		var endpoint = j.get("endpoints").get(0);
		assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(endpoint.get("url").asString()).endsWith("/open311/v2");
		assertThat(endpoint.get("type").asString()).isEqualTo("production");
		assertThat(endpoint.get("formats").values().stream().map(JsonNode::asString).toList()).containsExactly("text/xml", "application/json");

		var r = mvc.perform(get("/open311/v2/discovery.xml")).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		assertThat(r.getResponse().getContentType()).startsWith("text/xml");
		assertThat(r.getResponse().getContentAsString()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
		var x = xml(r);
		assertThat(x.getDocumentElement().getTagName()).isEqualTo("discovery");
		assertThat(texts(x, "format")).containsExactly("text/xml", "application/json");
		assertThat(text(x, "specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
	}

	@Test
	void servicesInBothFormats() throws Exception {
		var j = okJson(get("/open311/v2/services.json"));
		assertThat(j.isArray()).isTrue();
		assertThat(j.size()).isEqualTo(8);
		var facility = find(j, "service_code", "FACILITY");
		assertThat(facility.get("service_name").asString()).isEqualTo("设施设备/电梯");
		assertThat(facility.get("metadata").asBoolean()).isTrue();
		assertThat(facility.get("type").asString()).isEqualTo("realtime");
		assertThat(facility.get("group").asString()).isEqualTo("物业");
		assertThat(facility.get("keywords").asString()).contains("电梯");
		assertThat(find(j, "service_code", "SERVICE").get("metadata").asBoolean()).isFalse();

		var x = okXml(get("/open311/v2/services.xml"));
		assertThat(x.getDocumentElement().getTagName()).isEqualTo("services");
		var services = x.getElementsByTagName("service");
		assertThat(services.getLength()).isEqualTo(8);
		boolean seen = false;
		for (int i = 0; i < services.getLength(); i++) {
			var s = (Element) services.item(i);
			if (child(s, "service_code").equals("FACILITY")) {
				assertThat(child(s, "metadata")).isEqualTo("true");
				assertThat(child(s, "type")).isEqualTo("realtime");
				seen = true;
			}
		}
		assertThat(seen).isTrue();
	}

	@Test
	void serviceDefinitionInBothFormats() throws Exception {
		var j = okJson(get("/open311/v2/services/FACILITY.json"));
		assertThat(j.get("service_code").asString()).isEqualTo("FACILITY");
		var attribute = j.get("attributes").get(0);
		assertThat(attribute.get("variable").asBoolean()).isTrue();
		assertThat(attribute.get("code").asString()).isEqualTo("trapped");
		assertThat(attribute.get("datatype").asString()).isEqualTo("singlevaluelist");
		assertThat(attribute.get("required").asBoolean()).isTrue();
		assertThat(attribute.get("order").asInt()).isEqualTo(1);
		assertThat(attribute.get("description").asString()).contains("被困");
		// V8__appeal.sql gives none, so it is made from the values
		assertThat(attribute.get("datatype_description").asString()).isEqualTo("请选择其一：yes（有人被困）、no（无人被困）");
		assertThat(attribute.get("values").values().stream().map(v -> v.get("key").asString()).toList()).containsExactly("yes", "no");
		assertThat(attribute.get("values").get(0).get("name").asString()).isEqualTo("有人被困");

		var x = okXml(get("/open311/v2/services/FACILITY.xml"));
		assertThat(x.getDocumentElement().getTagName()).isEqualTo("service_definition");
		assertThat(text(x, "service_code")).isEqualTo("FACILITY");
		assertThat(x.getElementsByTagName("attribute").getLength()).isEqualTo(1);
		assertThat(text(x, "code")).isEqualTo("trapped");
		assertThat(text(x, "required")).isEqualTo("true");
		assertThat(texts(x, "key")).containsExactly("yes", "no");
		assertThat(texts(x, "name")).containsExactly("有人被困", "无人被困");

		var empty = okJson(get("/open311/v2/services/SERVICE.json"));
		assertThat(empty.get("attributes").isArray()).isTrue();
		assertThat(empty.get("attributes").size()).isZero();
	}

	// ---- filing requests ----

	@Test
	void postByLatLong() throws Exception {
		var c = compoundWithCoordinates();
		var r = file("json", "service_code", "SANITATION", "lat", String.valueOf(c.lat()), "long", String.valueOf(c.lon()), "description",
				"垃圾桶满了没人清运", "phone", "138 0013 8000");
		assertThat(r.getResponse().getStatus()).isEqualTo(201);
		var item = read(r).get(0);
		long id = item.get("service_request_id").asLong();
		String token = item.get("token").asString();
		assertThat(item.get("service_notice").asString()).startsWith("已受理").contains("前签收");
		assertThat(item.get("account_id").asString()).isEmpty();
		assertThat(r.getResponse().getHeader("Location")).isEqualTo("/open311/v2/requests/" + id + ".json");
		var row = row(id);
		assertThat(row.channel()).isEqualTo("OPEN311");
		assertThat(row.compoundId()).isEqualTo(c.id());
		assertThat(row.houseId()).isNull();
		assertThat(row.token()).isEqualTo(token);
		assertThat(row.kind()).isEqualTo("COMPLAINT");
		assertThat(row.phone()).isEqualTo("13800138000");
		assertThat(row.client()).isEqualTo(demoClient());
	}

	@Test
	void postByAddressString() throws Exception {
		var c = compoundNamedAlone();
		var r = file("json", "service_code", "GREENING", "address_string", c.name() + "3号楼门口", "description", "门口的树枝快压到电线了");
		assertThat(r.getResponse().getStatus()).isEqualTo(201);
		long id = read(r).get(0).get("service_request_id").asLong();
		var row = row(id);
		assertThat(row.compoundId()).isEqualTo(c.id());
		assertThat(row.channel()).isEqualTo("OPEN311");
		assertThat(jdbc.sql("select body from appeal where id = :id").param("id", id).query(String.class).single())
			.as("the address tells the handler where, since there is no house").contains("3号楼门口");
	}

	@Test
	void postByHouseAddressIdIsAnEmergencyRepairWhenSomeoneIsTrapped() throws Exception {
		long house = api.residentHouse();
		var r = file("json", "service_code", "FACILITY", "address_id", "house-" + house, "description", "电梯停在两层之间", "attribute[trapped]", "yes");
		assertThat(r.getResponse().getStatus()).isEqualTo(201);
		var item = read(r).get(0);
		var row = row(item.get("service_request_id").asLong());
		assertThat(row.houseId()).isEqualTo(house);
		assertThat(row.compoundId()).isEqualTo(api.showcaseCompound());
		assertThat(row.buildingId()).isNotNull();
		assertThat(row.kind()).isEqualTo("REPAIR");
		assertThat(row.urgency()).isEqualTo("EMERGENCY");
		assertThat(jdbc.sql("select attributes from appeal where id = :id").param("id", row.id()).query(String.class).single())
			.contains("\"trapped\":\"yes\"");
	}

	@Test
	void postByCompoundAddressIdInXml() throws Exception {
		long compound = api.showcaseCompound();
		var r = file("xml", "service_code", "FACILITY", "address_id", "compound-" + compound, "description", "小区大门门禁坏了",
				"attribute[trapped]", "no");
		assertThat(r.getResponse().getStatus()).isEqualTo(201);
		assertThat(r.getResponse().getContentType()).startsWith("text/xml");
		var x = xml(r);
		assertThat(x.getDocumentElement().getTagName()).isEqualTo("service_requests");
		assertThat(x.getElementsByTagName("request").getLength()).isEqualTo(1);
		long id = Long.parseLong(text(x, "service_request_id"));
		assertThat(text(x, "token")).isEqualTo(row(id).token());
		assertThat(text(x, "service_notice")).contains("前签收");
		assertThat(x.getElementsByTagName("account_id").getLength()).isEqualTo(1);
		var row = row(id);
		assertThat(row.compoundId()).isEqualTo(compound);
		assertThat(row.houseId()).isNull();
		assertThat(row.urgency()).isEqualTo("NORMAL");
	}

	@Test
	void sameIdempotencyKeyFilesOnce() throws Exception {
		String key = UUID.randomUUID().toString();
		var first = mvc.perform(form("json", "service_code", "PARKING", "address_id", "compound-" + api.showcaseCompound(), "description",
				"消防通道上停了车").param("api_key", KEY).header("Idempotency-Key", key)).andReturn();
		var again = mvc.perform(form("json", "service_code", "PARKING", "address_id", "compound-" + api.showcaseCompound(), "description",
				"消防通道上停了车").param("api_key", KEY).header("Idempotency-Key", key)).andReturn();
		// the retry is answered as the first attempt was: the request it created
		assertThat(first.getResponse().getStatus()).isEqualTo(201);
		assertThat(again.getResponse().getStatus()).isEqualTo(201);
		assertThat(read(again).get(0).get("service_request_id").asLong()).isEqualTo(read(first).get(0).get("service_request_id").asLong());
		assertThat(jdbc.sql("select count(*) from appeal where client_key = :k").param("k", "open311:" + key).query(Long.class).single())
			.isOne();
	}

	@Test
	void retriesRacingTheirFirstAttemptGetTheSameRequest() throws Exception {
		String key = UUID.randomUUID().toString();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			var tasks = new java.util.ArrayList<java.util.concurrent.Callable<MvcResult>>();
			for (int i = 0; i < 6; i++) {
				tasks.add(() -> mvc.perform(form("json", "service_code", "SANITATION", "address_id", "compound-" + api.showcaseCompound(),
						"description", "垃圾房门口堆满了").param("api_key", KEY).header("Idempotency-Key", key)).andReturn());
			}
			var ids = new java.util.HashSet<Long>();
			for (var f : pool.invokeAll(tasks)) {
				var r = f.get();
				// every attempt, first or retry, is answered 201 with the one request
				assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
				ids.add(read(r).get(0).get("service_request_id").asLong());
			}
			assertThat(ids).hasSize(1);
			assertThat(jdbc.sql("select count(*) from appeal where client_key = :k").param("k", "open311:" + key).query(Long.class).single())
				.isOne();
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void tokenLeadsToTheRequest() throws Exception {
		var item = read(file("json", "service_code", "SAFETY", "address_id", "compound-" + api.showcaseCompound(), "description", "消防栓没有水"))
			.get(0);
		String token = item.get("token").asString();
		long id = item.get("service_request_id").asLong();
		var j = okJson(get("/open311/v2/tokens/" + token + ".json"));
		assertThat(j.get(0).get("token").asString()).isEqualTo(token);
		assertThat(j.get(0).get("service_request_id").asLong()).isEqualTo(id);
		var x = okXml(get("/open311/v2/tokens/" + token + ".xml"));
		assertThat(x.getDocumentElement().getTagName()).isEqualTo("service_requests");
		assertThat(text(x, "service_request_id")).isEqualTo(String.valueOf(id));
	}

	// ---- reading requests ----

	@Test
	void aRequestIsShownWithoutPersonalData() throws Exception {
		long house = api.residentHouse();
		var item = read(file("json", "service_code", "NEIGHBOUR", "address_id", "house-" + house, "description",
				"我是张伟，住3单元301，楼上漏水，电话13800138000", "phone", "13800138000")).get(0);
		long id = item.get("service_request_id").asLong();

		var r = mvc.perform(get("/open311/v2/requests/" + id + ".json")).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		String body = r.getResponse().getContentAsString();
		var j = json.readTree(body);
		// the room number is looked for in the texts only: the request's own id may contain 301
		assertThat(body).doesNotContain("13800138000");
		for (String field : new String[] { "description", "address", "status_notes", "service_notice" }) {
			assertThat(j.get(0).get(field).asString()).as(field).doesNotContain("301").doesNotContain(houseNumber(house));
		}
		assertThat(j.size()).isEqualTo(1);
		var req = j.get(0);
		assertThat(req.get("service_request_id").asLong()).isEqualTo(id);
		assertThat(req.get("status").asString()).isEqualTo("open");
		assertThat(req.get("status_notes").asString()).isEqualTo("待签收");
		assertThat(req.get("service_code").asString()).isEqualTo("NEIGHBOUR");
		assertThat(req.get("service_name").asString()).isEqualTo("相邻关系/噪音");
		assertThat(req.get("description").asString()).contains("楼上漏水").contains("*单元***");
		// the company under the contract in force for the compound handles it
		assertThat(req.get("agency_responsible").asString()).isEqualTo(jdbc.sql("""
				select pc.name from service_contract sc join property_company pc on pc.id = sc.company_id
				where sc.compound_id = :c and :today between sc.starts_on and sc.ends_on""").param("c", api.showcaseCompound())
			.param("today", java.time.LocalDate.now(ZoneId.of("Asia/Shanghai"))).query(String.class).single());
		assertThat(req.get("service_notice").asString()).contains("前签收");
		assertThat(req.get("requested_datetime").asString()).matches(W3C);
		assertThat(req.get("updated_datetime").asString()).matches(W3C);
		assertThat(req.get("expected_datetime").asString()).matches(W3C);
		// not yet accepted: expected once the shipped NORMAL clocks run out, 24 hours to accept and then 7 days to resolve
		var requested = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(req.get("requested_datetime").asString()));
		var expected = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(req.get("expected_datetime").asString()));
		assertThat(Duration.between(requested.plus(Duration.ofHours(24)).plus(Duration.ofDays(7)), expected).abs())
			.as("both are shown to the second").isLessThanOrEqualTo(Duration.ofSeconds(1));
		String compoundName = jdbc.sql("select name from compound where id = :id").param("id", api.showcaseCompound()).query(String.class).single();
		assertThat(req.get("address").asString()).startsWith(compoundName);
		assertThat(req.get("address_id").asString()).isEqualTo("compound-" + api.showcaseCompound());
		assertThat(req.get("zipcode").asString()).isEmpty();
		assertThat(req.get("media_url").asString()).isEmpty();
		// the compound's coordinates, never the house's
		var where = jdbc.sql("select latitude::float8, longitude::float8 from compound where id = :id").param("id", api.showcaseCompound())
			.query((rs, n) -> new double[] { rs.getDouble(1), rs.getDouble(2) }).single();
		assertThat(req.get("lat").asDouble()).isEqualTo(where[0]);
		assertThat(req.get("long").asDouble()).isEqualTo(where[1]);

		var x = mvc.perform(get("/open311/v2/requests/" + id + ".xml")).andReturn();
		assertThat(x.getResponse().getStatus()).isEqualTo(200);
		String xmlBody = x.getResponse().getContentAsString();
		// without the request's own id, which may contain 301
		assertThat(xmlBody.replace("<service_request_id>" + id + "</service_request_id>", "")).doesNotContain("13800138000").doesNotContain("301")
			.doesNotContain(houseNumber(house));
		var doc = xml(x);
		assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_requests");
		assertThat(text(doc, "service_request_id")).isEqualTo(String.valueOf(id));
		assertThat(text(doc, "status")).isEqualTo("open");
		assertThat(text(doc, "address_id")).isEqualTo("compound-" + api.showcaseCompound());
		assertThat(text(doc, "expected_datetime")).matches(W3C);
		assertThat(text(doc, "description")).contains("楼上漏水");
	}

	@Test
	void searchFilters() throws Exception {
		long compound = api.showcaseCompound();
		long sanitation = read(file("json", "service_code", "SANITATION", "address_id", "compound-" + compound, "description", "楼道里堆满杂物"))
			.get(0).get("service_request_id").asLong();
		long greening = read(file("json", "service_code", "GREENING", "address_id", "compound-" + compound, "description", "草坪好久没修剪"))
			.get(0).get("service_request_id").asLong();
		jdbc.sql("update appeal set status = 'CLOSED', closed_at = now(), closed_reason = 'CONFIRMED', next_escalation_at = null where id = :id").param("id", greening).update();

		var both = okJson(get("/open311/v2/requests.json").param("service_request_id", sanitation + "," + greening)
			.param("service_code", "PARKING").param("status", "open"));
		assertThat(ids(both)).as("service_request_id overrides the other filters").containsExactlyInAnyOrder(sanitation, greening);
		assertThat(find(both, "service_request_id", String.valueOf(greening)).get("status").asString()).isEqualTo("closed");
		assertThat(find(both, "service_request_id", String.valueOf(greening)).get("status_notes").asString()).isEqualTo("经核实已解决");

		// without a window: the last 90 days, at most 1,000 requests; counted before and after, so that a boundary crossed in
		// between would show as a difference rather than a flaky count
		long before = raisedInTheLast90Days();
		var recent = okJson(get("/open311/v2/requests.json"));
		long after = raisedInTheLast90Days();
		assertThat(after).as("nothing entered or left the window during the call").isEqualTo(before);
		assertThat(ids(recent)).contains(sanitation, greening);
		assertThat((long) recent.size()).isEqualTo(Math.min(1000, before));
		var created = recent.values().stream().map(n -> n.get("requested_datetime").asString()).toList();
		assertThat(created).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

		var byCode = okJson(get("/open311/v2/requests.json").param("service_code", "SANITATION"));
		assertThat(ids(byCode)).contains(sanitation).doesNotContain(greening);
		assertThat(byCode.values().stream().map(n -> n.get("service_code").asString()).distinct().toList()).containsExactly("SANITATION");

		var closed = okJson(get("/open311/v2/requests.json").param("status", "closed"));
		assertThat(ids(closed)).contains(greening).doesNotContain(sanitation);
		assertThat(closed.values().stream().map(n -> n.get("status").asString()).distinct().toList()).containsExactly("closed");
		var open = okJson(get("/open311/v2/requests.json").param("status", "open"));
		assertThat(ids(open)).contains(sanitation).doesNotContain(greening);

		var shanghai = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.of("Asia/Shanghai"));
		var now = Instant.now();
		var window = okJson(get("/open311/v2/requests.json").param("start_date", shanghai.format(now.minus(Duration.ofHours(1))))
			.param("end_date", shanghai.format(now.plus(Duration.ofHours(1)))));
		assertThat(ids(window)).contains(sanitation, greening);
		// an unencoded + arrives as a space; read as the plus it was meant to be
		var unencoded = okJson(get("/open311/v2/requests.json").param("start_date",
				shanghai.format(now.minus(Duration.ofHours(1))).replace('+', ' ')));
		assertThat(ids(unencoded)).contains(sanitation);
		var earlier = okJson(get("/open311/v2/requests.json").param("start_date", shanghai.format(now.minus(Duration.ofDays(30))))
			.param("end_date", shanghai.format(now.minus(Duration.ofDays(29)))));
		assertThat(ids(earlier)).doesNotContain(sanitation, greening);

		var x = okXml(get("/open311/v2/requests.xml").param("service_request_id", String.valueOf(sanitation)));
		assertThat(x.getDocumentElement().getTagName()).isEqualTo("service_requests");
		assertThat(texts(x, "service_request_id")).containsExactly(String.valueOf(sanitation));
		// the one jurisdiction served is accepted and filters nothing
		assertThat(ids(okJson(get("/open311/v2/requests.json").param("jurisdiction_id", "linli")))).isEqualTo(ids(recent));
	}

	// ---- refusals ----

	@Test
	void apiKeyIsRequiredAndChecked() throws Exception {
		String compound = "compound-" + api.showcaseCompound();
		assertError(mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("service_code", "SANITATION").param("address_id", compound).param("description", "x")).andReturn(), 403, "json", "api_key");
		assertError(mvc.perform(post("/open311/v2/requests.xml").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("service_code", "SANITATION").param("address_id", compound).param("description", "x")).andReturn(), 403, "xml", "api_key");
		assertError(mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("api_key", "not-a-key").param("service_code", "SANITATION").param("address_id", compound).param("description", "x"))
			.andReturn(), 403, "json", "api_key");
	}

	@Test
	void cityIssuesAndRevokesKeysThatAreStoredHashed() throws Exception {
		String city = TestApi.token(mvc, json, "city");
		var issued = mvc.perform(post("/api/v1/open311-clients").header("Authorization", "Bearer " + city).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"市民通 App\"}")).andReturn();
		assertThat(issued.getResponse().getStatus()).isEqualTo(201);
		var body = read(issued);
		String key = body.get("key").asString();
		long id = body.get("id").asLong();
		// 32 random bytes in URL-safe Base64 without padding
		assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]{43}");
		assertThat(jdbc.sql("select key_hash from open311_client where id = :id").param("id", id).query(String.class).single())
			.isEqualTo(Hashes.sha256(key));
		assertThat(jdbc.sql("select count(*) from open311_client where key_hash = :k or key_hint = :k or name = :k").param("k", key)
			.query(Long.class).single()).as("the plain key is nowhere in the table").isZero();
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'open311-client.issued' and subject_id = :id")
			.param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(1);

		var listed = read(mvc.perform(get("/api/v1/open311-clients").header("Authorization", "Bearer " + city)).andReturn());
		assertThat(listed.values().stream().filter(c -> c.get("id").asLong() == id).findFirst().orElseThrow().has("key")).isFalse();

		var filed = mvc.perform(form("json", "service_code", "SANITATION", "address_id", "compound-" + api.showcaseCompound(), "description",
				"垃圾分类亭满了").param("api_key", key)).andReturn();
		assertThat(filed.getResponse().getStatus()).isEqualTo(201);
		assertThat(row(read(filed).get(0).get("service_request_id").asLong()).client()).isEqualTo(id);

		assertThat(mvc.perform(post("/api/v1/open311-clients/" + id + "/revoke").header("Authorization", "Bearer " + city)).andReturn()
			.getResponse().getStatus()).isEqualTo(204);
		assertError(mvc.perform(form("json", "service_code", "SANITATION", "address_id", "compound-" + api.showcaseCompound(), "description",
				"垃圾分类亭满了").param("api_key", key)).andReturn(), 403, "json", "api_key");
		assertError(mvc.perform(form("xml", "service_code", "SANITATION", "address_id", "compound-" + api.showcaseCompound(), "description",
				"垃圾分类亭满了").param("api_key", key)).andReturn(), 403, "xml", "api_key");

		String street = TestApi.token(mvc, json, "street");
		assertThat(mvc.perform(post("/api/v1/open311-clients").header("Authorization", "Bearer " + street).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"不该有\"}")).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/open311-clients").header("Authorization", "Bearer " + street)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(post("/api/v1/open311-clients/" + id + "/revoke").header("Authorization", "Bearer " + street)).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void cityManagesKeysOnItsPage() throws Exception {
		var page = mvc.perform(get("/appeals/open311-clients").with(user("city"))).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Open311 客户端").contains(Open311Clients.DEMO_CLIENT);

		var issued = mvc.perform(post("/appeals/open311-clients").with(user("city")).with(csrf()).param("name", "网格通")).andReturn().getResponse();
		assertThat(issued.getStatus()).isEqualTo(200);
		assertThat(issued.getHeader("Cache-Control")).contains("no-store");
		long id = jdbc.sql("select max(id) from open311_client where name = '网格通'").query(Long.class).single();
		String html = issued.getContentAsString();
		var m = java.util.regex.Pattern.compile("<code class=\"secret\">([^<]+)</code>").matcher(html);
		assertThat(m.find()).isTrue();
		assertThat(clients.clientOf(m.group(1))).contains(id);

		var revoked = mvc.perform(post("/appeals/open311-clients/" + id + "/revoke").with(user("city")).with(csrf())).andReturn().getResponse();
		assertThat(revoked.getRedirectedUrl()).isEqualTo("/appeals/open311-clients");
		assertThat(clients.clientOf(m.group(1))).isEmpty();

		assertThat(mvc.perform(get("/appeals/open311-clients").with(user("street"))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/appeals/open311-clients").with(user("street")).with(csrf()).param("name", "x")).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void demoKeyIsEnsuredOnce() {
		String key = "demo-" + UUID.randomUUID();
		clients.ensureDemoKey(key);
		clients.ensureDemoKey(key);
		assertThat(jdbc.sql("select count(*) from open311_client where key_hash = :h and name = '演示客户端'").param("h", Hashes.sha256(key))
			.query(Long.class).single()).isEqualTo(1);
		long id = jdbc.sql("select id from open311_client where key_hash = :h").param("h", Hashes.sha256(key)).query(Long.class).single();
		assertThat(clients.clientOf(key)).contains(id);
	}

	@Test
	void badRequestsAreRefusedWithTheErrorList() throws Exception {
		String compound = "compound-" + api.showcaseCompound();
		// unknown or missing service_code
		assertError(file("json", "service_code", "NOPE", "address_id", compound, "description", "x"), 400, "json", "service_code 未知：NOPE");
		assertError(file("xml", "service_code", "NOPE", "address_id", compound, "description", "x"), 400, "xml", "service_code 未知：NOPE");
		assertError(file("json", "address_id", compound, "description", "x"), 400, "json", "service_code 为必填项");
		// location
		assertError(file("json", "service_code", "SANITATION", "description", "没有位置"), 400, "json", "缺少位置");
		assertError(file("xml", "service_code", "SANITATION", "description", "没有位置"), 400, "xml", "缺少位置");
		assertError(file("json", "service_code", "SANITATION", "address_id", "house-999999999", "description", "x"), 400, "json", "address_id 不存在：house-999999999");
		assertError(file("json", "service_code", "SANITATION", "address_id", "compound-999999999", "description", "x"), 400, "json", "address_id 不存在：compound-999999999");
		assertError(file("json", "service_code", "SANITATION", "address_id", "flat-12", "description", "x"), 400, "json", "address_id 格式应为");
		var nowhere = file("json", "service_code", "SANITATION", "address_string", "火星基地第一街区", "description", "x");
		assertError(nowhere, 400, "json");
		assertThat(read(nowhere).get(0).get("description").asString()).contains("address_string");
		assertError(file("json", "service_code", "SANITATION", "lat", "30.0", "long", "100.0", "description", "x"), 400, "json", "米内没有登记的小区");
		assertError(file("json", "service_code", "SANITATION", "lat", "north", "long", "100.0", "description", "x"), 400, "json", "lat 不是数字");
		assertError(file("json", "service_code", "SANITATION", "lat", "37.5", "description", "x"), 400, "json", "lat 与 long 须同时提供");
		// description
		assertError(file("json", "service_code", "SANITATION", "address_id", compound), 400, "json", "description 为必填项");
		assertError(file("json", "service_code", "SANITATION", "address_id", compound, "description", "长".repeat(2001)), 400, "json", "description 不能超过 2000 字");
		// attributes
		var missing = file("json", "service_code", "FACILITY", "address_id", compound, "description", "电梯坏了");
		assertError(missing, 400, "json");
		assertThat(read(missing).get(0).get("description").asString()).contains("attribute[trapped]");
		assertError(file("xml", "service_code", "FACILITY", "address_id", compound, "description", "电梯坏了", "attribute[trapped]", "maybe"), 400,
				"xml", "attribute[trapped] 应为以下之一");
		assertError(file("json", "service_code", "FACILITY", "address_id", compound, "description", "电梯坏了", "attribute[trapped]", "maybe"), 400,
				"json", "attribute[trapped] 应为以下之一");
		// phone
		assertError(file("json", "service_code", "SANITATION", "address_id", compound, "description", "x", "phone", "12345"), 400, "json", "phone 格式错误");
		assertError(file("xml", "service_code", "SANITATION", "address_id", compound, "description", "x", "phone", "12345"), 400, "xml", "phone 格式错误");
	}

	@Test
	void badQueriesAreRefusedWithTheErrorList() throws Exception {
		assertError(mvc.perform(get("/open311/v2/requests.json").param("start_date", "2026-01-01T00:00:00+08:00")
			.param("end_date", "2026-05-01T00:00:00+08:00")).andReturn(), 400, "json", "相隔不能超过 90 天");
		assertError(mvc.perform(get("/open311/v2/requests.xml").param("start_date", "2026-01-01T00:00:00+08:00")
			.param("end_date", "2026-05-01T00:00:00+08:00")).andReturn(), 400, "xml", "相隔不能超过 90 天");
		assertError(mvc.perform(get("/open311/v2/requests.json").param("start_date", "2026-03-01T00:00:00+08:00")
			.param("end_date", "2026-02-01T00:00:00+08:00")).andReturn(), 400, "json", "end_date 早于 start_date");
		assertError(mvc.perform(get("/open311/v2/requests.json").param("status", "pending")).andReturn(), 400, "json", "status 应为 open 或 closed");
		assertError(mvc.perform(get("/open311/v2/requests.xml").param("status", "pending")).andReturn(), 400, "xml", "status 应为 open 或 closed");
		assertError(mvc.perform(get("/open311/v2/requests.json").param("start_date", "yesterday")).andReturn(), 400, "json", "start_date 不是有效的 W3C 日期时间");
		assertError(mvc.perform(get("/open311/v2/requests.json").param("end_date", "2026-13-45")).andReturn(), 400, "json", "end_date");
		assertError(mvc.perform(get("/open311/v2/requests.json").param("service_request_id", "1,abc")).andReturn(), 400, "json", "service_request_id 应为以逗号分隔的数字");
		assertError(mvc.perform(get("/open311/v2/requests.json").param("service_code", "NOPE")).andReturn(), 400, "json", "service_code 未知：NOPE");
		// a year Java reads but PostgreSQL cannot store is the client's mistake, not a server error
		assertError(mvc.perform(get("/open311/v2/requests.json").param("start_date", "+300000-01-01T00:00:00Z")).andReturn(), 400, "json", "start_date 超出可查询的范围");
		assertError(mvc.perform(get("/open311/v2/requests.xml").param("end_date", "1000-01-01")).andReturn(), 400, "xml", "end_date 超出可查询的范围");
	}

	@Test
	void unknownThingsAreNotFound() throws Exception {
		assertError(mvc.perform(get("/open311/v2/services/NOPE.json")).andReturn(), 404, "json", "service_code 不存在：NOPE");
		assertError(mvc.perform(get("/open311/v2/services/NOPE.xml")).andReturn(), 404, "xml", "service_code 不存在：NOPE");
		assertError(mvc.perform(get("/open311/v2/requests/999999999.json")).andReturn(), 404, "json", "service_request_id 不存在：999999999");
		assertError(mvc.perform(get("/open311/v2/requests/999999999.xml")).andReturn(), 404, "xml", "service_request_id 不存在：999999999");
		assertError(mvc.perform(get("/open311/v2/requests/abc.json")).andReturn(), 404, "json", "service_request_id 不存在：abc");
		assertError(mvc.perform(get("/open311/v2/tokens/" + UUID.randomUUID() + ".json")).andReturn(), 404, "json", "token 不存在");
		assertError(mvc.perform(get("/open311/v2/tokens/" + UUID.randomUUID() + ".xml")).andReturn(), 404, "xml", "token 不存在");
		assertError(mvc.perform(get("/open311/v2/tokens/not-a-token.json")).andReturn(), 404, "json", "token 不存在：not-a-token");
		// formats other than the spec's two, and paths that do not exist
		assertError(mvc.perform(get("/open311/v2/services.html")).andReturn(), 404, "json", "不支持的格式：.html");
		assertError(mvc.perform(get("/open311/v2/discovery.yaml")).andReturn(), 404, "json", "不支持的格式：.yaml");
		assertError(mvc.perform(get("/open311/v2/requests/1.csv")).andReturn(), 404, "json", "不支持的格式：.csv");
		assertError(mvc.perform(post("/open311/v2/requests.txt").param("api_key", KEY)).andReturn(), 404, "json", "不支持的格式：.txt");
		assertError(mvc.perform(get("/open311/v2/services")).andReturn(), 404, "json", "没有这个资源");
		assertError(mvc.perform(get("/open311/v2/nothing.xml")).andReturn(), 404, "xml", "没有这个资源");
		assertError(mvc.perform(get("/open311/v3/services.json")).andReturn(), 404, "json", "没有这个资源");
		assertError(mvc.perform(get("/open311/v2/services.json").param("jurisdiction_id", "elsewhere.example")).andReturn(), 404, "json", "jurisdiction_id 不存在：elsewhere.example");
	}

	// ---- helpers ----

	MockHttpServletRequestBuilder form(String format, String... namesAndValues) {
		var b = post("/open311/v2/requests." + format).contentType(MediaType.APPLICATION_FORM_URLENCODED);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			b.param(namesAndValues[i], namesAndValues[i + 1]);
		}
		return b;
	}

	/** A POST with the test client's key. */
	MvcResult file(String format, String... namesAndValues) throws Exception {
		return mvc.perform(form(format, namesAndValues).param("api_key", KEY)).andReturn();
	}

	record Row(long id, String channel, long compoundId, Long buildingId, Long houseId, String token, String kind, String urgency, String phone,
			Long client) {
	}

	Row row(long id) {
		return jdbc.sql("""
				select id, channel, compound_id, building_id, house_id, intake_token::text, kind, urgency, contact_phone, open311_client
				from appeal where id = :id""").param("id", id)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), (Long) rs.getObject(4, Long.class),
					(Long) rs.getObject(5, Long.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
					(Long) rs.getObject(10, Long.class)))
			.single();
	}

	long demoClient() {
		return jdbc.sql("select id from open311_client where key_hash = :h").param("h", Hashes.sha256(KEY)).query(Long.class).single();
	}

	/** A compound whose coordinates no other compound shares, so that it is the nearest to itself. */
	Compound compoundWithCoordinates() {
		return jdbc.sql("""
				select id, latitude::float8, longitude::float8, name from compound c where latitude is not null
				  and not exists (select 1 from compound o where o.id <> c.id and o.latitude = c.latitude and o.longitude = c.longitude)
				order by id limit 1""")
			.query((rs, n) -> new Compound(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4))).single();
	}

	/** A compound that is the only one an address made of its name names. */
	Compound compoundNamedAlone() {
		return jdbc.sql("""
				select id, coalesce(latitude, 0)::float8, coalesce(longitude, 0)::float8, name from compound c
				where (select count(*) from compound o where strpos(c.name || '3号楼门口', o.name) > 0
				  or (o.address is not null and length(o.address) >= 4 and strpos(c.name || '3号楼门口', o.address) > 0)) = 1
				order by id limit 1""")
			.query((rs, n) -> new Compound(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4))).single();
	}

	/**
	 * The oracle of the default window: appeals raised between 90 days ago and now (those a test raised while it had moved the
	 * clock forward lie in the future, outside the window).
	 */
	long raisedInTheLast90Days() {
		var now = Instant.now();
		return jdbc.sql("select count(*) from appeal where created_at >= :from and created_at <= :to")
			.param("from", java.sql.Timestamp.from(now.minus(Duration.ofDays(90)))).param("to", java.sql.Timestamp.from(now)).query(Long.class)
			.single();
	}

	String houseNumber(long house) {
		return jdbc.sql("select number from house where id = :id").param("id", house).query(String.class).single();
	}

	JsonNode okJson(MockHttpServletRequestBuilder request) throws Exception {
		var r = mvc.perform(request).andReturn();
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
		assertThat(r.getResponse().getContentType()).startsWith("application/json");
		return read(r);
	}

	Document okXml(MockHttpServletRequestBuilder request) throws Exception {
		var r = mvc.perform(request).andReturn();
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
		assertThat(r.getResponse().getContentType()).startsWith("text/xml");
		return xml(r);
	}

	JsonNode read(MvcResult r) throws Exception {
		return json.readTree(r.getResponse().getContentAsString());
	}

	static Document xml(MvcResult r) throws Exception {
		var factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()));
	}

	static String text(Document d, String tag) {
		var nodes = d.getElementsByTagName(tag);
		assertThat(nodes.getLength()).as(tag).isPositive();
		return nodes.item(0).getTextContent();
	}

	static List<String> texts(Document d, String tag) {
		var out = new ArrayList<String>();
		var nodes = d.getElementsByTagName(tag);
		for (int i = 0; i < nodes.getLength(); i++) {
			out.add(nodes.item(i).getTextContent());
		}
		return out;
	}

	static String child(Element e, String tag) {
		return e.getElementsByTagName(tag).item(0).getTextContent();
	}

	static JsonNode find(JsonNode array, String field, String value) {
		return array.values().stream().filter(n -> n.get(field).asString().equals(value)).findFirst().orElseThrow();
	}

	static List<Long> ids(JsonNode array) {
		return array.values().stream().map(n -> n.get("service_request_id").asLong()).toList();
	}

	/** The spec's error list, whose description names what was wrong ({@code fragment}). */
	void assertError(MvcResult r, int status, String format, String fragment) throws Exception {
		assertError(r, status, format);
		String description = format.equals("xml") ? text(xml(r), "description") : read(r).get(0).get("description").asString();
		assertThat(description).contains(fragment);
	}

	/** The spec's error list: the status, and in the body one error with that code and a description. */
	void assertError(MvcResult r, int status, String format) throws Exception {
		var response = r.getResponse();
		String body = response.getContentAsString();
		assertThat(response.getStatus()).as(body).isEqualTo(status);
		if (format.equals("xml")) {
			assertThat(response.getContentType()).startsWith("text/xml");
			var d = xml(r);
			assertThat(d.getDocumentElement().getTagName()).isEqualTo("errors");
			assertThat(d.getElementsByTagName("error").getLength()).isEqualTo(1);
			assertThat(text(d, "code")).isEqualTo(String.valueOf(status));
			assertThat(text(d, "description")).isNotBlank();
		}
		else {
			assertThat(response.getContentType()).startsWith("application/json");
			var j = json.readTree(body);
			assertThat(j.isArray()).as(body).isTrue();
			assertThat(j.size()).isEqualTo(1);
			assertThat(j.get(0).get("code").asInt()).isEqualTo(status);
			assertThat(j.get(0).get("description").asString()).isNotBlank();
		}
	}
}
