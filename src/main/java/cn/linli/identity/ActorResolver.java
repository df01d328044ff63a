package cn.linli.identity;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryApi;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/** Builds a user's scope from the database, on every request, so that a change takes effect at once. */
@Component
class ActorResolver {

	private final UserRepository users;
	private final RegistryApi registry;
	private final JdbcClient jdbc;

	ActorResolver(UserRepository users, RegistryApi registry, JdbcClient jdbc) {
		this.users = users;
		this.registry = registry;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	Optional<Actor> resolve(String username) {
		return users.findByUsername(username).filter(u -> u.enabled).map(this::actorOf);
	}

	@Transactional(readOnly = true)
	Optional<Actor> resolve(long userId) {
		return users.findById(userId).filter(u -> u.enabled).map(this::actorOf);
	}

	private Actor actorOf(UserAccount u) {
		Scope scope = switch (u.role.scopeKind()) {
			case REGION -> Scope.region(u.role, u.regionCode);
			case PLATFORM -> Scope.platform();
			case COMPANY -> new Scope(Role.COMPANY_ADMIN, null, u.companyId, null, Set.of(), Set.of());
			case STAFF -> new Scope(Role.STAFF, null, registry.companyOfStaff(u.staffId).orElse(null), u.staffId,
					registry.compoundsOfStaff(u.staffId), Set.of());
			// a committee member's office ends with the committee's term
			case COMPOUND -> new Scope(Role.COMMITTEE, null, null, null,
					registry.hasCommitteeInTerm(u.compoundId) ? Set.of(u.compoundId) : Set.of(), Set.of());
			case HOUSES -> {
				var houses = new HashSet<>(jdbc.sql("select rb.house_id from resident_binding rb where rb.user_id = :u and " + ValidBindings.CONDITION)
					.param("u", u.id).query(Long.class).list());
				yield new Scope(Role.RESIDENT, null, null, null, registry.compoundsOfHouses(houses), houses);
			}
		};
		return new Actor(u.id, u.username, u.displayName, scope);
	}
}
