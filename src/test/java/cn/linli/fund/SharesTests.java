package cn.linli.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Shares;
import cn.linli.shared.domain.Shares.Party;

/**
 * The exact split, as properties over random inputs (seeded, so a failure names the case that
 * broke it): the shares add up to the amount, each is its floor or one fen more, the fen go to the
 * largest remainders, and the order of the input changes nothing.
 */
class SharesTests {

	@Test
	void sharesAddUpToTheAmountAndEachIsItsProportionToTheFen() {
		var random = new Random(20261201);
		for (int round = 0; round < 3_000; round++) {
			long seed = random.nextLong();
			var r = new Random(seed);
			long amount = amount(r);
			var parties = parties(r);
			var shares = Shares.split(amount, parties);
			String why = "seed " + seed + ", amount " + amount + ", " + parties.size() + " houses";
			assertThat(shares.stream().mapToLong(Shares.Share::share).sum()).as(why).isEqualTo(amount);
			long total = parties.stream().mapToLong(Party::base).sum();
			int ups = 0;
			for (int i = 0; i < parties.size(); i++) {
				var exact = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(parties.get(i).base()));
				long floor = exact.divide(BigInteger.valueOf(total)).longValueExact();
				long share = shares.get(i).share();
				assertThat(shares.get(i).id()).isEqualTo(parties.get(i).id());
				assertThat(share).as(why + ", house " + parties.get(i).id()).isBetween(floor, floor + 1);
				if (share == floor + 1) {
					ups++;
					assertThat(exact.mod(BigInteger.valueOf(total)).signum()).as(why + ": a fen only where something was left").isPositive();
				}
			}
			assertThat(ups).as(why).isLessThan(parties.size());
		}
	}

	@Test
	void theLeftoverFenGoToTheLargestRemaindersAndTheOrderOfTheHousesChangesNothing() {
		var random = new Random(7);
		for (int round = 0; round < 500; round++) {
			long seed = random.nextLong();
			var r = new Random(seed);
			long amount = amount(r);
			var parties = parties(r);
			long total = parties.stream().mapToLong(Party::base).sum();
			var shares = Shares.split(amount, parties);
			// whoever got a fen more has a remainder at least as large as anyone who did not
			BigInteger smallestUp = null;
			BigInteger largestNot = null;
			for (int i = 0; i < parties.size(); i++) {
				var rem = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(parties.get(i).base())).mod(BigInteger.valueOf(total));
				long floor = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(parties.get(i).base())).divide(BigInteger.valueOf(total)).longValueExact();
				if (shares.get(i).share() > floor) {
					smallestUp = smallestUp == null || rem.compareTo(smallestUp) < 0 ? rem : smallestUp;
				}
				else {
					largestNot = largestNot == null || rem.compareTo(largestNot) > 0 ? rem : largestNot;
				}
			}
			if (smallestUp != null && largestNot != null) {
				assertThat(smallestUp).as("seed " + seed).isGreaterThanOrEqualTo(largestNot);
			}
			var shuffled = new ArrayList<>(parties);
			Collections.shuffle(shuffled, r);
			var again = Shares.split(amount, shuffled);
			for (var s : again) {
				var first = shares.stream().filter(x -> x.id().equals(s.id())).findFirst().orElseThrow();
				assertThat(s.share()).as("seed " + seed + ", house " + s.id()).isEqualTo(first.share());
			}
		}
	}

	@Test
	void tiesGoToTheLargerBaseThenToTheSmallerId() {
		// 1 fen over three equal houses: the first by id gets it
		assertThat(Shares.split(1, List.of(new Party("103", 100), new Party("101", 100), new Party("102", 100))))
			.extracting(Shares.Share::share).containsExactly(0L, 1L, 0L);
		// ids that are numbers are compared as numbers: 9999 before 10000
		assertThat(Shares.split(1, List.of(new Party("10000", 1), new Party("9999", 1)))).extracting(Shares.Share::share).containsExactly(0L, 1L);
		// 100 fen over 3 houses of 1, 1, 1: 33 each, the fen left over to 101
		assertThat(Shares.split(100, List.of(new Party("101", 1), new Party("102", 1), new Party("103", 1))))
			.extracting(Shares.Share::share).containsExactly(34L, 33L, 33L);
		// equal remainders, the larger base first: 2 fen over bases 1 and 3 are 0.5 and 1.5, the fen left over goes to the 3
		assertThat(Shares.split(2, List.of(new Party("a", 1), new Party("b", 3)))).extracting(Shares.Share::share).containsExactly(0L, 2L);
		// the largest remainder first: 5 fen over bases 2 and 4 are 1.67 and 3.33
		assertThat(Shares.split(5, List.of(new Party("a", 2), new Party("b", 4)))).extracting(Shares.Share::share).containsExactly(2L, 3L);
	}

	@Test
	void theIssuesExampleAndAWholeCompound() {
		// ¥10,000.01 over three flats of 136.60, 89.50 and 120.00 m²
		var shares = Shares.split(1_000_001, List.of(new Party("101", 13_660), new Party("102", 8_950), new Party("201", 12_000)));
		assertThat(shares).extracting(Shares.Share::share).containsExactly(394_684L, 258_596L, 346_721L);
		assertThat(shares.stream().mapToLong(Shares.Share::share).sum()).isEqualTo(1_000_001);
		// ¥10⁸ over 20,000 houses of random areas, and over bases whose product with the amount passes 2⁶³
		var r = new Random(1);
		var houses = new ArrayList<Party>();
		for (int i = 0; i < 20_000; i++) {
			houses.add(new Party(String.valueOf(i + 1), 3_000 + r.nextInt(30_000)));
		}
		assertThat(Shares.split(10_000_000_000L, houses).stream().mapToLong(Shares.Share::share).sum()).isEqualTo(10_000_000_000L);
		var huge = List.of(new Party("x", 4_000_000_000_000L), new Party("y", 1));
		assertThat(Shares.split(10_000_000_000L, huge).stream().mapToLong(Shares.Share::share).sum()).isEqualTo(10_000_000_000L);
	}

	@Test
	void refusesWhatCannotBeShared() {
		assertThatThrownBy(() -> Shares.split(-1, List.of(new Party("1", 1)))).isInstanceOf(DomainException.class).hasMessageContaining("负数");
		assertThatThrownBy(() -> Shares.split(1, List.of())).isInstanceOf(DomainException.class).hasMessageContaining("至少");
		assertThatThrownBy(() -> Shares.split(1, List.of(new Party("1", 0), new Party("2", 0)))).isInstanceOf(DomainException.class)
			.hasMessageContaining("大于 0");
		assertThatThrownBy(() -> Shares.split(1, List.of(new Party("1", 1), new Party("1", 2)))).isInstanceOf(DomainException.class)
			.hasMessageContaining("重复");
		assertThatThrownBy(() -> new Party("1", -5)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> new Party(" ", 5)).isInstanceOf(DomainException.class);
		// a house with no base gets nothing, the others share all
		assertThat(Shares.split(10, List.of(new Party("1", 0), new Party("2", 3)))).extracting(Shares.Share::share).containsExactly(0L, 10L);
	}

	private static long amount(Random r) {
		// from 1 fen to ¥10⁸, spread over the magnitudes
		return Math.max(1, (long) Math.pow(10, r.nextDouble() * 10));
	}

	private static List<Party> parties(Random r) {
		int n = 1 + r.nextInt(r.nextBoolean() ? 5 : 400);
		var out = new ArrayList<Party>();
		for (int i = 0; i < n; i++) {
			// exclusive areas of 10 to 400 m², now and then an empty base (a ledger at zero)
			long base = r.nextInt(20) == 0 ? 0 : 1_000 + r.nextInt(40_000);
			out.add(new Party("h" + i, base));
		}
		if (out.stream().allMatch(p -> p.base() == 0)) {
			out.set(0, new Party("h0", 1));
		}
		return out;
	}
}
