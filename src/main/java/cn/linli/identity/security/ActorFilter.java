package cn.linli.identity.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.linli.shared.security.Actor;

/**
 * Replaces the session's authentication, for this request only, with one that carries the
 * caller's current {@link Actor}: a disabled user or a withdrawn assignment is refused at once.
 */
class ActorFilter extends OncePerRequestFilter {

	private final ActorResolver resolver;

	ActorFilter(ActorResolver resolver) {
		this.resolver = resolver;
	}

	private static final String RESOLVED = ActorFilter.class.getName() + ".actor";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.isAuthenticated() && !(auth.getDetails() instanceof Actor)
				&& !"anonymousUser".equals(auth.getPrincipal())) {
			// an error dispatch of this request reuses what its first pass resolved
			var actor = request.getAttribute(RESOLVED) instanceof Actor resolved ? Optional.of(resolved) : resolver.resolve(auth.getName());
			actor.ifPresent(a -> request.setAttribute(RESOLVED, a));
			var context = SecurityContextHolder.createEmptyContext();
			if (actor.isPresent()) {
				context.setAuthentication(authenticated(actor.get()));
			}
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

	/** The error page, too, shows the caller's navigation: it is rendered in a dispatch of its own. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		doFilterInternal(request, response, chain);
	}

	static UsernamePasswordAuthenticationToken authenticated(Actor actor) {
		var token = UsernamePasswordAuthenticationToken.authenticated(actor.username(), null,
				java.util.List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
		token.setDetails(actor);
		return token;
	}
}
