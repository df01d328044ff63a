package cn.linli.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import cn.linli.shared.domain.DomainException.FieldError;
import cn.linli.shared.web.error.Browsers;
import cn.linli.shared.web.error.Failures;

/**
 * Answers written straight to the response, for filters that refuse a request before any
 * controller runs: a problem detail to programs, the Chinese error page to browsers.
 */
public final class ProblemResponses {

	/** The message an error page shows for a refusal that reached it through {@code sendError}. */
	public static final String MESSAGE_ATTRIBUTE = ProblemResponses.class.getName() + ".message";

	private ProblemResponses() {
	}

	public static void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
		write(response, new Failures.Failure(status, code, detail, List.of()));
	}

	public static void write(HttpServletResponse response, Failures.Failure failure) throws IOException {
		response.setStatus(failure.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(json(failure).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Refuses the request the way its sender reads refusals: a browser's page request goes to the
	 * error page (with the message), everything else gets the problem detail.
	 */
	public static void refuse(HttpServletRequest request, HttpServletResponse response, Failures.Failure failure) throws IOException {
		if (Browsers.wantsPage(request)) {
			request.setAttribute(MESSAGE_ATTRIBUTE, failure.detail());
			response.sendError(failure.status().value());
		}
		else if (request.getRequestURI().startsWith("/open311/")) {
			// GeoReport v2 clients read the spec's error list, not a problem detail
			boolean xml = request.getRequestURI().endsWith(".xml");
			response.setStatus(failure.status().value());
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setContentType(xml ? MediaType.APPLICATION_XML_VALUE : MediaType.APPLICATION_JSON_VALUE);
			String body = xml
					? "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>" + failure.status().value() + "</code><description>"
							+ xmlEscape(failure.detail()) + "</description></error></errors>"
					: "[{\"code\":" + failure.status().value() + ",\"description\":" + quote(failure.detail()) + "}]";
			response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
		}
		else {
			write(response, failure);
		}
	}

	public static String json(Failures.Failure f) {
		var sb = new StringBuilder("{\"type\":").append(quote("https://linli.example/problems/" + f.code()))
			.append(",\"title\":").append(quote(f.status().getReasonPhrase()))
			.append(",\"status\":").append(f.status().value())
			.append(",\"detail\":").append(quote(f.detail()))
			.append(",\"code\":").append(quote(f.code()));
		if (!f.errors().isEmpty()) {
			sb.append(",\"errors\":[");
			for (int i = 0; i < f.errors().size(); i++) {
				FieldError e = f.errors().get(i);
				sb.append(i == 0 ? "" : ",").append("{\"field\":").append(quote(e.field())).append(",\"message\":").append(quote(e.message()))
					.append('}');
			}
			sb.append(']');
		}
		return sb.append('}').toString();
	}

	private static String quote(String s) {
		var sb = new StringBuilder("\"");
		for (char c : String.valueOf(s).toCharArray()) {
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"').toString();
	}

	private static String xmlEscape(String s) {
		return String.valueOf(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
