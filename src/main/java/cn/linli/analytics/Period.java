package cn.linli.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The days {@code from}..{@code to}, both inclusive, in Asia/Shanghai: the appeals raised on them.
 * The projections keep days, so every period is whole days ("近 30 天" = today and the 29 before).
 */
public record Period(LocalDate from, LocalDate to) {

	/** The longest period a report covers: three years and a day, for the same period of earlier years. */
	public static final int MAX_DAYS = 3 * 366;

	public Period {
		if (from == null || to == null || to.isBefore(from)) {
			throw DomainException.invalid("from", "统计周期的开始日期须不晚于结束日期");
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw DomainException.invalid("from", "统计周期不能超过三年");
		}
	}

	/** The last {@code days} days up to today. */
	public static Period lastDays(int days, Clock clock) {
		if (days < 1 || days > 366) {
			throw DomainException.invalid("days", "统计周期为 1 到 366 天");
		}
		var today = TimeConfiguration.today(clock);
		return new Period(today.minusDays(days - 1L), today);
	}

	public static Period month(java.time.YearMonth month) {
		return new Period(month.atDay(1), month.atEndOfMonth());
	}

	public int days() {
		return (int) ChronoUnit.DAYS.between(from, to) + 1;
	}

	/** The period of the same length just before this one. */
	public Period previous() {
		return new Period(from.minusDays(days()), from.minusDays(1));
	}

	/** The same days a year earlier (29 February falls on the 28th). */
	public Period yearBefore() {
		return new Period(from.minusYears(1), to.minusYears(1));
	}
}
