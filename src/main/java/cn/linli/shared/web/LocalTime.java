package cn.linli.shared.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.time.TimeConfiguration;

/** A time as a {@code datetime-local} field sends it, read in Beijing time; blank or malformed is a field error. */
public final class LocalTime {

	private LocalTime() {
	}

	public static Instant required(String value, String field) {
		if (value == null || value.isBlank()) {
			throw DomainException.invalid(field, "请填写时间");
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(TimeConfiguration.ZONE).toInstant();
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid(field, "时间格式不正确");
		}
	}
}
