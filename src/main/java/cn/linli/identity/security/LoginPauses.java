package cn.linli.identity.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.shared.domain.Hashes;

/**
 * The pauses login throttling puts on a username ({@code login_throttle}, and the ceiling's pause
 * shown on the account): lifted when someone else sets a new password, since the guesses were at
 * the old one.
 */
@Component
public class LoginPauses {

	private final JdbcClient jdbc;

	LoginPauses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The throttle's key of a typed username: its hash, so that a password typed into the name field is never stored. */
	static String key(String username) {
		return Hashes.sha256("login:" + username);
	}

	public void lift(String username) {
		jdbc.sql("delete from login_throttle where username_hash = :k").param("k", key(username)).update();
		jdbc.sql("update app_user set locked_until = null where username = :u").param("u", username).update();
	}
}
