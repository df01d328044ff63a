package cn.linli.analytics.web;

import cn.linli.analytics.trend.Trends;
import cn.linli.shared.domain.DomainException;

/** WEEK/MONTH, or 周/月, from a request. */
final class Grains {

	private Grains() {
	}

	static Trends.Grain parse(String value) {
		return switch (value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT)) {
			case "WEEK", "周" -> Trends.Grain.WEEK;
			case "MONTH", "月" -> Trends.Grain.MONTH;
			default -> throw DomainException.invalid("grain", "周期粒度不正确，可选：周（WEEK）、月（MONTH）");
		};
	}
}
