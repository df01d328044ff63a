package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.RollHouse;
import cn.linli.governance.domain.RollHouse.Kind;

/**
 * Heads as 最高人民法院《关于审理建筑物区分所有权纠纷案件具体应用法律若干问题的解释》第九条 counts them: one
 * 专有部分 one head; all unsold or undelivered developer houses together one head; the same buyer
 * of several 专有部分 one head; houses merge only when their owner sets are identical.
 */
class ArticleNineRollTests {

	static RollHouse flat(String id, long area, String... owners) {
		return new RollHouse(id, Kind.RESIDENTIAL, area, List.of(owners), false);
	}

	@Test
	void housesSharingOneCoOwnerAreNotMergedThroughIt() {
		// A+B own 101, B+C own 102, C owns 103: three owner sets, three heads
		var roll = Roll.freeze(List.of(flat("101", 10_000, "A", "B"), flat("102", 9_000, "B", "C"), flat("103", 8_000, "C")), false);
		assertThat(roll.totalHead()).isEqualTo(3);
		assertThat(roll.totalArea()).isEqualTo(27_000);
		assertThat(roll.voters()).extracting(Roll.Voter::id).containsExactly("A+B", "B+C", "C");
		assertThat(roll.voters()).extracting(Roll.Voter::areaCenti).containsExactly(10_000L, 9_000L, 8_000L);
		assertThat(roll.votersOf("B")).as("B belongs to two voters and votes for each").extracting(Roll.Voter::id).containsExactly("A+B", "B+C");
		assertThat(roll.votersOf("C")).extracting(Roll.Voter::id).containsExactly("B+C", "C");
	}

	@Test
	void theSameBuyerOfSeveralHousesIsOneHeadWithTheAreasAdded() {
		var roll = Roll.freeze(List.of(flat("101", 10_000, "A"), flat("102", 9_000, "A", "B"), flat("103", 8_000, "A")), false);
		assertThat(roll.totalHead()).as("{A} twice is one head; {A,B} is another").isEqualTo(2);
		var a = roll.voter("A").orElseThrow();
		assertThat(a.areaCenti()).isEqualTo(18_000);
		assertThat(a.houseIds()).containsExactly("101", "103");
		assertThat(roll.voter("A+B").orElseThrow().houseIds()).containsExactly("102");
	}

	@Test
	void allDeveloperHousesTogetherAreOneHead() {
		var roll = Roll.freeze(List.of(new RollHouse("201", Kind.RESIDENTIAL, 5_000, List.of(), true),
				new RollHouse("202", Kind.RESIDENTIAL, 5_500, List.of("E"), true), new RollHouse("203", Kind.COMMERCIAL, 7_000, List.of(), true),
				flat("204", 6_500, "F")), false);
		assertThat(roll.totalHead()).isEqualTo(2);
		var developer = roll.voter(Roll.DEVELOPER).orElseThrow();
		assertThat(developer.areaCenti()).isEqualTo(17_500);
		assertThat(developer.houseIds()).containsExactly("201", "202", "203");
		assertThat(roll.votersOf("E")).as("the buyer of an undelivered house is not on the roll").isEmpty();
	}

	@Test
	void coOwnersAreOneVoterWhateverOrderTheRegistryListsThem() {
		var roll = Roll.freeze(List.of(flat("101", 10_000, "B", "A"), flat("102", 9_000, "A", "B")), false);
		assertThat(roll.totalHead()).isOne();
		var voter = roll.voter("A+B").orElseThrow();
		assertThat(voter.areaCenti()).isEqualTo(19_000);
		assertThat(voter.representative()).as("the first owner of its first house signs").isEqualTo("B");
	}

	@Test
	void parkingIsOutUnlessIncludedAndThenJoinsItsOwnersHead() {
		var houses = List.of(flat("101", 10_000, "A"), new RollHouse("P1", Kind.PARKING, 1_250, List.of("A"), false),
				new RollHouse("S1", Kind.STALL, 800, List.of("G"), false));
		var without = Roll.freeze(houses, false);
		assertThat(without.totalHead()).isOne();
		assertThat(without.totalArea()).isEqualTo(10_000);
		var with = Roll.freeze(houses, true);
		assertThat(with.totalHead()).isEqualTo(2);
		assertThat(with.voter("A").orElseThrow().areaCenti()).isEqualTo(11_250);
	}

	@Test
	void voterIdsDoNotDependOnTheOrderOfTheHouses() {
		var houses = new ArrayList<>(List.of(flat("101", 10_000, "A", "B"), flat("102", 9_000, "B", "C"), flat("103", 8_000, "C"),
				flat("104", 7_000, "D"), flat("105", 6_000, "D"), new RollHouse("106", Kind.RESIDENTIAL, 5_000, List.of(), true),
				new RollHouse("107", Kind.RESIDENTIAL, 4_000, List.of(), false)));
		var first = Roll.freeze(houses, false);
		Collections.shuffle(houses, new Random(9));
		var shuffled = Roll.freeze(houses, false);
		assertThat(shuffled.voters()).extracting(Roll.Voter::id)
			.containsExactlyInAnyOrder("A+B", "B+C", "C", "D", Roll.DEVELOPER, "HOUSE-107");
		for (var v : first.voters()) {
			assertThat(shuffled.voter(v.id()).orElseThrow().areaCenti()).as(v.id()).isEqualTo(v.areaCenti());
		}
	}

	@Test
	void anEmptyRollHasNoVoters() {
		var roll = Roll.freeze(List.of(new RollHouse("P1", Kind.PARKING, 1_250, List.of("A"), false)), false);
		assertThat(roll.isEmpty()).isTrue();
		assertThat(roll.totalHead()).isZero();
		assertThat(roll.totalArea()).isZero();
	}

	@Test
	void ownerIdsThatWouldMakeTwoVotersCollideAreRefused() {
		assertThatThrownBy(() -> flat("101", 100, "A+B")).hasMessageContaining("不能含 +");
		assertThatThrownBy(() -> flat("101", 100, "HOUSE-9")).hasMessageContaining("HOUSE-");
		assertThatThrownBy(() -> flat("101", 100, Roll.DEVELOPER)).hasMessageContaining(Roll.DEVELOPER);
	}
}
