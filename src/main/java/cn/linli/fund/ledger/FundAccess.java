package cn.linli.fund.ledger;

import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Who may do what with a compound's fund. The fund is the owners' money, kept by the housing
 * bureau: the city's or the district's bureau of the compound books it; an owner sees its own
 * house's ledger, the committee its compound's ledgers, the supervising regions those inside them;
 * the company serving the compound sees the account, not the houses.
 */
public final class FundAccess {

	private FundAccess() {
	}

	/**
	 * The compound, when the caller may book its fund; a caller who may only look is told why
	 * (403), one outside its scope finds no compound (404).
	 */
	static CompoundFacts bookable(RegistryDirectory directory, Actor actor, long compoundId, String forbidden) {
		var compound = directory.compoundFacts(compoundId).orElseThrow(() -> DomainException.notFound("小区"));
		if (!mayBook(actor.scope(), compound)) {
			if (maySeeAccount(actor.scope(), compound)) {
				throw DomainException.forbidden(forbidden);
			}
			throw DomainException.notFound("小区");
		}
		return compound;
	}

	public static boolean mayBook(Scope scope, CompoundFacts compound) {
		return (scope.role() == Role.CITY || scope.role() == Role.DISTRICT) && scope.coversRegion(compound.communityCode());
	}

	public static boolean maySeeHouse(Scope scope, CompoundFacts compound, long houseId) {
		return switch (scope.role()) {
			case RESIDENT -> scope.houseIds().contains(houseId);
			case COMMITTEE -> scope.compoundIds().contains(compound.id());
			case CITY, DISTRICT, STREET, COMMUNITY -> scope.coversRegion(compound.communityCode());
			default -> false;
		};
	}

	public static boolean maySeeAccount(Scope scope, CompoundFacts compound) {
		return compound.seenBy(scope);
	}
}
