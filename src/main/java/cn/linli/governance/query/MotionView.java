package cn.linli.governance;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

public record MotionView(long id, long compoundId, int matter, String matterLabel, String title, String body, Integer seats,
		Instant opensAt, Instant closesAt, String convenedBy, MotionStatus status, Long rollArea, Long rollHead,
		Instant publishedAt, Tally.Outcome outcome, Instant objectionsUntil, long ballots, boolean open, int version,
		java.util.List<Candidate> candidates) {

	/** A nominated candidate: owner id and name (candidates' names are public in an election). */
	public record Candidate(String ownerId, String name) {
	}

	static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

	public String candidateName(String ownerId) {
		return candidates.stream().filter(c -> c.ownerId().equals(ownerId)).map(Candidate::name).findFirst().orElse(ownerId);
	}

	public String opensAtText() {
		return SHOWN.format(opensAt);
	}

	public String closesAtText() {
		return SHOWN.format(closesAt);
	}

	public String objectionsUntilText() {
		return objectionsUntil == null ? null : SHOWN.format(objectionsUntil);
	}

	/** After the objection period (异议期) the result is final. */
	public boolean isFinal() {
		return objectionsUntil != null && Instant.now().isAfter(objectionsUntil);
	}

	public String statusLabel() {
		return switch (status) {
			case DRAFT -> "待社区审核发布";
			case PUBLISHED -> open ? "投票中" : (Instant.now().isBefore(opensAt) ? "已公告，未开始" : "已截止，待计票");
			case CLOSED -> isFinal() ? "结果已生效" : "已计票，异议期内";
		};
	}

	/** 1/100 m² as square metres with two decimals. */
	public static String m2(long centi) {
		return java.math.BigDecimal.valueOf(centi, 2).toPlainString();
	}
}
