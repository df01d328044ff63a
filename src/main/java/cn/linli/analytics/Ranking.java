package cn.linli.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

import cn.linli.appeal.IndicatorCounts;

/**
 * Fair rankings: a unit is ranked by the lower bound of the 95 % Wilson score interval of its
 * rate, so 480 satisfied of 500 (lower bound 0.939) ranks above 3 of 3 (0.438); units with fewer
 * than {@link IndicatorCounts#MIN_RANKED} rated appeals are not ranked but listed apart (样本不足).
 * Computed in {@link BigDecimal} to 20 digits, so the order never depends on floating-point rounding.
 */
public final class Ranking {

	/** z for a two-sided 95 % interval. */
	static final BigDecimal Z = new BigDecimal("1.959963984540054");

	private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

	private Ranking() {
	}

	/** The three rates a unit is ranked on; part and whole taken from its counts. */
	public enum Rate {
		RESPONSE("响应率", IndicatorCounts::acceptedOnTime, IndicatorCounts::acceptDue),
		RESOLUTION("解决率", IndicatorCounts::solved, IndicatorCounts::rated),
		SATISFACTION("满意率", IndicatorCounts::satisfied, IndicatorCounts::rated);

		private final String label;
		private final ToLongFunction<IndicatorCounts> part;
		private final ToLongFunction<IndicatorCounts> whole;

		Rate(String label, ToLongFunction<IndicatorCounts> part, ToLongFunction<IndicatorCounts> whole) {
			this.label = label;
			this.part = part;
			this.whole = whole;
		}

		public String label() {
			return label;
		}

		public Interval of(IndicatorCounts c) {
			return Interval.wilson(part.applyAsLong(c), whole.applyAsLong(c));
		}
	}

	/** A rate with its counts and its 95 % Wilson interval, each bound rounded half-up to 4 decimals for display. */
	public record Interval(long part, long whole, BigDecimal rate, BigDecimal lower, BigDecimal upper) {

		public static Interval wilson(long part, long whole) {
			if (part < 0 || whole < 0 || part > whole) {
				throw new IllegalArgumentException(part + "/" + whole);
			}
			if (whole == 0) {
				return new Interval(0, 0, null, null, null);
			}
			var n = BigDecimal.valueOf(whole);
			var p = BigDecimal.valueOf(part).divide(n, MC);
			var z2 = Z.multiply(Z, MC);
			var denominator = BigDecimal.ONE.add(z2.divide(n, MC), MC);
			var centre = p.add(z2.divide(n.multiply(BigDecimal.valueOf(2)), MC), MC).divide(denominator, MC);
			var spread = Z.multiply(p.multiply(BigDecimal.ONE.subtract(p), MC).divide(n, MC)
				.add(z2.divide(n.multiply(n).multiply(BigDecimal.valueOf(4)), MC), MC).sqrt(MC), MC).divide(denominator, MC);
			return new Interval(part, whole, p, centre.subtract(spread, MC).max(BigDecimal.ZERO), centre.add(spread, MC).min(BigDecimal.ONE));
		}

		/** For pages: "95% 区间 93.9%–97.4%". */
		public String words() {
			if (whole == 0) {
				return "—";
			}
			return pct(lower) + "–" + pct(upper);
		}

		private static String pct(BigDecimal v) {
			return v.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
		}
	}

	public record Ranked(int rank, AppealFigures.Row row, Interval interval) {
	}

	/** Units ranked on the rate, and those with too few rated appeals apart. */
	public record Result(Rate rate, List<Ranked> ranked, List<Ranked> tooFew) {
	}

	public static Result rank(List<AppealFigures.Row> rows, Rate rate) {
		var ranked = new ArrayList<Ranked>();
		var tooFew = new ArrayList<Ranked>();
		var sorted = new ArrayList<>(rows);
		sorted.sort(Comparator.comparing((AppealFigures.Row r) -> rate.of(r.counts()).lower(), Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(AppealFigures.Row::name));
		for (var row : sorted) {
			var interval = rate.of(row.counts());
			if (row.counts().rankable()) {
				ranked.add(new Ranked(ranked.size() + 1, row, interval));
			}
			else {
				tooFew.add(new Ranked(0, row, interval));
			}
		}
		return new Result(rate, ranked, tooFew);
	}
}
