package cn.linli.analytics.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import cn.linli.analytics.Period;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.time.TimeConfiguration;

/** The period a page or an API call asks for: {@code days} up to today, or {@code from}/{@code to} as dates (or instants, read as their day). */
final class Periods {

	private Periods() {
	}

	static Period of(int days, String from, String to, Clock clock) {
		if (from == null || from.isBlank()) {
			return Period.lastDays(days, clock);
		}
		var today = TimeConfiguration.today(clock);
		var end = to == null || to.isBlank() ? today : day(to, "to");
		return new Period(day(from, "from"), end.isAfter(today) ? today : end);
	}

	private static LocalDate day(String value, String field) {
		try {
			return value.length() <= 10 ? LocalDate.parse(value) : LocalDate.ofInstant(Instant.parse(value), TimeConfiguration.ZONE);
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid(field, "日期格式应为 yyyy-MM-dd，如 2026-01-31");
		}
	}
}
