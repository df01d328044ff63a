package cn.linli.identity.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Where someone without a session is sent: on a resident page ({@code /app/**}) to the phone
 * sign-in, anywhere else to the staff login. An htmx request is told to load that page whole, so
 * that a sign-in form never lands inside a fragment of the page that timed out.
 */
public class SignInEntryPoint implements AuthenticationEntryPoint {

	static final String RESIDENT_SIGN_IN = "/app/signup";
	static final String STAFF_LOGIN = "/login";

	private final AuthenticationEntryPoint residents = new LoginUrlAuthenticationEntryPoint(RESIDENT_SIGN_IN);
	private final AuthenticationEntryPoint staff = new LoginUrlAuthenticationEntryPoint(STAFF_LOGIN);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException, jakarta.servlet.ServletException {
		boolean resident = isResidentPage(request);
		if ("true".equals(request.getHeader("HX-Request"))) {
			response.setHeader("HX-Redirect", request.getContextPath() + (resident ? RESIDENT_SIGN_IN : STAFF_LOGIN));
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		(resident ? residents : staff).commence(request, response, e);
	}

	static boolean isResidentPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/app") || path.startsWith("/app/");
	}
}
