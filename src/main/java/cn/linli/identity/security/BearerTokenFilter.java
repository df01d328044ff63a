package cn.linli.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates API calls by {@code Authorization: Bearer <token>}; an unknown token stays anonymous (401). */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ActorResolver resolver;

	BearerTokenFilter(ActorResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			resolver.resolveToken(header.substring(7).trim()).ifPresent(actor -> {
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(ActorFilter.authenticated(actor));
				SecurityContextHolder.setContext(context);
			});
		}
		chain.doFilter(request, response);
	}
}
