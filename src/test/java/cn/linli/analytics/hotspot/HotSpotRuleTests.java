package cn.linli.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The hot-spot rule at its boundaries: count ≥ max(5, mean + 3 sd of the eight windows before). */
class HotSpotRuleTests {

	/** The recent count first, then the eight earlier windows, nearest first. */
	private static long[] w(long recent, long... before) {
		var out = new long[9];
		out[0] = recent;
		System.arraycopy(before, 0, out, 1, 8);
		return out;
	}

	@Test
	void atLeastFiveWhenNothingHappenedBefore() {
		assertThat(HotSpots.isHot(w(5, 0, 0, 0, 0, 0, 0, 0, 0))).isTrue();
		assertThat(HotSpots.isHot(w(4, 0, 0, 0, 0, 0, 0, 0, 0))).isFalse();
		assertThat(HotSpots.threshold(w(5, 0, 0, 0, 0, 0, 0, 0, 0))).isEqualByComparingTo("5");
		// a steady 2 a week: sd 0, the floor of 5 decides
		assertThat(HotSpots.isHot(w(5, 2, 2, 2, 2, 2, 2, 2, 2))).isTrue();
		assertThat(HotSpots.isHot(w(4, 2, 2, 2, 2, 2, 2, 2, 2))).isFalse();
	}

	@Test
	void exactlyMeanPlusThreeStandardDeviationsIsAHotSpotOneLessIsNot() {
		// 4,4,4,4,8,8,8,8: mean 6, sd 2 → threshold exactly 12
		assertThat(HotSpots.threshold(w(12, 4, 4, 4, 4, 8, 8, 8, 8))).isEqualByComparingTo(new BigDecimal("12.00"));
		assertThat(HotSpots.isHot(w(12, 4, 4, 4, 4, 8, 8, 8, 8))).isTrue();
		assertThat(HotSpots.isHot(w(11, 4, 4, 4, 4, 8, 8, 8, 8))).isFalse();
		// one busy week of 8 before: mean 1, sd √7 → 8.94; 9 is hot, 8 is not
		assertThat(HotSpots.threshold(w(9, 8, 0, 0, 0, 0, 0, 0, 0))).isEqualByComparingTo("8.94");
		assertThat(HotSpots.isHot(w(9, 8, 0, 0, 0, 0, 0, 0, 0))).isTrue();
		assertThat(HotSpots.isHot(w(8, 8, 0, 0, 0, 0, 0, 0, 0))).isFalse();
		// below the mean is never hot
		assertThat(HotSpots.isHot(w(20, 30, 30, 30, 30, 30, 30, 30, 30))).isFalse();
	}
}
