package cn.linli.identity.security;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.domain.ValidBindings;
import cn.linli.registry.RegistryAccess;
import cn.linli.shared.domain.Hashes;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Builds a user's scope from the database, on every request, so that a change (a disabled user,
 * a revoked token, an ended contract, a sold house) takes effect at once. It runs before every
 * page and API call, so it reads the login with one plain statement in one transaction.
 */
@Component
class ActorResolver {

	private static final String LOGIN_COLUMNS = "u.id, u.username, u.display_name, u.role, u.region_code, u.company_id, u.staff_id, u.compound_id";

	private final RegistryAccess access;
	private final JdbcClient jdbc;
	private final Clock clock;

	ActorResolver(RegistryAccess access, JdbcClient jdbc, Clock clock) {
		this.access = access;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The user behind a session. */
	@Transactional(readOnly = true)
	Optional<Actor> resolve(String username) {
		return jdbc.sql("select " + LOGIN_COLUMNS + " from app_user u where u.username = :n and u.enabled").param("n", username)
			.query(ActorResolver::login).optional().map(this::actorOf);
	}

	/** The user behind an API bearer token that is neither expired nor revoked. */
	@Transactional(readOnly = true)
	Optional<Actor> resolveToken(String token) {
		return jdbc.sql("select " + LOGIN_COLUMNS + """
				 from api_token t join app_user u on u.id = t.user_id
				where t.token_hash = :h and t.revoked_at is null and t.expires_at > :now and u.enabled""")
			.param("h", Hashes.sha256(token)).param("now", java.sql.Timestamp.from(clock.instant())).query(ActorResolver::login).optional().map(this::actorOf);
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
