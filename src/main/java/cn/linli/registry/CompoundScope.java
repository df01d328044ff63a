package cn.linli.registry;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import cn.linli.shared.security.Scope;

/**
 * The SQL predicate that limits rows to the compounds a caller may see. Every registry query
 * that returns compound-bound data goes through it, so that the filter lives in the data layer.
 */
record CompoundScope(String sql, Map<String, Object> params) {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static LocalDate today() {
		return LocalDate.now(ZONE);
	}

	/** @param column the compound id column, e.g. {@code c.id}; {@code codeColumn} the community code column. */
	static CompoundScope of(Scope scope, String column, String codeColumn) {
		var params = new HashMap<String, Object>();
		String sql = switch (scope.role().scopeKind()) {
			case PLATFORM -> "true";
			case REGION -> {
				params.put("scopePrefix", scope.regionCode() + "%");
				yield codeColumn + " like :scopePrefix";
			}
			case COMPANY -> {
				params.put("scopeCompany", scope.companyId());
				params.put("scopeToday", today());
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

	/** Personal data (houses, owners) is hidden from the platform operator and limited to a resident's own houses. */
	static CompoundScope ofHouses(Scope scope, String houseColumn, String compoundColumn, String codeColumn) {
		return switch (scope.role().scopeKind()) {
			case PLATFORM -> new CompoundScope("false", Map.of());
			case HOUSES -> scope.houseIds().isEmpty() ? new CompoundScope("false", Map.of())
					: new CompoundScope(houseColumn + " in (:scopeHouses)", Map.of("scopeHouses", scope.houseIds()));
			default -> of(scope, compoundColumn, codeColumn);
		};
	}
}
