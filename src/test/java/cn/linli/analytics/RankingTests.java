package cn.linli.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.linli.appeal.IndicatorCounts;

/** Rankings by the lower bound of the 95 % Wilson interval, small samples listed apart. */
class RankingTests {

	@Test
	void fourHundredEightySatisfiedOfFiveHundredRankAboveThreeOfThree() {
		var big = Ranking.Interval.wilson(480, 500);
		var tiny = Ranking.Interval.wilson(3, 3);
		// worked by hand: p = 0.96, n = 500 → 0.9390 … 0.9735; p = 1, n = 3 → 0.4385 … 1
		assertThat(big.lower().doubleValue()).isCloseTo(0.93903, within(1e-4));
		assertThat(big.upper().doubleValue()).isCloseTo(0.97396, within(1e-4));
		assertThat(tiny.lower().doubleValue()).isCloseTo(0.43850, within(1e-4));
		assertThat(tiny.upper()).isEqualByComparingTo(BigDecimal.ONE);
		assertThat(big.lower()).isGreaterThan(tiny.lower());
		assertThat(tiny.rate()).as("although its rate is higher").isGreaterThan(big.rate());
		assertThat(big.words()).isEqualTo("93.9%–97.4%");

		// even were 3 of 3 a full sample, the lower bound ranks it below; with 3 rated it is listed apart
		var result = Ranking.rank(List.of(row("小样本小区", 3, 3), row("大样本小区", 480, 500), row("中等小区", 40, 50)), Ranking.Rate.SATISFACTION);
		assertThat(result.ranked()).extracting(r -> r.row().name()).containsExactly("大样本小区", "中等小区");
		assertThat(result.ranked()).extracting(Ranking.Ranked::rank).containsExactly(1, 2);
		assertThat(result.tooFew()).extracting(r -> r.row().name()).containsExactly("小样本小区");
	}

	@Test
	void theSampleThresholdIsThirtyRated() {
		var result = Ranking.rank(List.of(row("二十九", 29, 29), row("三十", 24, 30)), Ranking.Rate.SATISFACTION);
		assertThat(result.ranked()).extracting(r -> r.row().name()).containsExactly("三十");
		assertThat(result.tooFew()).extracting(r -> r.row().name()).containsExactly("二十九");
	}

	@Test
	void anEmptyRateHasNoInterval() {
		var none = Ranking.Interval.wilson(0, 0);
		assertThat(none.lower()).isNull();
		assertThat(none.words()).isEqualTo("—");
		assertThat(Ranking.Interval.wilson(0, 10).lower()).isEqualByComparingTo(BigDecimal.ZERO);
	}

	private static AppealFigures.Row row(String name, long satisfied, long rated) {
		return new AppealFigures.Row(name, name, new IndicatorCounts(rated, 0, 0, 0, 0, rated, satisfied, satisfied, 0, 0, 0, 0));
	}
}
