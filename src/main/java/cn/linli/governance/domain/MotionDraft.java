package cn.linli.governance;

import java.time.Instant;
import java.util.List;

import cn.linli.shared.domain.DomainException;

/** What a committee or a community proposes for the owners to decide. */
public record MotionDraft(Matter matter, String title, String body, Integer seats, List<Long> buildingIds, Instant opensAt,
		Instant closesAt, boolean includeParking, boolean followMajority, List<String> candidateIds) {

	public MotionDraft {
		if (matter == null) {
			throw DomainException.invalid("matter", "请选择表决事项类别");
		}
		if (title == null || title.isBlank() || title.length() > 200) {
			throw DomainException.invalid("title", "标题必填，且不超过200字");
		}
		if (body == null || body.isBlank() || body.length() > 20_000) {
			throw DomainException.invalid("body", "表决内容必填，且不超过20000字");
		}
		if ((matter == Matter.ELECT_COMMITTEE) != (seats != null)) {
			throw DomainException.invalid("seats", "选举业委会须填写应选席位数，其他事项不填");
		}
		if (seats != null && (seats < 1 || seats > 21)) {
			throw DomainException.invalid("seats", "应选席位数应为 1–21");
		}
		if (opensAt == null || closesAt == null || !closesAt.isAfter(opensAt)) {
			throw DomainException.invalid("closesAt", "截止时间应晚于开始时间");
		}
		if (followMajority && matter == Matter.ELECT_COMMITTEE) {
			throw DomainException.invalid("followMajority", "从众规则不适用于选举");
		}
		buildingIds = buildingIds == null ? List.of() : List.copyOf(buildingIds);
		candidateIds = candidateIds == null ? List.of()
				: candidateIds.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).distinct().toList();
		if (matter == Matter.ELECT_COMMITTEE && candidateIds.size() < seats) {
			throw DomainException.invalid("candidateIds", "候选人不能少于应选席位数");
		}
		if (matter != Matter.ELECT_COMMITTEE && !candidateIds.isEmpty()) {
			throw DomainException.invalid("candidateIds", "只有选举业委会才有候选人");
		}
	}
}
