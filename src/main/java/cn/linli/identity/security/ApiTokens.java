package cn.linli.identity.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;

/** Opaque bearer tokens: random, stored only as SHA-256, expiring and revocable. */
@Service
@Transactional
class ApiTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Duration ttl;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ApiTokens(JdbcClient jdbc, @Value("${linli.api.token-ttl:PT8H}") Duration ttl, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.ttl = ttl;
		this.events = events;
		this.clock = clock;
	}

	record Issued(String token, Instant expiresAt, Duration lifetime) {
	}

	Issued issue(long userId) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expires = clock.instant().plus(ttl);
		jdbc.sql("insert into api_token (token_hash, user_id, expires_at) values (:h, :u, :e)").param("h", cn.linli.shared.domain.Hashes.sha256(token))
			.param("u", userId).param("e", java.sql.Timestamp.from(expires)).update();
		events.publishEvent(IdentityChanged.of("token", "issued", userId, "expires " + expires));
		return new Issued(token, expires, ttl);
	}

	boolean revoke(String token) {
		int n = jdbc.sql("update api_token set revoked_at = :now where token_hash = :h and revoked_at is null")
			.param("now", java.sql.Timestamp.from(clock.instant())).param("h", cn.linli.shared.domain.Hashes.sha256(token)).update();
		if (n > 0) {
			events.publishEvent(IdentityChanged.of("token", "revoked", "-", "token revoked"));
		}
		return n > 0;
	}
}
