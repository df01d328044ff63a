package cn.linli.identity.security;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.domain.ValidBindings;
import cn.linli.registry.RegistryAccess;
import cn.linli.registry.RegistryChanged;
import cn.linli.shared.cache.Forget;
import cn.linli.shared.domain.Hashes;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Builds a user's scope from the database, so that a change (a disabled user, a revoked token, an
 * ended contract, a sold house) takes effect within a second. It runs before every page and API
 * call, so it reads the login with one plain statement in one transaction, and keeps what it read
 * for {@code linli.security.actor-cache-ttl} (PT1S): a busy client's calls do not rebuild the same
 * scope many times a second. Any identity or registry change in this instance empties the cache
 * when it is published and again when it commits, so here it takes effect at once; another
 * instance sees it when its second is up, as it does a contract that ends at midnight.
 */
@Component
class ActorResolver {

	private static final String LOGIN_COLUMNS = "u.id, u.username, u.display_name, u.role, u.region_code, u.company_id, u.staff_id, u.compound_id";

	private final RegistryAccess access;
	private final JdbcClient jdbc;
	private final Clock clock;

	private final Cache<String, Actor> recent;

	private final TransactionTemplate reading;

	ActorResolver(RegistryAccess access, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions,
			@Value("${linli.security.actor-cache-ttl:PT1S}") Duration ttl) {
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.recent = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
		this.access = access;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The user behind a session. */
	Optional<Actor> resolve(String username) {
		return cached("u:" + username, () -> jdbc.sql("select " + LOGIN_COLUMNS + " from app_user u where u.username = :n and u.enabled")
			.param("n", username).query(ActorResolver::login).optional().map(this::actorOf));
	}

	/** The user behind an API bearer token that is neither expired nor revoked. */
	Optional<Actor> resolveToken(String token) {
		String hash = Hashes.sha256(token);
		return cached("t:" + hash, () -> jdbc.sql("select " + LOGIN_COLUMNS + """
				 from api_token t join app_user u on u.id = t.user_id
				where t.token_hash = :h and t.revoked_at is null and t.expires_at > :now and u.enabled""")
			.param("h", hash).param("now", java.sql.Timestamp.from(clock.instant())).query(ActorResolver::login).optional().map(this::actorOf));
	}

	/** Only a found user is kept: guessed tokens and names must not fill the cache. */
	private Optional<Actor> cached(String key, Supplier<Optional<Actor>> read) {
		var hit = recent.getIfPresent(key);
		if (hit != null) {
			return Optional.of(hit);
		}
		// the login and its scope read in one read-only transaction, a hit in none
		var actor = reading.execute(status -> read.get());
		actor.ifPresent(a -> recent.put(key, a));
		return actor;
	}

	@EventListener
	void on(IdentityChanged e) {
		Forget.nowAndAfterCommit(recent);
	}

	@EventListener
	void on(RegistryChanged e) {
		Forget.nowAndAfterCommit(recent);
	}

	private record Login(long id, String username, String displayName, Role role, String regionCode, Long companyId, Long staffId,
			Long compoundId) {
	}

	private static Login login(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Login(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)), rs.getString(5),
				rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getObject(8, Long.class));
	}

	private Actor actorOf(Login u) {
		Scope scope = switch (u.role().scopeKind()) {
			case REGION -> Scope.region(u.role(), u.regionCode());
			case PLATFORM -> Scope.platform();
			case COMPANY -> new Scope(Role.COMPANY_ADMIN, null, u.companyId(), null, Set.of(), Set.of());
			case STAFF -> new Scope(Role.STAFF, null, access.companyOfStaff(u.staffId()).orElse(null), u.staffId(),
					access.compoundsOfStaff(u.staffId()), Set.of());
			// a committee member's office ends with the committee's term
			case COMPOUND -> new Scope(Role.COMMITTEE, null, null, null,
					access.hasCommitteeInTerm(u.compoundId()) ? Set.of(u.compoundId()) : Set.of(), Set.of());
			case HOUSES -> {
				var houses = new HashSet<>(jdbc.sql("select rb.house_id from resident_binding rb where rb.user_id = :u and " + ValidBindings.CONDITION)
					.param("u", u.id()).query(Long.class).list());
				yield new Scope(Role.RESIDENT, null, null, null, access.compoundsOfHouses(houses), houses);
			}
		};
		return new Actor(u.id(), u.username(), u.displayName(), scope);
	}
}
