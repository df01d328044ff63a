package cn.linli.shared.security;

import java.util.Set;

/**
 * What a caller may see. Region roles see every compound whose community code starts with
 * {@code regionCode}; a company admin the compounds its company serves under a contract in force;
 * staff, committee members and residents a fixed set of compounds (and residents only their own
 * houses). Resolved from the database on every request so that a revoked assignment takes effect
 * at once.
 */
public record Scope(Role role, String regionCode, Long companyId, Long staffId, Set<Long> compoundIds,
		Set<Long> houseIds) {

	public Scope {
		compoundIds = compoundIds == null ? Set.of() : Set.copyOf(compoundIds);
		houseIds = houseIds == null ? Set.of() : Set.copyOf(houseIds);
	}

	public static Scope region(Role role, String regionCode) {
		return new Scope(role, regionCode, null, null, Set.of(), Set.of());
	}

	public static Scope platform() {
		return new Scope(Role.ADMIN, null, null, null, Set.of(), Set.of());
	}

	public boolean isRegional() {
		return role.supervises();
	}

	/** Whether a region (any level) lies inside a region role's area. */
	public boolean coversRegion(String code) {
		return isRegional() && code != null && code.startsWith(regionCode);
	}

	/** Whether a region role's area overlaps the given region (inside it or above it). */
	public boolean overlapsRegion(String code) {
		return isRegional() && code != null && (code.startsWith(regionCode) || regionCode.startsWith(code));
	}
}
