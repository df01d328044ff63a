package cn.linli.fee;

import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Who does what with a compound's fees and common income: the company serving it (head office or
 * staff on site) keeps the price board, bills, payments and the income; its residents, committee
 * and supervisors see the board, the rates and the income; a resident sees its own bills only.
 */
public final class FeeAccess {

	private FeeAccess() {
	}

	public static boolean maySee(Scope scope, CompoundFacts c) {
		return c.seenBy(scope);
	}

	/** The serving company keeps the books. */
	public static boolean mayKeep(Scope scope, CompoundFacts c) {
		return c.servedBy(scope);
	}

	/** Everyone but a resident sees every house's bill; a resident only its own houses'. */
	public static boolean maySeeHouse(Scope scope, CompoundFacts c, long houseId) {
		return scope.role() == Role.RESIDENT ? scope.houseIds().contains(houseId) : maySee(scope, c) && scope.role() != Role.COMMITTEE;
	}
}
