package cn.linli.identity.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Tells a paused address and a disabled account apart from a wrong password, without saying
 * whether a user exists: any name is paused alike, and "disabled" comes only after the right password.
 */
class LoginFailureHandler implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String outcome = exception instanceof LockedException ? "locked" : exception instanceof DisabledException ? "disabled" : "error";
		response.sendRedirect(request.getContextPath() + "/login?" + outcome);
	}
}
