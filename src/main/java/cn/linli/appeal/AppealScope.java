package cn.linli.appeal;

import java.util.HashMap;
import java.util.Map;

import cn.linli.shared.security.Actor;

/**
 * The SQL predicate that limits appeals to the caller's scope; every query that returns appeals
 * goes through it. A handler sees only what its own company handles now; region roles see their
 * region; a resident what it raised or backed (+1); the platform operator nothing.
 *
 * @param sql a condition on the appeal alias {@code a}
 */
record AppealScope(String sql, Map<String, Object> params) {

	static AppealScope of(Actor actor) {
		var scope = actor.scope();
		var params = new HashMap<String, Object>();
		String sql = switch (actor.role()) {
			case CITY, DISTRICT, STREET, COMMUNITY -> {
				params.put("scopePrefix", scope.regionCode() + "%");
				yield "a.community_code like :scopePrefix";
			}
			case COMPANY_ADMIN -> {
				params.put("scopeCompany", scope.companyId());
				yield "a.handler_company_id = :scopeCompany";
			}
			case STAFF -> {
				if (scope.companyId() == null || scope.compoundIds().isEmpty()) {
					yield "false";
				}
				params.put("scopeCompany", scope.companyId());
				params.put("scopeCompounds", scope.compoundIds());
				yield "(a.handler_company_id = :scopeCompany and a.compound_id in (:scopeCompounds))";
			}
			case RESIDENT -> {
				params.put("scopeUser", actor.userId());
				yield "(a.raised_by = :scopeUser or a.id in (select sp.appeal_id from appeal_supporter sp where sp.user_id = :scopeUser))";
			}
			case COMMITTEE, ADMIN -> "false";
		};
		return new AppealScope(sql, params);
	}
}
