package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import cn.linli.governance.domain.Tally;
import cn.linli.governance.domain.Tally.Result;

/**
 * The count at its bounds (DOMAIN.md §5, Art. 1259: 以上 includes the bound, 过半数 excludes it), area
 * and heads each on their own, every ballot in the file so that the quorum is met.
 */
class CountingBoundaryTests {

	/** One flat per owner v1, v2 …, with these areas in 1/100 m². */
	static String houses(long... areas) {
		var csv = new StringBuilder("house_id,kind,area_centi,owner_ids,developer_held\n");
		for (int i = 0; i < areas.length; i++) {
			csv.append("h").append(i + 1).append(",RESIDENTIAL,").append(areas[i]).append(",v").append(i + 1).append(",false\n");
		}
		return csv.toString();
	}

	/** The first {@code agree} voters agree, the others oppose. */
	static String ballots(int voters, int agree) {
		var csv = new StringBuilder("voter,choice\n");
		for (int i = 1; i <= voters; i++) {
			csv.append('v').append(i).append(i <= agree ? ",AGREE\n" : ",OPPOSE\n");
		}
		return csv.toString();
	}

	static Tally.Outcome count(String houses, String ballots, int matter) throws IOException {
		return TallyTests.count(houses, ballots, matter, null, false, false, null);
	}

	@Test
	void mattersSixAndEightPassAtExactlyThreeQuarters() throws IOException {
		for (int matter : new int[] { 6, 8 }) {
			var outcome = count(houses(10_000, 10_000, 10_000, 10_000), ballots(4, 3), matter);
			assertThat(outcome.agreeArea()).isEqualTo(30_000);
			assertThat(outcome.participatingArea()).isEqualTo(40_000);
			assertThat(outcome.result()).as("matter %d: 3 of 4 heads and 300.00 of 400.00 m²", matter).isEqualTo(Result.PASSED);
		}
	}

	@Test
	void mattersSixAndEightFailOneHundredthOfASquareMetreBelowThreeQuarters() throws IOException {
		for (int matter : new int[] { 6, 8 }) {
			// 299.99 of 399.99 m²: 29,999 × 4 = 119,996 < 39,999 × 3 = 119,997; heads still exactly 3 of 4
			var outcome = count(houses(9_999, 10_000, 10_000, 10_000), ballots(4, 3), matter);
			assertThat(outcome.agreeArea()).isEqualTo(29_999);
			assertThat(outcome.agreeHead()).isEqualTo(3);
			assertThat(outcome.result()).as("matter %d", matter).isEqualTo(Result.FAILED);
		}
	}

	@Test
	void mattersSixAndEightFailOneHeadBelowThreeQuarters() throws IOException {
		// 16 voters; 12 agree: 12 × 4 = 48 ≥ 16 × 3 passes, 11 agree: 44 < 48 fails — while the agreeing hold over 3/4 of the area
		long[] areas = new long[16];
		for (int i = 0; i < 16; i++) {
			areas[i] = i < 12 ? 50_000 : 1_000;
		}
		for (int matter : new int[] { 6, 8 }) {
			assertThat(count(houses(areas), ballots(16, 12), matter).result()).as("matter %d, 12 of 16", matter).isEqualTo(Result.PASSED);
			var below = count(houses(areas), ballots(16, 11), matter);
			assertThat(below.agreeHead()).isEqualTo(11);
			// 5,500.00 of 6,040.00 m² agree: 550,000 × 4 ≥ 604,000 × 3, the area alone would pass
			assertThat(below.agreeArea()).isEqualTo(550_000);
			assertThat(below.participatingArea()).isEqualTo(604_000);
			assertThat(below.result()).as("matter %d, 11 of 16", matter).isEqualTo(Result.FAILED);
		}
	}

	@Test
	void matterFourFailsAtExactlyHalf() throws IOException {
		var outcome = count(houses(10_000, 10_000, 10_000, 10_000), ballots(4, 2), 4);
		assertThat(outcome.agreeHead()).isEqualTo(2);
		assertThat(outcome.agreeArea()).isEqualTo(20_000);
		assertThat(outcome.result()).as("2 of 4 heads and 200.00 of 400.00 m²: 过半数 excludes one half").isEqualTo(Result.FAILED);
		assertThat(count(houses(10_001, 10_000, 10_000, 10_000), ballots(4, 3), 4).result()).as("3 of 4, 300.01 of 400.01")
			.isEqualTo(Result.PASSED);
	}

	@Test
	void aMotionFailsOnHeadsAloneWhenTheAreaPasses() throws IOException {
		// v1, v2 agree with 150.00 m² each; v3, v4 oppose with 50.00 each: 300.00 of 400.00 m² but 2 of 4 heads
		var outcome = count(houses(15_000, 15_000, 5_000, 5_000), ballots(4, 2), 4);
		assertThat(outcome.agreeArea()).isEqualTo(30_000);
		assertThat(outcome.agreeHead()).isEqualTo(2);
		assertThat(outcome.result()).isEqualTo(Result.FAILED);
	}

	@Test
	void aMotionFailsOnAreaAloneWhenTheHeadsPass() throws IOException {
		// v1–v3 agree with 100.00 m² each; v4 opposes with 300.00: 3 of 4 heads but exactly half of 600.00 m²
		var outcome = count(houses(10_000, 10_000, 10_000, 30_000), ballots(4, 3), 4);
		assertThat(outcome.agreeHead()).isEqualTo(3);
		assertThat(outcome.agreeArea()).isEqualTo(30_000);
		assertThat(outcome.participatingArea()).isEqualTo(60_000);
		assertThat(outcome.result()).isEqualTo(Result.FAILED);
	}

	@Test
	void anEmptyRollNeverPasses() throws IOException {
		// a garage: parking spaces are out of the roll, nobody is left to take part
		String garage = "house_id,kind,area_centi,owner_ids,developer_held\nP1,PARKING,1250,a,false\nP2,PARKING,1300,b,false\n";
		for (int matter = 1; matter <= 9; matter++) {
			if (matter == 3) {
				continue;
			}
			var outcome = count(garage, "voter,choice\n", matter);
			assertThat(outcome.totalHead()).isZero();
			assertThat(outcome.result()).as("matter %d", matter).isEqualTo(Result.NO_QUORUM);
		}
		var election = TallyTests.count(garage, "voter,choice\n", 3, 3, false, false, null);
		assertThat(election.result()).isEqualTo(Result.NO_QUORUM);
		assertThat(election.elected()).isEmpty();
		assertThatThrownBy(() -> count("house_id,kind,area_centi,owner_ids,developer_held\n", "voter,choice\n", 8))
			.as("a houses file without houses is refused, not counted").hasMessageContaining("houses.csv：文件没有数据行");
	}
}
