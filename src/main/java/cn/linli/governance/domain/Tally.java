package cn.linli.governance.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.shared.domain.DomainException;

/**
 * The count of one decision, in integers (1/100 m² and heads). Quorum: participants hold ≥ 2/3 of
 * the area and are ≥ 2/3 of the heads, and are at least one voter — an empty roll decides nothing. Pass: the matter's rule on both the participating area and
 * the participating heads. An abstention or a blank ballot is participation. Elections: a
 * candidate needs more than half of the participating area and heads; the qualified are ranked by
 * heads, then area.
 */
public final class Tally {

	private Tally() {
	}

	/** DOMAIN.md §2: a committee has 5–11 members, an odd number; 3 are allowed for a compound of at most 100 households. */
	public static boolean seatsAllowed(int seats, long households) {
		return seats % 2 == 1 && (seats >= 5 && seats <= 11 || seats == 3 && households <= 100);
	}

	public enum Result {
		PASSED("通过"), FAILED("未通过"), NO_QUORUM("参与表决的专有面积或人数不足三分之二，未形成决定"), ELECTED("选举产生"),
		PARTIAL("当选人数不足应选席位"), RUNOFF_REQUIRED("末位得票相同，需另行选举");

		private final String label;

		Result(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Count(long totalArea, long totalHead, long participatingArea, long participatingHead, long agreeArea,
			long agreeHead, long opposeArea, long opposeHead, long abstainArea, long abstainHead, Result result,
			List<String> elected, List<String> alternates, List<CandidateCount> candidates) {
	}

	public record CandidateCount(String ownerId, long area, long head, boolean qualified) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Outcome(long totalArea, long totalHead, long participatingArea, long participatingHead, long agreeArea,
			long agreeHead, long opposeArea, long opposeHead, long abstainArea, long abstainHead, Result result,
			List<String> elected, List<String> alternates, List<CandidateCount> candidates, Count deemed, List<String> warnings) {

		static Outcome of(Count c, Count deemed, List<String> warnings) {
			return new Outcome(c.totalArea(), c.totalHead(), c.participatingArea(), c.participatingHead(), c.agreeArea(),
					c.agreeHead(), c.opposeArea(), c.opposeHead(), c.abstainArea(), c.abstainHead(), c.result(), c.elected(),
					c.alternates(), c.candidates(), deemed, warnings.isEmpty() ? null : warnings);
		}
	}

	static boolean quorum(long partArea, long partHead, Roll roll) {
		return Thresholds.quorumMet(partArea, partHead, roll.totalArea(), roll.totalHead());
	}

	/** A motion (any matter but an election). {@code ballots} are keyed by voter id, one each. */
	public static Outcome motion(Matter matter, Roll roll, Map<String, Ballot> ballots, Set<String> servedNonVoters,
			boolean followMajority) {
		var raw = countMotion(matter, roll, ballots.values(), 0, 0, null);
		Count deemed = null;
		if (followMajority) {
			deemed = deemed(matter, roll, ballots, servedNonVoters);
		}
		return Outcome.of(raw, deemed, List.of());
	}

	private static Count countMotion(Matter matter, Roll roll, java.util.Collection<Ballot> ballots, long extraArea,
			long extraHead, Choice extraChoice) {
		long[] area = new long[3];
		long[] head = new long[3];
		for (Ballot b : ballots) {
			var voter = roll.voter(b.voterId()).orElseThrow();
			area[b.choice().ordinal()] += voter.areaCenti();
			head[b.choice().ordinal()]++;
		}
		if (extraChoice != null) {
			area[extraChoice.ordinal()] += extraArea;
			head[extraChoice.ordinal()] += extraHead;
		}
		long partArea = area[0] + area[1] + area[2];
		long partHead = head[0] + head[1] + head[2];
		Result result;
		if (!quorum(partArea, partHead, roll)) {
			result = Result.NO_QUORUM;
		}
		else {
			var rule = matter.passRule();
			result = rule.met(area[0], partArea) && rule.met(head[0], partHead) ? Result.PASSED : Result.FAILED;
		}
		return new Count(roll.totalArea(), roll.totalHead(), partArea, partHead, area[0], head[0], area[1], head[1], area[2],
				head[2], result, null, null, null);
	}

	/**
	 * 从众: served non-voters are counted with the majority of those who voted — the choice with the
	 * most heads, then the most area; when even that ties there is no majority to follow.
	 */
	private static Count deemed(Matter matter, Roll roll, Map<String, Ballot> ballots, Set<String> servedNonVoters) {
		long[] head = new long[3];
		long[] area = new long[3];
		for (Ballot b : ballots.values()) {
			head[b.choice().ordinal()]++;
			area[b.choice().ordinal()] += roll.voter(b.voterId()).orElseThrow().areaCenti();
		}
		Choice majority = null;
		for (Choice c : Choice.values()) {
			if (majority == null || head[c.ordinal()] > head[majority.ordinal()]
					|| (head[c.ordinal()] == head[majority.ordinal()] && area[c.ordinal()] > area[majority.ordinal()])) {
				majority = c;
			}
		}
		final Choice winner = majority;
		boolean tie = java.util.Arrays.stream(Choice.values()).filter(c -> c != winner)
			.anyMatch(c -> head[c.ordinal()] == head[winner.ordinal()] && area[c.ordinal()] == area[winner.ordinal()]);
		long extraArea = 0;
		long extraHead = 0;
		for (String voterId : servedNonVoters) {
			extraArea += roll.voter(voterId).orElseThrow().areaCenti();
			extraHead++;
		}
		return countMotion(matter, roll, ballots.values(), tie || ballots.isEmpty() ? 0 : extraArea,
				tie || ballots.isEmpty() ? 0 : extraHead, tie || ballots.isEmpty() ? null : winner);
	}

	/**
	 * Committee election (matter 3) for {@code seats} seats. {@code households} is the compound's
	 * number of households, which decides whether a three-member committee is allowed (≤ 100).
	 */
	public static Outcome election(Roll roll, Map<String, Ballot> ballots, int seats, long households) {
		if (seats < 1) {
			throw DomainException.invalid("seats", "选举须给出应选席位数 seats");
		}
		long partArea = 0;
		long partHead = ballots.size();
		var candArea = new LinkedHashMap<String, Long>();
		var candHead = new HashMap<String, Long>();
		for (Ballot b : ballots.values()) {
			long a = roll.voter(b.voterId()).orElseThrow().areaCenti();
			partArea += a;
			for (String candidate : b.candidates()) {
				candArea.merge(candidate, a, Long::sum);
				candHead.merge(candidate, 1L, Long::sum);
			}
		}
		var warnings = new ArrayList<String>();
		if (!seatsAllowed(seats, households)) {
			warnings.add("应选席位数宜为5–11人的单数（100户以下可为3人），本小区 " + households + " 户，当前为 " + seats + " 人");
		}
		var candidates = new ArrayList<CandidateCount>();
		final long pa = partArea;
		candArea.forEach((id, a) -> {
			long h = candHead.get(id);
			var half = Matter.PassRule.MORE_THAN_HALF;
			candidates.add(new CandidateCount(id, a, h, half.met(a, pa) && half.met(h, partHead)));
		});
		candidates.sort(Comparator.comparingLong(CandidateCount::head).reversed()
			.thenComparing(Comparator.comparingLong(CandidateCount::area).reversed()).thenComparing(CandidateCount::ownerId));
		var qualified = candidates.stream().filter(CandidateCount::qualified).toList();
		Result result;
		List<String> elected;
		List<String> alternates;
		if (!quorum(partArea, partHead, roll)) {
			result = Result.NO_QUORUM;
			elected = List.of();
			alternates = List.of();
		}
		else if (qualified.size() <= seats) {
			elected = qualified.stream().map(CandidateCount::ownerId).toList();
			alternates = List.of();
			result = qualified.size() == seats ? Result.ELECTED : Result.PARTIAL;
		}
		else {
			var last = qualified.get(seats - 1);
			var next = qualified.get(seats);
			if (last.head() == next.head() && last.area() == next.area()) {
				// the last seat is tied: those strictly ahead are elected, the tied go to a runoff
				result = Result.RUNOFF_REQUIRED;
				elected = qualified.stream().filter(c -> c.head() > last.head() || (c.head() == last.head() && c.area() > last.area()))
					.map(CandidateCount::ownerId).toList();
				alternates = List.of();
			}
			else {
				result = Result.ELECTED;
				elected = qualified.subList(0, seats).stream().map(CandidateCount::ownerId).toList();
				alternates = qualified.subList(seats, qualified.size()).stream().map(CandidateCount::ownerId).toList();
			}
		}
		var count = new Count(roll.totalArea(), roll.totalHead(), partArea, partHead, 0, 0, 0, 0, 0, 0, result, elected,
				alternates, candidates);
		return Outcome.of(count, null, warnings);
	}
}
