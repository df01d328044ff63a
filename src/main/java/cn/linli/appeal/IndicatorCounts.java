package cn.linli.appeal;

import com.fasterxml.jackson.annotation.JsonProperty;

import cn.linli.registry.RegistryFigures;

/**
 * The counts behind every DOMAIN §3 rate of a unit over a period, with the households and area
 * the complaint density is taken over. Every rate is part ÷ whole of two of these counts, so a
 * page or an export can show (and anyone recompute) what it rests on.
 */
public record IndicatorCounts(long appeals, long acceptDue, long acceptedOnTime, long resolveDue, long resolvedOnTime, long rated,
		long satisfied, long solved, long complaints, long repeats, long households, long buildingAreaCenti) {

	/** Below this many rated appeals a unit is listed apart (样本不足), never ranked. */
	public static final int MIN_RANKED = 30;

	public static final IndicatorCounts ZERO = new IndicatorCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	@JsonProperty
	public Double responseRate() {
		return rate(acceptedOnTime, acceptDue);
	}

	@JsonProperty
	public Double onTimeRate() {
		return rate(resolvedOnTime, resolveDue);
	}

	@JsonProperty
	public Double resolutionRate() {
		return rate(solved, rated);
	}

	@JsonProperty
	public Double satisfactionRate() {
		return rate(satisfied, rated);
	}

	@JsonProperty
	public Double repeatRate() {
		return rate(repeats, appeals);
	}

	/** Complaints per 1,000 households. */
	@JsonProperty
	public Double densityPerThousandHouseholds() {
		return households == 0 ? null : complaints * 1000.0 / households;
	}

	/** Complaints per 100,000 m² of building area (area kept in 1/100 m²). */
	@JsonProperty
	public Double densityPerHundredThousandSquareMetres() {
		return buildingAreaCenti == 0 ? null : complaints * 100_000.0 * 100 / buildingAreaCenti;
	}

	@JsonProperty
	public boolean rankable() {
		return rated >= MIN_RANKED;
	}

	public IndicatorCounts withSize(RegistryFigures.Size size) {
		return size == null ? this : new IndicatorCounts(appeals, acceptDue, acceptedOnTime, resolveDue, resolvedOnTime, rated, satisfied, solved,
				complaints, repeats, size.households(), size.buildingAreaCenti());
	}

	public IndicatorCounts plus(IndicatorCounts o) {
		return new IndicatorCounts(appeals + o.appeals, acceptDue + o.acceptDue, acceptedOnTime + o.acceptedOnTime, resolveDue + o.resolveDue,
				resolvedOnTime + o.resolvedOnTime, rated + o.rated, satisfied + o.satisfied, solved + o.solved, complaints + o.complaints,
				repeats + o.repeats, households + o.households, buildingAreaCenti + o.buildingAreaCenti);
	}

	private static Double rate(long part, long whole) {
		return whole == 0 ? null : (double) part / whole;
	}
}
