package cn.linli.governance;

import java.time.Instant;

public record MotionView(long id, long compoundId, int matter, String matterLabel, String title, String body, Integer seats,
		Instant opensAt, Instant closesAt, String convenedBy, MotionStatus status, Long rollArea, Long rollHead,
		Instant publishedAt, Tally.Outcome outcome, Instant objectionsUntil, long ballots, boolean open, int version) {
}
