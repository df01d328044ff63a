package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.shared.upload.UploadStore;

/**
 * Bad input anywhere — a JSON string or key, a form field, a query parameter, a multipart body
 * or file name, a number or date out of range — is a 400 with a Chinese text, never a 500, and
 * writes nothing. Over real HTTP, so that Tomcat's own parsing is part of it.
 */
@LinliTest
class RequestRefusalTests {

	static final Pattern JAVA_CLASS = Pattern.compile("[A-Z][A-Za-z]+(Exception|Error)\\b");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UploadStore uploads;

	Http http;

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	HttpResponse<String> postJson(String token, String path, String json) throws Exception {
		return http.send(http.request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	static void assertRefused(HttpResponse<String> response, int status, String field, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		var problem = Http.json(response);
		assertThat(problem.get("detail").asString()).contains(detail).doesNotContainPattern(JAVA_CLASS);
		if (field != null) {
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
		}
	}

	@Test
	void aNulByteInAJsonNameIsA400NamingTheFieldNotAConflict() throws Exception {
		long before = count("property_company");
		var response = postJson(http.token("city"), "/api/v1/companies",
				"{\"name\":\"威海\\u0000物业\",\"creditCode\":\"91371002MA3C8T1234\",\"partyOrg\":\"NONE\"}");
		assertRefused(response, 400, "name", "含有不允许的字符");
		assertThat(count("property_company")).isEqualTo(before);
	}

	@Test
	void aBidirectionalOverrideInAnyJsonStringOrKeyIsRefused() throws Exception {
		String resident = http.token("resident");
		long before = count("appeal");
		assertRefused(postJson(resident, "/api/v1/appeals", "{\"kind\":\"REPAIR\",\"body\":\"测\\u202Egnp.exe名\"}"), 400, "body",
				"含有不允许的字符");
		assertRefused(postJson(resident, "/api/v1/appeals", "{\"kind\":\"REPAIR\",\"body\":\"楼道灯\",\"attributes\":{\"a\\u2066b\":\"yes\"}}"),
				400, "attributes", "键名含有不允许的字符");
		assertRefused(postJson(resident, "/api/v1/appeals", "{\"kind\":\"REPAIR\\n\",\"body\":\"楼道灯\"}"), 400, "kind", "不能换行");
		assertThat(count("appeal")).isEqualTo(before);
	}

	@Test
	void aNullInsideAnIdListIsA400() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		long before = count("motion");
		var response = postJson(http.token("committee"), "/api/v1/compounds/" + compound + "/motions",
				"{\"matter\":5,\"title\":\"更换电梯\",\"body\":\"3号楼\",\"buildingIds\":[null]}");
		assertRefused(response, 400, "buildingIds[0]", "不能有空值");
		assertThat(count("motion")).isEqualTo(before);
	}

	@Test
	void aChoiceIsTakenByItsChineseLabelOrItsCodeAndAWrongOneListsBoth() throws Exception {
		String city = http.token("city");
		var byLabel = http.send(http.request("/api/v1/appeals?status=" + java.net.URLEncoder.encode("已签收", StandardCharsets.UTF_8))
			.header("Authorization", "Bearer " + city).GET());
		var byCode = http.send(http.request("/api/v1/appeals?status=ACCEPTED").header("Authorization", "Bearer " + city).GET());
		assertThat(byLabel.statusCode()).as(byLabel.body()).isEqualTo(200);
		assertThat(Http.json(byLabel).get("totalElements").asLong()).isEqualTo(Http.json(byCode).get("totalElements").asLong()).isPositive();
		var wrong = http.send(http.request("/api/v1/appeals?status=FOO").header("Authorization", "Bearer " + city).GET());
		assertRefused(wrong, 400, "status", "状态不正确，可选：待签收（SUBMITTED）、已签收（ACCEPTED）、办理中（IN_PROGRESS）");
	}

	@Test
	void numbersAndDatesOutOfRangeAreA400() throws Exception {
		String city = http.token("city");
		var page = http.send(http.request("/api/v1/compounds?page=99999999999").header("Authorization", "Bearer " + city).GET());
		assertRefused(page, 400, "page", "参数 page 的格式不正确");

		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		long before = count("motion");
		String committee = http.token("committee");
		// java.time takes the year 300000, PostgreSQL's timestamptz ends in 294276
		var beyondTheDatabase = postJson(committee, "/api/v1/compounds/" + compound + "/motions",
				"{\"matter\":5,\"title\":\"t\",\"body\":\"b\",\"opensAt\":\"+300000-01-01T00:00:00Z\",\"closesAt\":\"+300000-02-01T00:00:00Z\"}");
		// the draft's own plausibility rule answers before the database is reached
		assertRefused(beyondTheDatabase, 400, "opensAt", "开始时间不在 2000–2100 年之间");
		var beyondJava = postJson(committee, "/api/v1/compounds/" + compound + "/motions",
				"{\"matter\":5,\"title\":\"t\",\"opensAt\":\"+1000000001-01-01T00:00:00Z\"}");
		assertRefused(beyondJava, 400, "opensAt", "格式不正确");
		var hugeNumber = postJson(committee, "/api/v1/compounds/" + compound + "/motions", "{\"matter\":99999999999999999999,\"title\":\"t\"}");
		assertThat(hugeNumber.statusCode()).isEqualTo(400);
		assertThat(count("motion")).isEqualTo(before);
	}

	@Test
	void queryStringsWithBrokenUtf8OrControlCharactersAreA400() throws Exception {
		String city = http.token("city");
		assertRefused(http.send(http.request("/api/v1/compounds?q=%C3%28").header("Authorization", "Bearer " + city).GET()), 400, "query",
				"不是有效的 UTF-8");
		assertRefused(http.send(http.request("/api/v1/compounds?q=a%00b").header("Authorization", "Bearer " + city).GET()), 400, "q",
				"含有不允许的字符");
		// anonymous, and to a page: the Chinese error page
		var page = http.send(http.request("/public/compounds/1?x=%E2%80%AE").header("Accept", "text/html").GET());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains("请求有误").contains("字段 x 含有不允许的字符").contains("回到首页");
	}

	@Test
	void formFieldsWithControlCharactersAreRefusedBeforeAnyHandler() throws Exception {
		var signup = Http.session(port, "city");
		String csrf = signup.csrf("/app/signup");
		long codes = count("sms_code");
		var response = signup.send(signup.request("/app/signup/code").header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("phone=1380013%00" + "8000&_csrf=" + csrf)));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("字段 phone 含有不允许的字符");
		assertThat(count("sms_code")).isEqualTo(codes);
	}

	@Test
	void thousandsOfParametersAreA400() throws Exception {
		String many = IntStream.range(0, 3000).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
		var form = http.send(http.request("/app/signup/code").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(many)));
		assertThat(form.statusCode()).isEqualTo(400);
		assertThat(Http.json(form).get("detail").asString()).contains("参数过多");
		String query = IntStream.range(0, 600).mapToObj(i -> "p" + i).collect(Collectors.joining("&"));
		var get = http.get("/api/v1/compounds?" + query);
		assertRefused(get, 400, "form", "参数过多：最多 500 个");
	}

	@Test
	void malformedMultipartBodiesAreA400AndLeaveNothingBehind() throws Exception {
		String resident = http.token("resident");
		long appeals = count("appeal");
		long files = files();
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1 };
		// with another boundary the parts are no parts: an empty form, refused for what it lacks
		var badBoundary = multipart(resident, "multipart/form-data; boundary=other", part("body", null, "楼道灯不亮".getBytes(StandardCharsets.UTF_8)) + "--zz--\r\n");
		assertRefused(badBoundary, 400, null, "请选择诉求类型");
		var unterminated = multipart(resident, "multipart/form-data; boundary=zz", part("body", null, "楼道灯不亮".getBytes(StandardCharsets.UTF_8)));
		assertRefused(unterminated, 400, null, "上传内容格式错误");
		var noBoundary = multipart(resident, "multipart/form-data", "--zz--\r\n");
		assertRefused(noBoundary, 400, null, "上传内容格式错误");
		var nulInName = multipart(resident, "multipart/form-data; boundary=zz",
				part("kind", null, "REPAIR".getBytes()) + part("photos", "a\u0000.jpg", jpeg) + "--zz--\r\n");
		assertThat(nulInName.statusCode()).isEqualTo(400);
		var bidiInName = multipart(resident, "multipart/form-data; boundary=zz",
				part("kind", null, "REPAIR".getBytes()) + part("photos", "测\u202Egpj.exe", jpeg) + "--zz--\r\n");
		assertRefused(bidiInName, 400, "photos", "文件名含有不允许的字符");
		var controlInField = multipart(resident, "multipart/form-data; boundary=zz", part("category", null, "a\u0001b".getBytes()) + "--zz--\r\n");
		assertRefused(controlInField, 400, "category", "含有不允许的字符");
		var anonymous = http.send(http.request("/api/v1/appeals").header("Content-Type", "multipart/form-data; boundary=zz")
			.POST(HttpRequest.BodyPublishers.ofString("--zz\r\n")));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(count("appeal")).isEqualTo(appeals);
		assertThat(files()).isEqualTo(files);
	}

	/** One part; the body is ISO-8859-1 text, so that arbitrary bytes survive as characters. */
	static String part(String name, String filename, byte[] content) {
		var sb = new StringBuilder("--zz\r\nContent-Disposition: form-data; name=\"").append(name).append('"');
		if (filename != null) {
			sb.append("; filename=\"").append(new String(filename.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).append('"');
			sb.append("\r\nContent-Type: image/jpeg");
		}
		return sb.append("\r\n\r\n").append(new String(content, StandardCharsets.ISO_8859_1)).append("\r\n").toString();
	}

	HttpResponse<String> multipart(String token, String contentType, String body) throws Exception {
		return http.send(http.request("/api/v1/appeals").header("Authorization", "Bearer " + token).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1))));
	}

	long files() throws Exception {
		Path root = uploads.root();
		if (!Files.exists(root)) {
			return 0;
		}
		try (var walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).count();
		}
	}

	@Test
	void apiErrorsAreChineseAndNeverNameAJavaClass() throws Exception {
		String city = http.token("city");
		for (String path : new String[] { "/api/v1/compounds/abc", "/api/v1/nonexistent", "/api/v1/compounds?size=0", "/api/v1/regions/x/children?page=-1" }) {
			var response = http.send(http.request(path).header("Authorization", "Bearer " + city).GET());
			assertThat(response.statusCode()).as(path).isBetween(400, 499);
			assertThat(Http.json(response).get("detail").asString()).as(path).doesNotContainPattern(JAVA_CLASS)
				.containsPattern("\\p{IsHan}");
		}
		var unreadable = postJson(city, "/api/v1/companies", "{\"name\":");
		assertRefused(unreadable, 400, null, "不是有效的 JSON");
		var wrongMethod = http.send(http.request("/api/v1/compounds").header("Authorization", "Bearer " + city).DELETE());
		assertRefused(wrongMethod, 405, null, "不支持该请求方式");
		var wrongType = http.send(http.request("/api/v1/companies").header("Authorization", "Bearer " + city)
			.header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));
		assertRefused(wrongType, 415, null, "不支持该内容类型");
		var tomcat = http.get("/api/v1/compounds/%00");
		assertThat(tomcat.statusCode()).isEqualTo(400);
		assertThat(Http.json(tomcat).get("detail").asString()).contains("请求有误");
	}

}
