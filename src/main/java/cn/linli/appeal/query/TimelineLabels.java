package cn.linli.appeal.query;

import java.util.Map;

/** What each timeline action is called on the pages. */
public final class TimelineLabels {

	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("SUBMITTED", "提交诉求"), Map.entry("ACCEPTED", "签收"),
			Map.entry("STARTED", "开始办理"), Map.entry("ASSIGNED", "指派"), Map.entry("NOTE", "办理备注"), Map.entry("PAUSED", "等待居民配合（暂停计时）"),
			Map.entry("RESUMED", "恢复计时"), Map.entry("RESOLVED", "反馈办理结果"), Map.entry("ROUTE_REJECTED", "派单异议"),
			Map.entry("REDISPATCHED", "重新派单"), Map.entry("REASSIGNED", "督办改派"), Map.entry("HANDED_OVER", "合同到期移交"), Map.entry("ORDERED", "督办令"),
			Map.entry("SUPERVISED", "督办意见"), Map.entry("CONFIRMED_SOLVED", "核实办结"), Map.entry("ESCALATED", "升级督办"),
			Map.entry("RATED", "居民评价"), Map.entry("REOPENED", "不满意，重新办理"), Map.entry("CLOSED_UNRATED", "超期未评价，自动办结"),
			Map.entry("SUPPORTED", "居民附议 +1"));

	private TimelineLabels() {
	}

	public static String of(String action) {
		return LABELS.getOrDefault(action, action);
	}

	/** Other residents see which side acted — a resident, the company, an office — not which person. */
	public static String anonymous(String actorName, String actorRole) {
		if (actorRole == null) {
			return "系统".equals(actorName) ? actorName : "居民";
		}
		return switch (actorRole) {
			case "RESIDENT" -> "居民";
			case "STAFF", "COMPANY_ADMIN" -> "物业服务企业";
			case "COMMUNITY" -> "社区";
			case "STREET" -> "街道";
			case "DISTRICT" -> "区县住建局";
			case "CITY" -> "市住建局";
			default -> "工作人员";
		};
	}
}
