package cn.linli.hardening;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;

/**
 * Real HTTP against the running server, for what MockMvc skips: Tomcat's own parsing of the
 * request line, forms and multipart bodies, and the servlet container's error handling.
 */
final class Http {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	final int port;
	final HttpClient client;

	Http(int port) {
		this(port, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build());
	}

	private Http(int port, HttpClient client) {
		this.port = port;
		this.client = client;
	}

	/** A client with its own cookie jar, signed in through the login form. */
	static Http session(int port, String username) throws Exception {
		var http = withCookies(port);
		var done = http.login(username);
		if (done.statusCode() != 302 || !done.headers().firstValue("Location").orElse("").endsWith("/home")) {
			throw new AssertionError("login of " + username + " failed: " + done.statusCode() + " " + done.headers().map());
		}
		return http;
	}

	/** A client with its own cookie jar, not signed in. */
	static Http withCookies(int port) {
		return new Http(port, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(5)).build());
	}

	/** Posts the login form (with the given extra headers, name-value pairs) and returns the answer. */
	HttpResponse<String> login(String username, String... headers) throws Exception {
		String csrf = csrf("/login");
		var request = request("/login").header("Content-Type", "application/x-www-form-urlencoded");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + LinliTest.PASSWORD + "&_csrf=" + csrf)));
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://localhost:" + port + pathAndQuery);
	}

	HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	HttpResponse<String> get(String pathAndQuery) throws Exception {
		return send(request(pathAndQuery).GET());
	}

	/** The CSRF token of a page this client may open. */
	String csrf(String page) throws Exception {
		var html = get(page).body();
		var m = CSRF.matcher(html);
		if (!m.find()) {
			throw new AssertionError("no CSRF token on " + page);
		}
		return m.group(1);
	}

	String token(String username) throws Exception {
		var response = send(request("/api/v1/auth/token").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + LinliTest.PASSWORD + "\"}")));
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	static tools.jackson.databind.JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}
}
