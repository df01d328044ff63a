package cn.linli.governance.domain;

import java.time.Instant;
import java.util.List;

import cn.linli.shared.domain.FieldErrors;

/**
 * What a committee or a community proposes for the owners to decide, as given; {@link #problems()}
 * finds everything wrong with it at once, so a form shows every field error together.
 */
public record MotionDraft(Integer matter, String title, String body, Integer seats, List<Long> buildingIds, Instant opensAt,
		Instant closesAt, boolean includeParking, boolean followMajority, List<String> candidateIds) {

	/** The longest voting period: owners must know when a decision is due. */
	public static final java.time.Duration MAX_VOTING_PERIOD = java.time.Duration.ofDays(90);

	private static boolean plausible(Instant t) {
		return t.isAfter(Instant.parse("2000-01-01T00:00:00Z")) && t.isBefore(Instant.parse("2100-01-01T00:00:00Z"));
	}


	public MotionDraft {
		title = title == null ? null : title.trim();
		body = body == null ? null : body.strip();
		buildingIds = buildingIds == null ? List.of() : buildingIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
		candidateIds = candidateIds == null ? List.of() : candidateIds.stream().filter(java.util.Objects::nonNull).toList();
	}

	public FieldErrors problems() {
		var errors = new FieldErrors();
		Matter kind = null;
		if (matter == null) {
			errors.add("matter", "请选择表决事项类别");
		}
		else {
			kind = errors.collect(() -> Matter.of(matter));
		}
		errors.check(title == null || title.isEmpty() || title.length() > 200, "title", "标题必填，且不超过200字");
		errors.check(body == null || body.isEmpty() || body.length() > 20_000, "body", "表决内容必填，且不超过20000字");
		boolean election = kind != null && kind.isElection();
		if (kind != null && election && seats == null) {
			errors.add("seats", "选举业委会须填写应选席位数");
		}
		else if (kind != null && !election && seats != null) {
			errors.add("seats", "只有选举业委会才填写应选席位数");
		}
		else if (seats != null && (seats < 1 || seats > 21)) {
			errors.add("seats", "应选席位数应为 1–21");
		}
		errors.check(opensAt == null, "opensAt", "请填写开始时间");
		if (closesAt == null) {
			errors.add("closesAt", "请填写截止时间");
		}
		else if (opensAt != null && !closesAt.isAfter(opensAt)) {
			errors.add("closesAt", "截止时间应晚于开始时间");
		}
		else if (opensAt != null && closesAt.isAfter(opensAt.plus(MAX_VOTING_PERIOD))) {
			errors.add("closesAt", "投票期不能超过 " + MAX_VOTING_PERIOD.toDays() + " 天");
		}
		// a mistyped year (200000) must not make a vote that never closes
		errors.check(opensAt != null && !plausible(opensAt), "opensAt", "开始时间不在 2000–2100 年之间");
		errors.check(closesAt != null && !plausible(closesAt), "closesAt", "截止时间不在 2000–2100 年之间");
		errors.check(followMajority && election, "followMajority", "从众规则不适用于选举");
		var candidates = errors.collect(() -> Candidates.of(candidateIds, "candidateIds"));
		if (candidates != null && kind != null) {
			if (election && seats != null && candidates.size() < seats) {
				errors.add("candidateIds", "候选人不能少于应选席位数");
			}
			errors.check(!election && !candidates.isEmpty(), "candidateIds", "只有选举业委会才有候选人");
		}
		return errors;
	}

	/** The matter; only for a draft without {@link #problems()}. */
	public Matter kind() {
		return Matter.of(matter);
	}

	/** The nominated candidates; only for a draft without {@link #problems()}. */
	public List<String> candidates() {
		return Candidates.of(candidateIds, "candidateIds");
	}
}
