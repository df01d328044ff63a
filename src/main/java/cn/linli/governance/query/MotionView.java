package cn.linli.governance.query;

import java.time.Instant;
import java.util.List;

import cn.linli.governance.domain.MotionStatus;
import cn.linli.governance.domain.Tally;
import cn.linli.governance.domain.Thresholds;
import cn.linli.shared.domain.Area;

/**
 * A motion as its readers see it, at the instant it was read ({@code open}, {@code finalResult} and
 * {@code statusLabel} are as of then). {@code scope} names the voting buildings, or the whole
 * compound; {@code thresholds} are the numbers of the frozen roll, once published.
 */
public record MotionView(long id, long compoundId, int matter, String matterLabel, String title, String body, Integer seats,
		List<Long> buildingIds, String scope, Instant opensAt, Instant closesAt, String convenedBy, MotionStatus status,
		String statusLabel, String returnReason, Instant returnedAt, boolean includeParking, boolean followMajority, Long rollArea,
		Long rollHead, Thresholds thresholds, Instant publishedAt, Tally.Outcome outcome, Instant objectionsUntil, boolean finalResult,
		long ballots, boolean open, int version, List<Candidate> candidates) {

	/** A nominated candidate: owner id and name (candidates' names are public in an election). */
	public record Candidate(String ownerId, String name) {
	}

	public String candidateName(String ownerId) {
		return candidates.stream().filter(c -> c.ownerId().equals(ownerId)).map(Candidate::name).findFirst().orElse(ownerId);
	}

	public boolean isElection() {
		return seats != null;
	}

	/** 1/100 m² as square metres with two decimals. */
	public static String m2(long centi) {
		return new Area(centi).squareMetres();
	}
}
