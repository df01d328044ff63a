package cn.linli.registry.domain;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.time.TimeConfiguration;

/**
 * Builds {@link CompoundScope}s by the platform's one clock: a company's scope is the compounds
 * under a contract in force today, so "today" must be the day a test or the sweep says it is.
 */
@Component
public class CompoundScopes {

	private final Clock clock;

	CompoundScopes(Clock clock) {
		this.clock = clock;
	}

	public LocalDate today() {
		return TimeConfiguration.today(clock);
	}

	/** @param column the compound id column, e.g. {@code c.id}; {@code codeColumn} the community code column. */
	public CompoundScope of(Scope scope, String column, String codeColumn) {
		return CompoundScope.of(scope, column, codeColumn, today());
	}

	/**
	 * Personal data everyone of a compound may see — a candidate's name, a house on the published
	 * participation list, the staff at work there: the scope's compounds, never the platform operator.
	 */
	public CompoundScope ofPeople(Scope scope, String column, String codeColumn) {
		return scope.role().scopeKind() == Role.ScopeKind.PLATFORM ? CompoundScope.none()
				: of(scope, column, codeColumn);
	}

	/** Personal data: as {@link #of}, but hidden from the platform operator and limited to a resident's own houses. */
	public CompoundScope ofHouses(Scope scope, String houseColumn, String compoundColumn, String codeColumn) {
		return CompoundScope.ofHouses(scope, houseColumn, compoundColumn, codeColumn, today());
	}
}
