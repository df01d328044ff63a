package cn.linli.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

import cn.linli.shared.audit.DomainEvent;

/** A new hot spot (an episode, told once): the supervisors of its region hear of it after commit. */
public record HotSpotDetected(long id, String unit, String key, String name, String regionCode, String category, String categoryName, long count,
		BigDecimal threshold, LocalDate from, LocalDate to) implements DomainEvent {

	@Override
	public String action() {
		return "analytics.hotspot-detected";
	}

	@Override
	public String subjectType() {
		return "hotspot";
	}

	@Override
	public String subjectId() {
		return String.valueOf(id);
	}

	@Override
	public String summary() {
		return name + " " + categoryName + " 近期 " + count + " 件（阈值 " + threshold.toPlainString() + "）";
	}
}
