package cn.linli.appeal.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import cn.linli.shared.security.Actor;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The SQL predicate that limits appeals to the caller's scope; every query that returns appeals
 * goes through it. A handler sees only what its own company handles now; region roles see their
 * region; a resident what it raised or backed (+1); the owners' committee its compound's, in the
 * public column's words; the platform operator nothing.
 *
 * @param sql a condition on the appeal alias {@code a}
 */
public record AppealScope(String sql, Map<String, Object> params) {

	/** The handling company's contract for the appeal's compound is in force on {@code :today}. */
	public static final String CONTRACT_IN_FORCE = """
			exists (select 1 from service_contract sc where sc.company_id = a.handler_company_id and sc.compound_id = a.compound_id
			  and :today between sc.starts_on and sc.ends_on)""";

	/** The handling company was chosen by a supervisor although it holds no contract for the compound. */
	public static final String ROUTED_BY_SUPERVISOR = "a.routed_outside_contract";

	/** Contracts run by calendar days in China, as the registry counts them. */
	public static LocalDate today(Clock clock) {
		return LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
	}

	public static AppealScope of(Actor actor, Clock clock) {
		var scope = actor.scope();
		var params = new HashMap<String, Object>();
		String sql = switch (actor.role()) {
			case CITY, DISTRICT, STREET, COMMUNITY -> {
				params.put("scopePrefix", scope.regionCode() + "%");
				yield "a.community_code like :scopePrefix";
			}
			case COMPANY_ADMIN -> {
				// like its staff, a company sees a compound's appeals only while its contract there is in force; one that a
				// supervisor routed to it (reassigned, re-dispatched) it sees for as long as it is the handler
				params.put("scopeCompany", scope.companyId());
				params.put("today", today(clock));
				yield "(a.handler_company_id = :scopeCompany and (" + CONTRACT_IN_FORCE + " or " + ROUTED_BY_SUPERVISOR + "))";
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
			case COMMITTEE -> {
				// the owners' committee follows its compound's appeals as the public column shows them
				if (scope.compoundIds().isEmpty()) {
					yield "false";
				}
				params.put("scopeCompounds", scope.compoundIds());
				yield "a.compound_id in (:scopeCompounds)";
			}
			case ADMIN -> "false";
		};
		return new AppealScope(sql, params);
	}
}
