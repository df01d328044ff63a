package cn.linli.shared.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * Splits an amount of money among parties in proportion to their bases, exact to the fen
 * (DOMAIN.md §6a): the fund's costs by exclusive area, its interest and income by balance, the
 * common income by area. Each party first gets ⌊amount × base ÷ Σ base⌋; the fen left over (fewer
 * than the parties) go one each to the largest remainders — ties to the larger base, then to the
 * smaller id — so the shares always add up to the amount and the same inputs give the same shares
 * in whatever order they come.
 */
public final class Shares {

	/** One party: an id (a house's, as text) and its base (1/100 m² of area, or fen of balance). */
	public record Party(String id, long base) {

		public Party {
			if (id == null || id.isBlank()) {
				throw DomainException.invalid("id", "每一户都须有编号");
			}
			if (base < 0) {
				throw DomainException.invalid("base", "分摊基数不能为负数：" + id);
			}
		}
	}

	/** A party's share in fen. */
	public record Share(String id, long base, long share) {
	}

	private static final Comparator<Rest> LEFTOVER_ORDER = Comparator.comparing(Rest::remainder, Comparator.reverseOrder())
		.thenComparing(Rest::base, Comparator.reverseOrder())
		.thenComparing(Rest::id, Shares::compareIds);

	private record Rest(int index, String id, long base, BigInteger remainder) {
	}

	private Shares() {
	}

	/** Ids in their natural order: numbers as numbers (9999 before 10000), anything else as text. */
	static int compareIds(String a, String b) {
		if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
			String x = a.replaceFirst("^0+(?=.)", "");
			String y = b.replaceFirst("^0+(?=.)", "");
			int byLength = Integer.compare(x.length(), y.length());
			return byLength != 0 ? byLength : x.compareTo(y);
		}
		return a.compareTo(b);
	}

	/** The shares of {@code amount} fen (≥ 0) among the parties, in the parties' order. */
	public static List<Share> split(long amount, List<Party> parties) {
		if (amount < 0) {
			throw DomainException.invalid("amount", "分摊金额不能为负数");
		}
		if (parties.isEmpty()) {
			throw DomainException.invalid("houses", "至少需要一户参与分摊");
		}
		var ids = new HashSet<String>();
		long total = 0;
		for (var p : parties) {
			if (!ids.add(p.id())) {
				throw DomainException.invalid("houses", "编号重复：" + p.id());
			}
			try {
				total = Math.addExact(total, p.base());
			}
			catch (ArithmeticException e) {
				throw DomainException.invalid("houses", "分摊基数之和过大");
			}
		}
		if (total == 0) {
			throw DomainException.invalid("houses", "分摊基数之和须大于 0");
		}
		// amount × base can pass 2⁶³ (¥10⁸ in fen times a large base): the products are exact integers
		var whole = BigInteger.valueOf(amount);
		var sum = BigInteger.valueOf(total);
		long[] shares = new long[parties.size()];
		long given = 0;
		var rests = new ArrayList<Rest>(parties.size());
		for (int i = 0; i < parties.size(); i++) {
			var p = parties.get(i);
			var qr = whole.multiply(BigInteger.valueOf(p.base())).divideAndRemainder(sum);
			shares[i] = qr[0].longValueExact();
			given += shares[i];
			if (qr[1].signum() > 0) {
				rests.add(new Rest(i, p.id(), p.base(), qr[1]));
			}
		}
		long left = amount - given;
		// the remainders sum to left × Σ base and each is below Σ base, so at least `left` parties have one
		rests.sort(LEFTOVER_ORDER);
		for (int k = 0; k < left; k++) {
			shares[rests.get(k).index()]++;
		}
		var out = new ArrayList<Share>(parties.size());
		for (int i = 0; i < parties.size(); i++) {
			out.add(new Share(parties.get(i).id(), parties.get(i).base(), shares[i]));
		}
		return out;
	}
}
