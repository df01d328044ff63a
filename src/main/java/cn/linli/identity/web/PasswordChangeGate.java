package cn.linli.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.linli.identity.account.ChangingPassword;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.ProblemResponses;

/**
 * A user signed in with a temporary password does nothing else before replacing it: pages lead
 * to the password form, the API answers 403. Residents sign in by SMS code and never get a
 * temporary password, so their requests (most of the traffic) skip the look-up.
 */
@Component
class PasswordChangeGate implements HandlerInterceptor, WebMvcConfigurer {

	static final String FORM = "/account/password";

	private final ChangingPassword passwords;

	PasswordChangeGate(ChangingPassword passwords) {
		this.passwords = passwords;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).excludePathPatterns(FORM, "/error", "/css/**", "/js/**", "/icons/**", "/webjars/**",
				"/manifest.webmanifest", "/sw.js", "/offline.html", "/favicon.ico", "/api/v1/auth/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		var actor = CurrentActor.find();
		if (actor.isEmpty() || actor.get().role() == Role.RESIDENT || !passwords.mustChange(actor.get().userId())) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			ProblemResponses.write(response, HttpStatus.FORBIDDEN, "password-change-required", "请先登录网页修改临时密码");
		}
		else if ("true".equals(request.getHeader("HX-Request"))) {
			response.setHeader("HX-Redirect", request.getContextPath() + FORM);
		}
		else {
			response.sendRedirect(request.getContextPath() + FORM);
		}
		return false;
	}
}
