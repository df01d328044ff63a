package cn.linli.identity.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.domain.UserRepository;

/**
 * Password logins (residents have none; they sign in by SMS code), throttled so that guessing is
 * slow but nobody can lock a user out from elsewhere:
 * <ul>
 * <li>per typed username <em>and</em> client address: {@value #PER_ADDRESS} failures within an
 * hour pause that address for that username for {@link #PAUSE};</li>
 * <li>per username over all addresses: {@value #CEILING} failures within an hour (a distributed
 * attack) pause the username for {@link #PAUSE} — except from addresses it signed in from in the
 * last {@link #KNOWN} days, so that the real user keeps getting in.</li>
 * </ul>
 * Keyed by the typed name, not the account, so an unknown name behaves exactly like a known one:
 * same message, same pauses, and the password encoder runs on a dummy hash when there is no user
 * or the address is paused. A disabled account is told so only after its correct password.
 */
@Service
class Accounts implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	static final int PER_ADDRESS = 5;
	static final int CEILING = 50;
	static final Duration WINDOW = Duration.ofHours(1);
	static final Duration PAUSE = Duration.ofMinutes(15);
	static final Duration KNOWN = Duration.ofDays(30);
	/** The row of a username's failures over all addresses. */
	static final String ALL = "*";

	private final UserRepository users;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final PasswordEncoder encoder;
	private final DaoAuthenticationProvider passwords;
	private final String dummyHash;

	Accounts(UserRepository users, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock, PasswordEncoder encoder) {
		this.users = users;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.encoder = encoder;
		this.dummyHash = encoder.encode("linli-timing-equaliser");
		this.passwords = new DaoAuthenticationProvider(this::loadUserByUsername);
		passwords.setPasswordEncoder(encoder);
		// a locked or disabled account is not revealed before the password was checked
		passwords.setPreAuthenticationChecks(user -> {
		});
		passwords.setPostAuthenticationChecks(user -> {
			if (!user.isEnabled()) {
				throw new DisabledException("disabled");
			}
		});
	}

	private UserDetails loadUserByUsername(String username) {
		var user = users.findByUsername(username).filter(u -> u.passwordHash() != null)
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		return User.withUsername(user.username()).password(user.passwordHash()).roles(user.role().name()).disabled(!user.enabled()).build();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		String username = attempt.getName() == null ? "" : attempt.getName();
		String address = address(attempt);
		String key = LoginPauses.key(username);
		Instant now = clock.instant();
		if (paused(key, address, now)) {
			encoder.matches(String.valueOf(attempt.getCredentials()), dummyHash);
			audit(username, "paused");
			throw new LockedException("paused");
		}
		try {
			Authentication done = passwords.authenticate(attempt);
			succeeded(key, address, now);
			audit(username, "succeeded");
			return done;
		}
		catch (DisabledException e) {
			// the password was right: the address is no guesser; the account is just not usable
			succeeded(key, address, now);
			audit(username, "disabled");
			throw e;
		}
		catch (BadCredentialsException e) {
			failed(key, username, address, now);
			throw e;
		}
	}

	private static String address(Authentication attempt) {
		String a = attempt.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
		return a == null || a.isBlank() || a.length() > 64 ? "unknown" : a;
	}

	private boolean paused(String key, String address, Instant now) {
		Map<String, Row> rows = new HashMap<>();
		jdbc.sql("select address, locked_until, last_success_at from login_throttle where username_hash = :k and address in (:a, :all)")
			.param("k", key).param("a", address).param("all", ALL)
			.query((rs, n) -> rows.put(rs.getString(1), new Row(instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))).list();
		Row here = rows.get(address);
		Row all = rows.get(ALL);
		if (here != null && here.lockedUntil() != null && here.lockedUntil().isAfter(now)) {
			return true;
		}
		boolean known = here != null && here.lastSuccess() != null && here.lastSuccess().isAfter(now.minus(KNOWN));
		return !known && all != null && all.lockedUntil() != null && all.lockedUntil().isAfter(now);
	}

	private record Row(Instant lockedUntil, Instant lastSuccess) {
	}

	private void failed(String key, String username, String address, Instant now) {
		boolean pausedHere = count(key, address, now) >= PER_ADDRESS;
		if (pausedHere) {
			pause(key, address, now);
		}
		boolean pausedEverywhere = count(key, ALL, now) >= CEILING;
		if (pausedEverywhere) {
			pause(key, ALL, now);
			// shown to the operator on the user list as 锁定中
			jdbc.sql("update app_user set locked_until = :t where username = :u").param("t", Timestamp.from(now.plus(PAUSE)))
				.param("u", username).update();
			log.warn("login ceiling reached for a username: paused for unknown addresses for {}", PAUSE);
		}
		audit(username, pausedHere || pausedEverywhere ? "locked" : "failed");
	}

	/** Counts a failure in the current window and returns the count. */
	private int count(String key, String address, Instant now) {
		return jdbc.sql("""
				insert into login_throttle as t (username_hash, address, failures, window_start, updated_at)
				values (:k, :a, 1, :now, :now)
				on conflict (username_hash, address) do update set
				  failures = case when t.window_start is null or t.window_start < :since then 1 else t.failures + 1 end,
				  window_start = case when t.window_start is null or t.window_start < :since then :now else t.window_start end,
				  updated_at = :now
				returning failures""")
			.param("k", key).param("a", address).param("now", Timestamp.from(now)).param("since", Timestamp.from(now.minus(WINDOW)))
			.query(Integer.class).single();
	}

	private void pause(String key, String address, Instant now) {
		jdbc.sql("update login_throttle set failures = 0, window_start = null, locked_until = :t where username_hash = :k and address = :a")
			.param("t", Timestamp.from(now.plus(PAUSE))).param("k", key).param("a", address).update();
	}

	private void succeeded(String key, String address, Instant now) {
		jdbc.sql("""
				insert into login_throttle as t (username_hash, address, failures, last_success_at, updated_at) values (:k, :a, 0, :now, :now)
				on conflict (username_hash, address) do update set failures = 0, window_start = null, locked_until = null,
				  last_success_at = :now, updated_at = :now""")
			.param("k", key).param("a", address).param("now", Timestamp.from(now)).update();
	}

	/** Only for accounts that exist: a typed unknown name (perhaps a password in the wrong field) is never written down. */
	private void audit(String username, String outcome) {
		users.findByUsername(username).ifPresent(u -> events.publishEvent(IdentityChanged.of("login", outcome, u.id(), u.username())));
	}

	/**
	 * Forgets what no longer matters: rows of names that never signed in (an attack's random names)
	 * after a day, everything else a month after it last changed.
	 */
	@Scheduled(fixedDelayString = "${linli.identity.throttle-cleanup-every:PT1H}", initialDelayString = "PT1M")
	void forgetOldFailures() {
		Instant now = clock.instant();
		int removed = jdbc.sql("""
				delete from login_throttle where (last_success_at is null and updated_at < :day and (locked_until is null or locked_until < :now))
				   or updated_at < :month""")
			.param("day", Timestamp.from(now.minus(Duration.ofDays(1)))).param("now", Timestamp.from(now))
			.param("month", Timestamp.from(now.minus(KNOWN).minus(Duration.ofDays(1)))).update();
		if (removed > 0) {
			log.debug("forgot {} login throttle rows", removed);
		}
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
