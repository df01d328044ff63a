package cn.linli.appeal.open311;

import static cn.linli.appeal.open311.Open311Format.fields;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.shared.domain.DomainException;

/**
 * Open311 GeoReport v2 at {@value #BASE}, in XML or JSON by the path suffix
 * ({@code services.xml}, {@code requests/42.json}); any other suffix, and any other path under
 * {@code /open311}, is 404.
 * <p>
 * Status codes: 200 for reads; 201 for a filed request (the spec's examples show 200, but it
 * creates a resource and clients check for 2xx); 400 for a bad parameter, 403 for a missing,
 * unknown or revoked {@code api_key}, 404 for an unknown resource. Errors are always the spec's
 * error list in the requested format. A fault of ours is still answered in that shape, as 500,
 * so that a client can tell "retry later" from "fix your request".
 * <p>
 * {@code jurisdiction_id}: Linli serves one jurisdiction; absent or {@value #JURISDICTION} is
 * accepted, anything else is 404 as for any jurisdiction the server does not know.
 * <p>
 * A {@code @Controller} with its own exception handlers rather than a {@code @RestController}:
 * the platform-wide problem-detail and error-page advices then never see these requests, and
 * local handlers take precedence over every advice.
 */
@Controller
class Open311Controller {

	static final String BASE = "/open311/v2";
	static final String JURISDICTION = "linli";
	/** When the endpoint's shape last changed, as discovery must say. */
	static final String CHANGESET = "2026-11-28T00:00:00+08:00";

	private static final Logger log = LoggerFactory.getLogger(Open311Controller.class);

	private final Open311Queries queries;
	private final Open311Intake intake;
	private final JsonMapper json;
	private final Clock clock;

	Open311Controller(Open311Queries queries, Open311Intake intake, JsonMapper json, Clock clock) {
		this.queries = queries;
		this.intake = intake;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping(BASE + "/discovery.{format}")
	ResponseEntity<byte[]> discovery(@PathVariable String format) {
		var f = format(format);
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		var endpoint = fields("specification", "http://wiki.open311.org/GeoReport_v2", "url", base + BASE, "changeset", CHANGESET,
				"type", "production", "formats", List.of("text/xml", "application/json"));
		var body = fields("changeset", CHANGESET, "contact", "邻里智慧物业平台：请联系所在城市住房和城乡建设局",
				"key_service", "API 密钥由市住建局在 " + base + "/appeals/open311-clients 签发", "endpoints", List.of(endpoint));
		return ok(f, f.object(json, "discovery", body));
	}

	@GetMapping(BASE + "/services.{format}")
	ResponseEntity<byte[]> services(@PathVariable String format, HttpServletRequest request) {
		var f = format(format);
		jurisdiction(request);
		return ok(f, f.list(json, "services", queries.services()));
	}

	@GetMapping(BASE + "/services/{code}.{format}")
	ResponseEntity<byte[]> service(@PathVariable String code, @PathVariable String format, HttpServletRequest request) {
		var f = format(format);
		jurisdiction(request);
		var category = queries.category(code).orElseThrow(() -> Open311Exception.notFound("service_code 不存在：" + code));
		return ok(f, f.object(json, "service_definition", queries.definition(category)));
	}

	@PostMapping(BASE + "/requests.{format}")
	ResponseEntity<byte[]> create(@PathVariable String format, HttpServletRequest request) {
		var f = format(format);
		jurisdiction(request);
		var receipt = intake.submit(form(request), request.getHeader("Idempotency-Key"));
		var item = fields("service_request_id", receipt.id(), "token", receipt.token().toString(), "service_notice", receipt.notice(),
				"account_id", "");
		return ResponseEntity.created(URI.create(BASE + "/requests/" + receipt.id() + "." + format)).contentType(f.mediaType())
			.body(f.list(json, "service_requests", List.of(item)));
	}

	@GetMapping(BASE + "/requests.{format}")
	ResponseEntity<byte[]> search(@PathVariable String format, HttpServletRequest request) {
		var f = format(format);
		jurisdiction(request);
		return ok(f, f.list(json, "service_requests", queries.search(filter(request))));
	}

	@GetMapping(BASE + "/requests/{id}.{format}")
	ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
		var f = format(format);
		jurisdiction(request);
		var found = parseId(id).flatMap(queries::request).orElseThrow(() -> Open311Exception.notFound("service_request_id 不存在：" + id));
		return ok(f, f.list(json, "service_requests", List.of(found)));
	}

	@GetMapping(BASE + "/tokens/{token}.{format}")
	ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
		var f = format(format);
		jurisdiction(request);
		UUID uuid;
		try {
			uuid = UUID.fromString(token);
		}
		catch (IllegalArgumentException e) {
			throw Open311Exception.notFound("token 不存在：" + token);
		}
		long id = queries.byToken(uuid).orElseThrow(() -> Open311Exception.notFound("token 不存在：" + token));
		return ok(f, f.list(json, "service_requests", List.of(fields("token", token, "service_request_id", id))));
	}

	/** Everything else under /open311, so that no request there falls through to a page or a problem detail. */
	@RequestMapping("/open311/**")
	ResponseEntity<byte[]> unknown(HttpServletRequest request) {
		throw Open311Exception.notFound("没有这个资源：" + request.getRequestURI());
	}

	// ---- errors ----

	@ExceptionHandler(Open311Exception.class)
	ResponseEntity<byte[]> refused(Open311Exception e, HttpServletRequest request) {
		return error(request, e.status(), e.getMessage());
	}

	/** Refusals from the appeal use cases, in the only statuses the spec knows. */
	@ExceptionHandler(DomainException.class)
	ResponseEntity<byte[]> domain(DomainException e, HttpServletRequest request) {
		var status = e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND ? e.status() : HttpStatus.BAD_REQUEST;
		return error(request, status, e.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
		if (e instanceof org.springframework.web.ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
			// Spring's own refusals of a malformed request (unreadable body, unsupported media type, …)
			var status = spring.getStatusCode().value() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
			return error(request, status, cn.linli.shared.web.error.Failures.of(e).detail());
		}
		log.error("Open311 request failed: {} {}", request.getMethod(), request.getRequestURI(), e);
		return error(request, HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，请稍后重试");
	}

	private ResponseEntity<byte[]> error(HttpServletRequest request, HttpStatus status, String description) {
		var f = Open311Format.guess(request.getRequestURI());
		return ResponseEntity.status(status).contentType(f.mediaType()).body(f.errors(json, status.value(), description));
	}

	// ---- parameters ----

	private static Open311Format format(String suffix) {
		return Open311Format.ofSuffix(suffix).orElseThrow(() -> Open311Exception.notFound("不支持的格式：." + suffix + "（可用 .xml 或 .json）"));
	}

	private static void jurisdiction(HttpServletRequest request) {
		String j = Open311Intake.blankToNull(request.getParameter("jurisdiction_id"));
		if (j != null && !j.equals(JURISDICTION)) {
			throw Open311Exception.notFound("jurisdiction_id 不存在：" + j + "（本服务为 " + JURISDICTION + "）");
		}
	}

	private static MultiValueMap<String, String> form(HttpServletRequest request) {
		var form = new LinkedMultiValueMap<String, String>();
		request.getParameterMap().forEach((k, v) -> form.put(k, Arrays.asList(v)));
		return form;
	}

	private static java.util.Optional<Long> parseId(String id) {
		try {
			return java.util.Optional.of(Long.parseLong(id));
		}
		catch (NumberFormatException e) {
			return java.util.Optional.empty();
		}
	}

	/**
	 * The spec's query: {@code service_request_id} (comma list) overrides the rest; otherwise a
	 * window of at most 90 days (the last 90 by default, or 90 from whichever end is given),
	 * {@code service_code} and {@code status} as comma lists.
	 */
	private Open311Queries.Filter filter(HttpServletRequest request) {
		String idList = Open311Intake.blankToNull(request.getParameter("service_request_id"));
		if (idList != null) {
			var ids = new ArrayList<Long>();
			for (String part : idList.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				ids.add(parseId(part.strip()).orElseThrow(() -> Open311Exception.badRequest("service_request_id 应为以逗号分隔的数字：" + idList)));
			}
			if (ids.size() > Open311Queries.MAX_ROWS) {
				throw Open311Exception.badRequest("service_request_id 最多 " + Open311Queries.MAX_ROWS + " 个");
			}
			if (!ids.isEmpty()) {
				return new Open311Queries.Filter(ids, null, null, null, null);
			}
		}
		String startText = Open311Intake.blankToNull(request.getParameter("start_date"));
		String endText = Open311Intake.blankToNull(request.getParameter("end_date"));
		Instant start = startText == null ? null : Open311Format.parseW3c("start_date", startText);
		Instant end = endText == null ? null : Open311Format.parseW3c("end_date", endText);
		if (start == null && end == null) {
			end = clock.instant();
		}
		if (start == null) {
			start = end.minus(Open311Queries.MAX_WINDOW);
		}
		if (end == null) {
			end = start.plus(Open311Queries.MAX_WINDOW);
		}
		if (end.isBefore(start)) {
			throw Open311Exception.badRequest("end_date 早于 start_date");
		}
		if (end.isAfter(start.plus(Open311Queries.MAX_WINDOW))) {
			throw Open311Exception.badRequest("start_date 与 end_date 相隔不能超过 90 天");
		}
		var codes = new ArrayList<String>();
		String codeList = Open311Intake.blankToNull(request.getParameter("service_code"));
		if (codeList != null) {
			var known = queries.categories().stream().map(Open311Queries.Category::code).toList();
			for (String c : codeList.split(",")) {
				String code = c.strip();
				if (code.isEmpty()) {
					continue;
				}
				if (!known.contains(code)) {
					throw Open311Exception.badRequest("service_code 未知：" + code);
				}
				codes.add(code);
			}
		}
		Boolean closed = null;
		String statusList = Open311Intake.blankToNull(request.getParameter("status"));
		if (statusList != null) {
			boolean open = false;
			boolean shut = false;
			for (String s : statusList.split(",")) {
				switch (s.strip().toLowerCase(Locale.ROOT)) {
					case "" -> {
					}
					case "open" -> open = true;
					case "closed" -> shut = true;
					default -> throw Open311Exception.badRequest("status 应为 open 或 closed：" + statusList);
				}
			}
			closed = open == shut ? null : shut;
		}
		return new Open311Queries.Filter(null, codes, start, end, closed);
	}

	private static ResponseEntity<byte[]> ok(Open311Format f, byte[] body) {
		return ResponseEntity.ok().contentType(f.mediaType()).body(body);
	}
}
