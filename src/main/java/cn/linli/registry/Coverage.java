package cn.linli.registry;

/**
 * The coverage indicators of DOMAIN.md §4 for one region (or compound), each with its counts.
 * Committee coverage counts compounds with a committee in term over eligible compounds: those
 * with at least {@link #ELIGIBLE_HOUSEHOLDS} households (smaller ones govern themselves without one).
 */
public record Coverage(String code, String name, long compounds, long served, long professional, long eligible,
		long committees, long companies, long partyCompanies, long gridWorkers) {

	public static final int ELIGIBLE_HOUSEHOLDS = 30;

	public Double serviceRate() {
		return rate(served, compounds);
	}

	public Double professionalRate() {
		return rate(professional, compounds);
	}

	public Double committeeRate() {
		return rate(committees, eligible);
	}

	public Double partyRate() {
		return rate(partyCompanies, companies);
	}

	/** A share in percent with one decimal, or null where the denominator is zero (shown as "—"). */
	static Double rate(long part, long whole) {
		return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
	}
}
