package cn.linli.appeal;

/**
 * A compound's indicators over its last days, for the public column. The numbers are kept by the
 * analytics module, which provides this; the appeal module only shows them.
 */
public interface CompoundIndicators {

	IndicatorCounts lastDays(long compoundId, int days);
}
