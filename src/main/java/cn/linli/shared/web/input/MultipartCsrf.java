package cn.linli.shared.web.input;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * Spring Security's CSRF check, except that for a multipart body not yet parsed the token is
 * taken from the header or the query string only: reading the {@code _csrf} form field would make
 * the container spool the whole upload to disk before anyone was authorized. Multipart forms
 * therefore carry the token in their action URL ({@code th:action="@{/x(_csrf=${_csrf.token})}"}).
 */
public final class MultipartCsrf implements CsrfTokenRequestHandler {

	private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
		delegate.handle(request, response, csrfToken);
	}

	@Override
	public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
		boolean unparsedMultipart = RequestGuard.isMultipart(request)
				&& WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class) == null;
		return delegate.resolveCsrfTokenValue(unparsedMultipart ? new QueryOnly(request) : request, csrfToken);
	}

	/** Parameters from the query string alone; the body is never touched. */
	private static final class QueryOnly extends HttpServletRequestWrapper {

		QueryOnly(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getParameter(String name) {
			String query = getQueryString();
			if (query == null) {
				return null;
			}
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				String key = eq < 0 ? pair : pair.substring(0, eq);
				if (key.equals(name)) {
					try {
						return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					}
					catch (IllegalArgumentException e) {
						return null;
					}
				}
			}
			return null;
		}
	}
}
