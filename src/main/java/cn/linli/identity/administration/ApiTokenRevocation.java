package cn.linli.identity.administration;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.identity.IdentityChanged;

/**
 * Ends every API token of a user whose password someone else replaced or whose login was
 * withdrawn: whoever held the old password must not keep its tokens, not even once the login is
 * given back.
 */
@Component
public class ApiTokenRevocation {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	ApiTokenRevocation(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	public void revokeAll(long userId, Instant now) {
		int revoked = jdbc.sql("update api_token set revoked_at = :now where user_id = :u and revoked_at is null")
			.param("now", Timestamp.from(now)).param("u", userId).update();
		if (revoked > 0) {
			events.publishEvent(IdentityChanged.of("token", "revoked-all", userId, revoked + " tokens"));
		}
	}
}
