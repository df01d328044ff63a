package cn.linli.shared.web.error;

import jakarta.servlet.http.HttpServletRequest;

/** Who reads an error: a person in a browser gets a page, a program gets a problem detail. */
public final class Browsers {

	private Browsers() {
	}

	/** Paths whose callers are programs, whatever they accept. */
	public static boolean programPath(String path) {
		return path.startsWith("/api/") || path.startsWith("/open311/") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs");
	}

	/** A browser's request for a page: not a program path, and HTML accepted (browsers send it for every navigation). */
	public static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return !programPath(request.getRequestURI()) && accept != null && accept.contains("text/html");
	}
}
