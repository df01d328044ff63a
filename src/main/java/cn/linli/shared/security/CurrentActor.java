package cn.linli.shared.security;

import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, as put into the security context by the identity module. */
public final class CurrentActor {

	private CurrentActor() {
	}

	public static Optional<Actor> find() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getDetails() instanceof Actor actor) {
			return Optional.of(actor);
		}
		return Optional.empty();
	}

	public static Actor get() {
		return find().orElseThrow(() -> new AccessDeniedException("未登录"));
	}

	public static Scope scope() {
		return get().scope();
	}
}
