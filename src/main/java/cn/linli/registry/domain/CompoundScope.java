package cn.linli.registry.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import cn.linli.shared.security.Scope;

/**
 * The SQL predicate that limits rows to the compounds a caller may see. Every registry query
 * that returns compound-bound data goes through it, so that the filter lives in the data layer.
 * Built by {@link CompoundScopes}, which knows what day it is.
 */
public record CompoundScope(String sql, Map<String, Object> params) {

	static CompoundScope none() {
		return new CompoundScope("false", Map.of());
	}

	static CompoundScope of(Scope scope, String column, String codeColumn, LocalDate today) {
		var params = new HashMap<String, Object>();
		String sql = switch (scope.role().scopeKind()) {
			case PLATFORM -> "true";
			case REGION -> {
				params.put("scopePrefix", scope.regionCode() + "%");
				yield codeColumn + " like :scopePrefix";
			}
			case COMPANY -> {
				params.put("scopeCompany", scope.companyId());
				params.put("scopeToday", today);
				yield column + " in (select sc.compound_id from service_contract sc where sc.company_id = :scopeCompany"
						+ " and :scopeToday between sc.starts_on and sc.ends_on)";
			}
			case STAFF, COMPOUND, HOUSES -> {
				if (scope.compoundIds().isEmpty()) {
					yield "false";
				}
				params.put("scopeCompounds", scope.compoundIds());
				yield column + " in (:scopeCompounds)";
			}
		};
		return new CompoundScope(sql, params);
	}

	static CompoundScope ofHouses(Scope scope, String houseColumn, String compoundColumn, String codeColumn, LocalDate today) {
		return switch (scope.role().scopeKind()) {
			case PLATFORM -> none();
			case HOUSES -> scope.houseIds().isEmpty() ? none()
					: new CompoundScope(houseColumn + " in (:scopeHouses)", Map.of("scopeHouses", scope.houseIds()));
			default -> of(scope, compoundColumn, codeColumn, today);
		};
	}
}
