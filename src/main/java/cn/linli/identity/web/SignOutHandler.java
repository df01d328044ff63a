package cn.linli.identity.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * After signing out, a resident goes back to the phone sign-in it came from, staff to the login
 * page. Whose session it was tells them apart; without one (it had already expired), the page the
 * button was pressed on does.
 */
public class SignOutHandler implements LogoutSuccessHandler {

	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		boolean resident = authentication != null
				? authentication.getAuthorities().stream().anyMatch(a -> "ROLE_RESIDENT".equals(a.getAuthority()))
				: cameFromResidentPage(request);
		response.sendRedirect(request.getContextPath()
				+ (resident ? SignInEntryPoint.RESIDENT_SIGN_IN : SignInEntryPoint.STAFF_LOGIN) + "?logout");
	}

	private static boolean cameFromResidentPage(HttpServletRequest request) {
		String referer = request.getHeader("Referer");
		if (referer == null) {
			return false;
		}
		try {
			String path = URI.create(referer).getPath();
			return path != null && (path.equals("/app") || path.startsWith("/app/"));
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}
}
