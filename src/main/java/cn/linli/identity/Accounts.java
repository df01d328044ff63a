package cn.linli.identity;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password logins: residents have none (they sign in by SMS code); five wrong passwords in a row
 * lock an account for fifteen minutes.
 */
@Service
class Accounts implements UserDetailsService {

	private final UserRepository users;
	private final org.springframework.context.ApplicationEventPublisher events;

	Accounts(UserRepository users, org.springframework.context.ApplicationEventPublisher events) {
		this.users = users;
		this.events = events;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		var user = users.findByUsername(username).filter(u -> u.passwordHash != null)
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		return User.withUsername(user.username)
			.password(user.passwordHash)
			.roles(user.role.name())
			.disabled(!user.enabled)
			.accountLocked(user.lockedAt(Instant.now()))
			.build();
	}

	@EventListener
	@Transactional
	void on(AuthenticationFailureBadCredentialsEvent event) {
		users.findByUsername(event.getAuthentication().getName()).ifPresent(u -> {
			u.loginFailed(Instant.now());
			users.save(u);
			events.publishEvent(IdentityChanged.of("login", u.lockedAt(Instant.now()) ? "locked" : "failed", u.id, u.username));
		});
	}

	@EventListener
	@Transactional
	void on(AuthenticationSuccessEvent event) {
		users.findByUsername(event.getAuthentication().getName()).ifPresent(u -> {
			if (u.failedLogins > 0 || u.lockedUntil != null) {
				u.loginSucceeded();
				users.save(u);
			}
			events.publishEvent(IdentityChanged.of("login", "succeeded", u.id, u.username));
		});
	}
}
