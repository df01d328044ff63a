package cn.linli.appeal.domain;

import cn.linli.appeal.Urgency;
import cn.linli.shared.domain.DomainException;

/**
 * The clocks of one category × urgency in one region: '' is the national default of DOMAIN §3, a
 * city's row overrides it and a district's row overrides its city's.
 */
public record SlaPolicy(String regionCode, String category, Urgency urgency, Minutes minutes) {

	/** Clock lengths in minutes; one minute is the shortest, so that a demo can watch escalation happen. */
	public record Minutes(int accept, int resolve, int supervise) {

		public Minutes {
			check("acceptMinutes", accept, 43_200);
			check("resolveMinutes", resolve, 525_600);
			check("superviseMinutes", supervise, 525_600);
		}

		private static void check(String field, int value, int max) {
			if (value < 1 || value > max) {
				throw DomainException.invalid(field, "时限须在 1 到 " + max + " 分钟之间");
			}
		}
	}
}
