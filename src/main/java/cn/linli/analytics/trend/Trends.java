package cn.linli.analytics.trend;

import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.region.RegionApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.time.TimeConfiguration;

/**
 * Weekly and monthly series of a region's appeals (all, or one category) beside the same weeks or
 * months a year earlier, from the projections: months from {@code analytics_month}, weeks (Monday
 * to Sunday) from {@code analytics_day}. A week a year earlier is the one 52 weeks before, so that
 * weekdays line up.
 */
@Service
@Transactional(readOnly = true)
public class Trends {

	public enum Grain {
		WEEK, MONTH
	}

	/**
	 * One week or month: appeals, valid complaints, rated and satisfied, and the same for the period
	 * a year earlier. {@code satisfactionRate} is satisfied ÷ rated (null when nothing was rated).
	 */
	public record Point(String label, LocalDate start, LocalDate end, long appeals, long complaints, long rated, long satisfied,
			long appealsYearBefore, long complaintsYearBefore, long ratedYearBefore, long satisfiedYearBefore) {

		public Double satisfactionRate() {
			return rated == 0 ? null : (double) satisfied / rated;
		}

		public Double satisfactionRateYearBefore() {
			return ratedYearBefore == 0 ? null : (double) satisfiedYearBefore / ratedYearBefore;
		}
	}

	public record Series(String code, String name, Grain grain, String category, List<Point> points) {
	}

	private final JdbcClient jdbc;
	private final RegionApi regions;
	private final Clock clock;

	Trends(JdbcClient jdbc, RegionApi regions, Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.clock = clock;
	}

	/** The last {@code count} weeks or months up to the current one (which is still running). */
	public Series forRegion(Actor actor, String code, Grain grain, int count, String category) {
		if (code == null || !actor.scope().coversRegion(code)) {
			throw DomainException.notFound("区划");
		}
		if (count < 1 || count > (grain == Grain.WEEK ? 156 : 36)) {
			throw DomainException.invalid("periods", grain == Grain.WEEK ? "周数为 1 到 156" : "月数为 1 到 36");
		}
		var region = regions.find(code).orElseThrow(() -> DomainException.notFound("区划"));
		var today = TimeConfiguration.today(clock);
		var starts = new ArrayList<LocalDate>();
		if (grain == Grain.WEEK) {
			var monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			for (int i = count - 1; i >= 0; i--) {
				starts.add(monday.minusWeeks(i));
			}
		}
		else {
			var month = YearMonth.from(today);
			for (int i = count - 1; i >= 0; i--) {
				starts.add(month.minusMonths(i).atDay(1));
			}
		}
		var lastYearTo = yearBefore(grain, today);
		// a year apart the two stretches are disjoint and are read in one statement; longer series overlap
		// last year's, whose current period must stop at the same day, so they are read apart
		var now = lastYearTo.isBefore(starts.get(0))
				? sums(code, grain, category, starts.get(0), today, yearBefore(grain, starts.get(0)), lastYearTo)
				: sums(code, grain, category, starts.get(0), today);
		var before = lastYearTo.isBefore(starts.get(0)) ? now : sums(code, grain, category, yearBefore(grain, starts.get(0)), lastYearTo);
		var points = new ArrayList<Point>();
		for (var start : starts) {
			var end = grain == Grain.WEEK ? start.plusDays(6) : YearMonth.from(start).atEndOfMonth();
			long[] n = now.getOrDefault(start, new long[4]);
			long[] b = before.getOrDefault(yearBefore(grain, start), new long[4]);
			String label = grain == Grain.WEEK ? start.getMonthValue() + "/" + start.getDayOfMonth() + "周" : start.getYear() + "-" + String.format("%02d", start.getMonthValue());
			points.add(new Point(label, start, end, n[0], n[1], n[2], n[3], b[0], b[1], b[2], b[3]));
		}
		return new Series(code, region.name(), grain, category, points);
	}

	public static LocalDate yearBefore(Grain grain, LocalDate d) {
		return grain == Grain.WEEK ? d.minusWeeks(52) : d.minusYears(1);
	}

	/** Appeals, complaints, rated, satisfied per week (Monday) or month start, over the stretches [from, to] given in pairs. */
	private Map<LocalDate, long[]> sums(String code, Grain grain, String category, LocalDate... bounds) {
		var params = new HashMap<String, Object>();
		params.put("k", code);
		if (category != null) {
			params.put("cat", category);
		}
		// a community has no day rows (one per appeal, nearly): its weeks are summed from its facts
		String rows = grain == Grain.MONTH
				? "select month as period, appeals, complaints, rated, satisfied from analytics_month where unit = 'R' and unit_key = :k and month >= :from%1$d and month <= :to%1$d"
				: "select date_trunc('week', day)::date as period, appeals, complaints, rated, satisfied from "
						+ (code.length() == 12 ? "analytics_appeal where community_code = :k" : "analytics_day where unit = 'R' and unit_key = :k")
						+ " and day >= :from%1$d and day <= :to%1$d";
		// each stretch a range of its own in the union, so that each is read from the index alone
		var stretches = new ArrayList<String>();
		for (int i = 0; i < bounds.length; i += 2) {
			params.put("from" + i, Date.valueOf(bounds[i]));
			params.put("to" + i, Date.valueOf(bounds[i + 1]));
			stretches.add(String.format(rows, i) + (category == null ? "" : " and category = :cat"));
		}
		var out = new HashMap<LocalDate, long[]>();
		jdbc.sql("select period, sum(appeals), sum(complaints), sum(rated), sum(satisfied) from (" + String.join(" union all ", stretches) + ") t group by 1")
			.params(params)
			.query((rs, n) -> out.put(rs.getDate(1).toLocalDate(), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }))
			.list();
		return out;
	}
}
