package cn.linli.appeal.domain;

import cn.linli.appeal.SupervisionLevel;
import cn.linli.shared.security.Actor;

/** Who may act on an appeal the caller can already see. */
public final class AppealPermissions {

	private AppealPermissions() {
	}

	/**
	 * The handler: the company's admin or its staff at the compound; for an appeal the community
	 * handles (no company, or dispatched outside the platform) the community itself.
	 */
	public static boolean canHandle(Actor actor, Appeal a) {
		var scope = actor.scope();
		return switch (a.handlerKind) {
			case COMPANY -> switch (actor.role()) {
				case COMPANY_ADMIN -> a.handlerCompanyId.equals(scope.companyId());
				case STAFF -> a.handlerCompanyId.equals(scope.companyId()) && scope.compoundIds().contains(a.compoundId);
				default -> false;
			};
			case COMMUNITY, EXTERNAL -> actor.role() == cn.linli.shared.security.Role.COMMUNITY
					&& a.communityCode.equals(scope.regionCode());
		};
	}

	/** Whether a supervisor's level is the one holding the appeal's supervision, or above it. */
	public static boolean atOrAbove(Actor actor, Appeal a) {
		return SupervisionLevel.ofRegionCodeLength(actor.scope().regionCode().length()).compareTo(a.level) >= 0;
	}

	/** Supervisors: the community, street, district and city whose region contains the compound. */
	public static boolean canSupervise(Actor actor, Appeal a) {
		return actor.scope().isRegional() && actor.scope().coversRegion(a.communityCode);
	}
}
