package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.linli.governance.counting.RecountingFiles;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Tally;
import cn.linli.governance.domain.Tally.Result;
import cn.linli.shared.csv.CsvImportRejected;

/** The Art. 278 count, on files, to the last 1/100 m². */
class TallyTests {

	/**
	 * Eleven houses and a parking space: A holds two flats (one voter, areas added), B and C co-own a
	 * flat (one voter "B+C", B represents), the developer holds an unsold flat and a sold-but-undelivered
	 * one (one voter together; E, the buyer, is not on the roll), the parking space is out of the roll.
	 */
	static final String HOUSES = """
			house_id,kind,area_centi,owner_ids,developer_held
			H1,RESIDENTIAL,10000,A,false
			H2,RESIDENTIAL,8000,A,false
			H3,RESIDENTIAL,9000,B|C,false
			H4,RESIDENTIAL,9500,D,false
			H5,RESIDENTIAL,12000,,true
			H6,RESIDENTIAL,11000,E,true
			H7,RESIDENTIAL,9000,F,false
			H8,RESIDENTIAL,10000,G,false
			H9,RESIDENTIAL,7000,H,false
			H10,RESIDENTIAL,8500,I,false
			P1,PARKING,1250,A,false
			H11,COMMERCIAL,5000,J,false
			""";

	/** I does not vote; G abstains; the B–C household agrees. */
	static final String BALLOTS = """
			voter,choice
			A,AGREE
			B+C,AGREE
			D,AGREE
			DEVELOPER,OPPOSE
			F,AGREE
			G,ABSTAIN
			H,AGREE
			J,OPPOSE
			""";

	static Tally.Outcome count(String houses, String ballots, int matter, Integer seats, boolean parking, boolean follow,
			String served) throws IOException {
		return RecountingFiles.recount(in(houses), in(ballots), new RecountingFiles.Request(matter, seats, parking, follow, served, null));
	}

	static ByteArrayInputStream in(String s) {
		return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theRollFollowsArticle278() throws IOException {
		var roll = Roll.freeze(RecountingFiles.readHouses(in(HOUSES)), false);
		assertThat(roll.totalHead()).isEqualTo(9);
		assertThat(roll.totalArea()).isEqualTo(99_000);
		assertThat(roll.voter("A").orElseThrow().areaCenti()).isEqualTo(18_000);
		assertThat(roll.votersOf("C")).extracting(Roll.Voter::id).containsExactly("B+C");
		assertThat(roll.voter("B+C").orElseThrow().representative()).isEqualTo("B");
		assertThat(roll.voter("DEVELOPER").orElseThrow().areaCenti()).isEqualTo(23_000);
		assertThat(roll.votersOf("E")).as("a buyer whose only flat is undelivered").isEmpty();

		var withParking = Roll.freeze(RecountingFiles.readHouses(in(HOUSES)), true);
		assertThat(withParking.totalHead()).isEqualTo(9);
		assertThat(withParking.totalArea()).isEqualTo(100_250);
	}

	@Test
	void aHouseWhoseOwnerIsUnknownCountsButCannotVote() throws IOException {
		String houses = HOUSES + "H12,RESIDENTIAL,6000,,false\n";
		var roll = Roll.freeze(RecountingFiles.readHouses(in(houses)), false);
		assertThat(roll.totalHead()).isEqualTo(10);
		assertThat(roll.totalArea()).isEqualTo(105_000);
		assertThatThrownBy(() -> count(houses, BALLOTS + "HOUSE-H12,AGREE\n", 4, null, false, false, null))
			.hasMessageContaining("不在表决名册中");
	}

	@Test
	void aMoreThanHalfMatterPassesAndAThreeQuartersMatterFails() throws IOException {
		var hire = count(HOUSES, BALLOTS, 4, null, false, false, null);
		assertThat(hire.participatingHead()).isEqualTo(8);
		assertThat(hire.participatingArea()).isEqualTo(90_500);
		assertThat(hire.agreeHead()).isEqualTo(5);
		assertThat(hire.agreeArea()).isEqualTo(52_500);
		assertThat(hire.abstainArea()).isEqualTo(10_000);
		assertThat(hire.opposeArea()).isEqualTo(28_000);
		assertThat(hire.result()).isEqualTo(Result.PASSED);

		var rebuild = count(HOUSES, BALLOTS, 7, null, false, false, null);
		assertThat(rebuild.agreeArea()).isEqualTo(52_500);
		assertThat(rebuild.result()).as("52,500 × 4 < 90,500 × 3").isEqualTo(Result.FAILED);
	}

	@Test
	void noQuorumOnAreaAloneWhenTheBigHoldersStayAway() throws IOException {
		String ballots = """
				voter,choice
				B+C,AGREE
				D,AGREE
				F,AGREE
				G,AGREE
				H,AGREE
				I,AGREE
				J,AGREE
				""";
		var outcome = count(HOUSES, ballots, 4, null, false, false, null);
		assertThat(outcome.participatingHead()).as("7 of 9 heads: enough").isEqualTo(7);
		// B+C 90.00, D 95.00, F 90.00, G 100.00, H 70.00, I 85.00, J 50.00 = 580.00 of 990.00, under two thirds (660.00)
		assertThat(outcome.participatingArea()).isEqualTo(58_000);
		assertThat(outcome.result()).isEqualTo(Result.NO_QUORUM);
	}

	@Test
	void exactlyTwoThirdsIsAQuorum() throws IOException {
		String houses = "house_id,kind,area_centi,owner_ids,developer_held\nh1,RESIDENTIAL,100,a,false\nh2,RESIDENTIAL,100,b,false\nh3,RESIDENTIAL,100,c,false\n";
		assertThat(count(houses, "voter,choice\na,AGREE\nb,AGREE\n", 4, null, false, false, null).result()).isEqualTo(Result.PASSED);
		String bigger = houses.replace("h3,RESIDENTIAL,100", "h3,RESIDENTIAL,101");
		assertThat(count(bigger, "voter,choice\na,AGREE\nb,AGREE\n", 4, null, false, false, null).result())
			.as("200 of 301 is under two thirds").isEqualTo(Result.NO_QUORUM);
	}

	@Test
	void exactlyThreeQuartersPassesAndExactlyHalfFails() throws IOException {
		String houses = "house_id,kind,area_centi,owner_ids,developer_held\nh1,RESIDENTIAL,100,a,false\nh2,RESIDENTIAL,100,b,false\n"
				+ "h3,RESIDENTIAL,100,c,false\nh4,RESIDENTIAL,100,d,false\n";
		assertThat(count(houses, "voter,choice\na,AGREE\nb,AGREE\nc,AGREE\nd,OPPOSE\n", 7, null, false, false, null).result())
			.isEqualTo(Result.PASSED);
		assertThat(count(houses, "voter,choice\na,AGREE\nb,AGREE\nc,ABSTAIN\nd,OPPOSE\n", 4, null, false, false, null).result())
			.as("过半数 excludes one half").isEqualTo(Result.FAILED);
		assertThat(count(houses.replace("h1,RESIDENTIAL,100", "h1,RESIDENTIAL,99"), "voter,choice\na,AGREE\nb,AGREE\nc,AGREE\nd,OPPOSE\n", 7,
				null, false, false, null).result()).as("299 of 399 is under three quarters").isEqualTo(Result.FAILED);
	}

	@Test
	void anElectionRanksByHeadsThenArea() throws IOException {
		String ballots = """
				voter,choice
				A,A|B|D
				B+C,A|B|F
				D,A|D|F
				DEVELOPER,B|D|F
				F,A|B|D
				G,B|D|F
				H,A|D|F
				J,
				""";
		// D 6 heads; B, F and A 5 heads each, with 690.00, 585.00 and 525.00 m² behind them
		var three = count(HOUSES, ballots, 3, 3, false, false, null);
		assertThat(three.result()).isEqualTo(Result.ELECTED);
		assertThat(three.elected()).as("the tie on heads at the last seat is broken by area").containsExactly("D", "B", "F");
		assertThat(three.alternates()).containsExactly("A");
		assertThat(three.participatingHead()).as("a blank ballot is participation").isEqualTo(8);
		assertThat(three.candidates()).extracting(Tally.CandidateCount::area).containsExactly(76_500L, 69_000L, 58_500L, 52_500L);
		assertThat(three.warnings()).isNull();

		var four = count(HOUSES, ballots, 3, 4, false, false, null);
		assertThat(four.elected()).containsExactly("D", "B", "F", "A");
		assertThat(four.warnings()).singleElement().asString().contains("单数");

		var five = count(HOUSES, ballots, 3, 5, false, false, null);
		assertThat(five.result()).isEqualTo(Result.PARTIAL);
		assertThat(five.elected()).containsExactly("D", "B", "F", "A");
	}

	@Test
	void aTieOnHeadsAndAreaAtTheLastSeatNeedsARunoff() throws IOException {
		var houses = new StringBuilder("house_id,kind,area_centi,owner_ids,developer_held\n");
		for (int i = 1; i <= 7; i++) {
			houses.append("h").append(i).append(",RESIDENTIAL,100,v").append(i).append(",false\n");
		}
		var outcome = count(houses.toString(), "voter,choice\nv1,v1|v2\nv2,v1|v2\nv3,v1|v3\nv4,v1|v3\nv5,v1|v2\nv6,v2|v3\nv7,v3\n", 3, 2,
				false, false, null);
		assertThat(outcome.result()).isEqualTo(Result.RUNOFF_REQUIRED);
		assertThat(outcome.elected()).containsExactly("v1");
		assertThat(outcome.candidates()).filteredOn(Tally.CandidateCount::qualified).hasSize(3);
	}

	@Test
	void followingTheMajorityPublishesTheRawAndTheDeemedResult() throws IOException {
		var outcome = count(HOUSES, BALLOTS, 4, null, false, true, "I");
		assertThat(outcome.agreeArea()).isEqualTo(52_500);
		assertThat(outcome.deemed().agreeArea()).isEqualTo(61_000);
		assertThat(outcome.deemed().agreeHead()).isEqualTo(6);
		assertThat(outcome.deemed().participatingHead()).isEqualTo(9);
		assertThat(count(HOUSES, BALLOTS, 4, null, false, false, null).deemed()).isNull();
		assertThatThrownBy(() -> count(HOUSES, BALLOTS, 4, null, false, true, "A")).hasMessageContaining("已投票");
	}

	@Test
	void badFilesNameTheLine() {
		assertThatThrownBy(() -> count(HOUSES.replace("H4,RESIDENTIAL,9500", "H4,RESIDENTIAL,95.00"), BALLOTS, 4, null, false, false, null))
			.isInstanceOfSatisfying(CsvImportRejected.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
				assertThat(err.line()).isEqualTo(5);
				assertThat(err.message()).startsWith("houses.csv").contains("area_centi");
			}));
		assertThatThrownBy(() -> count(HOUSES, BALLOTS + "B+C,OPPOSE\n", 4, null, false, false, null))
			.isInstanceOfSatisfying(CsvImportRejected.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
				assertThat(err.line()).isEqualTo(10);
				assertThat(err.message()).startsWith("ballots.csv").contains("已有一张有效选票");
			}));
		assertThatThrownBy(() -> count(HOUSES, BALLOTS.replace("G,ABSTAIN", "Z,ABSTAIN"), 4, null, false, false, null))
			.isInstanceOfSatisfying(CsvImportRejected.class, e -> assertThat(e.errors().get(0).line()).isEqualTo(7));
		assertThatThrownBy(() -> count(HOUSES, "voter,choice\nA,A|B|D|F\n", 3, 3, false, false, null))
			.hasMessageContaining("超过应选席位");
		assertThatThrownBy(() -> count(HOUSES, BALLOTS, 10, null, false, false, null)).hasMessageContaining("第1–9项");
	}
}
