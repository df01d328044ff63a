package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

import cn.linli.governance.domain.Matter;
import cn.linli.governance.domain.Thresholds;

/** The numbers the motion page states, worked out here with decimal ceilings instead of the integer shortcuts. */
class ThresholdsTests {

	static long ceil(long numerator, long denominator) {
		return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.CEILING).longValueExact();
	}

	@Test
	void theQuorumIsTwoThirdsOfTheRollRoundedUp() {
		// the showcase compound's roll: 15,655.08 m² and 136 heads
		var t = Thresholds.of(Matter.HIRE_COMPANY, 1_565_508, 136);
		assertThat(t.quorumArea()).isEqualTo(ceil(1_565_508L * 2, 3)).isEqualTo(1_043_672);
		assertThat(t.quorumHead()).isEqualTo(ceil(136 * 2, 3)).isEqualTo(91);
		assertThat(t.quorumText()).isEqualTo("参与表决需达到专有面积 ≥ 10436.72 m² 且人数 ≥ 91 人（名册 15655.08 m²、136 人的三分之二以上）");
	}

	@Test
	void theLeastAgreementIsTheMajorityOfTheQuorum() {
		var half = Thresholds.of(Matter.HIRE_COMPANY, 57_000, 6);
		// quorum 380.00 m² and 4 heads; more than half of them: 190.01 m² and 3 heads
		assertThat(half.quorumArea()).isEqualTo(38_000);
		assertThat(half.quorumHead()).isEqualTo(4);
		assertThat(half.leastAgreeArea()).isEqualTo(19_001);
		assertThat(half.leastAgreeHead()).isEqualTo(3);
		assertThat(half.passText()).isEqualTo("通过需同意的专有面积和人数均占参与表决部分的过半数（不含半数）；参与最少时，也至少需 ≥ 190.01 m² 且 ≥ 3 人同意");

		var quarters = Thresholds.of(Matter.CHANGE_USE_OF_COMMON_PARTS, 1_565_508, 136);
		assertThat(quarters.leastAgreeArea()).isEqualTo(ceil(1_043_672L * 3, 4)).isEqualTo(782_754);
		assertThat(quarters.leastAgreeHead()).isEqualTo(ceil(91 * 3, 4)).isEqualTo(69);
		assertThat(quarters.passText()).contains("四分之三以上（含四分之三）", "≥ 7827.54 m² 且 ≥ 69 人同意");
	}

	@Test
	void anElectionNeedsMoreThanHalfWhateverTheMatterRule() {
		var t = Thresholds.of(Matter.ELECT_COMMITTEE, 57_000, 6);
		assertThat(t.rule()).isEqualTo(Matter.PassRule.MORE_THAN_HALF);
		assertThat(t.passText()).startsWith("候选人当选需获得参与表决的专有面积和人数均过半数（不含半数）的选票");
	}

	@Test
	void anEmptyRollStillNeedsOneVoter() {
		var t = Thresholds.of(Matter.CHANGE_USE_OF_COMMON_PARTS, 0, 0);
		assertThat(t.quorumHead()).isOne();
	}

	@Test
	void theStatedQuorumIsExactlyWhereTheCountChangesItsMind() {
		long total = 1_565_508;
		var t = Thresholds.of(Matter.HIRE_COMPANY, total, 136);
		assertThat(Thresholds.quorumMet(t.quorumArea(), t.quorumHead(), total, 136)).isTrue();
		assertThat(Thresholds.quorumMet(t.quorumArea() - 1, t.quorumHead(), total, 136)).isFalse();
		assertThat(Thresholds.quorumMet(t.quorumArea(), t.quorumHead() - 1, total, 136)).isFalse();
	}
}
