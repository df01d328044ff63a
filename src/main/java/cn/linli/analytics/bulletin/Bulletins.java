package cn.linli.analytics.bulletin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.analytics.AppealFigures;
import cn.linli.analytics.Period;
import cn.linli.analytics.Ranking;
import cn.linli.analytics.topic.Topics;
import cn.linli.appeal.AppealsApi;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.time.TimeConfiguration;

/**
 * 月度通报: for a region and a month, the units one level down and the companies working there,
 * ranked on the three rates with the city's weights; the bottom units named with the rate that put
 * them there; the month's hot spots and topics, the 每月一题 candidates; the month against the one
 * before and the same month a year earlier.
 * <p>
 * A unit's score is Σ weight × (lower bound of the rate's 95 % Wilson interval) ÷ Σ weight over the
 * rates it has a denominator for, in {@link BigDecimal}, so a small sample never tops the table;
 * units with fewer than 30 rated appeals are listed apart (样本不足). The bottom units are the last
 * three ranked (one when fewer than six are ranked); the rate named is the one furthest below the
 * region's own.
 */
@Service
@Transactional(readOnly = true)
public class Bulletins {

	static final int BOTTOM = 3;

	public record Weights(int response, int resolution, int satisfaction) {

		int of(Ranking.Rate rate) {
			return switch (rate) {
				case RESPONSE -> response;
				case RESOLUTION -> resolution;
				case SATISFACTION -> satisfaction;
			};
		}
	}

	/** A unit's line: its counts, the three intervals, its weighted score (4 decimals) and its rank (0 = not ranked). */
	public record Line(int rank, String key, String name, IndicatorCounts counts, Ranking.Interval response, Ranking.Interval resolution,
			Ranking.Interval satisfaction, BigDecimal score, String reason) {
	}

	public record Table(String title, List<Line> ranked, List<Line> tooFew, List<Line> bottom) {
	}

	public record Comparison(String label, YearMonth month, IndicatorCounts counts) {
	}

	public record HotSpotLine(String name, String unit, String category, long count, BigDecimal threshold, java.time.LocalDate firstSeen) {
	}

	public record Bulletin(String code, String name, YearMonth month, Weights weights, IndicatorCounts total, List<Comparison> comparisons,
			List<Table> tables, List<HotSpotLine> hotSpots, Topics.Result topics) {
	}

	private final AppealFigures figures;
	private final Topics topics;
	private final RegistryDirectory directory;
	private final AppealsApi appeals;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final cn.linli.region.RegionApi regions;

	Bulletins(AppealFigures figures, Topics topics, RegistryDirectory directory, AppealsApi appeals, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock, cn.linli.region.RegionApi regions) {
		this.regions = regions;
		this.figures = figures;
		this.topics = topics;
		this.directory = directory;
		this.appeals = appeals;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	public Bulletin of(Actor actor, String code, YearMonth month) {
		var current = YearMonth.from(TimeConfiguration.today(clock));
		if (month.isAfter(current)) {
			throw DomainException.invalid("month", "还没有这个月的通报");
		}
		if (month.isBefore(current.minusMonths(36))) {
			throw DomainException.invalid("month", "通报只保留三年内的月份");
		}
		var period = Period.month(month);
		var report = figures.forRegion(actor, code, period);
		var weights = weights(code);
		var names = appeals.categoryNames();
		var tables = new ArrayList<Table>();
		tables.add(table(report.childKind().equals("REGION") ? "下级区划" : "小区", report.children(), report.total(), weights));
		var companies = figures.companiesIn(code, month);
		var companyNames = directory.companyNames(companies.keySet());
		var companyRows = companies.entrySet().stream()
			.map(e -> new AppealFigures.Row(String.valueOf(e.getKey()), companyNames.getOrDefault(e.getKey(), "物业企业"), e.getValue())).toList();
		tables.add(table("物业企业", companyRows, report.total(), weights));
		var comparisons = List.of(new Comparison("本月", month, report.total()),
				new Comparison("上月", month.minusMonths(1), figures.forRegion(actor, code, Period.month(month.minusMonths(1))).total()),
				new Comparison("去年同月", month.minusYears(1), figures.forRegion(actor, code, Period.month(month.minusYears(1))).total()));
		var hot = jdbc.sql("""
				select unit, unit_key, category, count, threshold, first_seen from analytics_hotspot
				where region_code like :p and first_seen between :from and :to order by count desc, id""")
			.param("p", code + "%").param("from", Date.valueOf(period.from())).param("to", Date.valueOf(period.to()))
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5).toPlainString(),
					rs.getDate(6).toString() })
			.list();
		var hotSpots = new ArrayList<HotSpotLine>();
		for (var h : hot) {
			String name = h[0].equals("COMPOUND") ? directory.compoundNames(List.of(Long.parseLong(h[1]))).getOrDefault(Long.parseLong(h[1]), "小区")
					: regions.find(h[1]).map(x -> x.name()).orElse(h[1]);
			hotSpots.add(new HotSpotLine(name, h[0].equals("COMPOUND") ? "小区" : "街道", names.getOrDefault(h[2], h[2]), Long.parseLong(h[3]),
					new BigDecimal(h[4]), java.time.LocalDate.parse(h[5])));
		}
		return new Bulletin(code, report.name(), month, weights, report.total(), comparisons, tables, hotSpots, topics.of(code, period));
	}

	Table table(String title, List<AppealFigures.Row> rows, IndicatorCounts whole, Weights weights) {
		var ranked = new ArrayList<Line>();
		var tooFew = new ArrayList<Line>();
		for (var r : rows) {
			var line = line(r, whole, weights);
			(r.counts().rankable() && line.score() != null ? ranked : tooFew).add(line);
		}
		ranked.sort(Comparator.comparing(Line::score).reversed().thenComparing(Line::name));
		var numbered = new ArrayList<Line>();
		for (int i = 0; i < ranked.size(); i++) {
			var l = ranked.get(i);
			numbered.add(new Line(i + 1, l.key(), l.name(), l.counts(), l.response(), l.resolution(), l.satisfaction(), l.score(), l.reason()));
		}
		tooFew.sort(Comparator.comparing(Line::name));
		int bottom = numbered.size() >= 2 * BOTTOM ? BOTTOM : Math.min(1, numbered.size());
		// the lowest first
		var last = new ArrayList<>(numbered.subList(numbered.size() - bottom, numbered.size()));
		java.util.Collections.reverse(last);
		return new Table(title, numbered, tooFew, last);
	}

	static Line line(AppealFigures.Row r, IndicatorCounts whole, Weights weights) {
		var mc = new MathContext(20);
		BigDecimal sum = BigDecimal.ZERO;
		int weight = 0;
		String reason = null;
		double worst = Double.NEGATIVE_INFINITY;
		for (var rate : Ranking.Rate.values()) {
			var interval = rate.of(r.counts());
			if (interval.whole() == 0 || weights.of(rate) == 0) {
				continue;
			}
			sum = sum.add(interval.lower().multiply(BigDecimal.valueOf(weights.of(rate)), mc), mc);
			weight += weights.of(rate);
			var mine = interval.rate().doubleValue();
			var all = rate.of(whole).rate();
			double gap = all == null ? 0 : all.doubleValue() - mine;
			if (gap > worst) {
				worst = gap;
				reason = rate.label() + " " + pct(mine) + (all == null ? "" : "（本级 " + pct(all.doubleValue()) + "）");
			}
		}
		BigDecimal score = weight == 0 ? null : sum.divide(BigDecimal.valueOf(weight), mc).setScale(4, RoundingMode.HALF_UP);
		return new Line(0, r.key(), r.name(), r.counts(), Ranking.Rate.RESPONSE.of(r.counts()), Ranking.Rate.RESOLUTION.of(r.counts()),
				Ranking.Rate.SATISFACTION.of(r.counts()), score, reason);
	}

	private static String pct(double v) {
		return BigDecimal.valueOf(v * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	/** The weights in force for a region: its own, its city's, or the default. */
	public Weights weights(String code) {
		return jdbc.sql("""
				select response, resolution, satisfaction from analytics_bulletin_weights
				where region_code in ('', :city, :code) order by length(region_code) desc limit 1""")
			.param("city", code.length() >= 4 ? code.substring(0, 4) : code).param("code", code)
			.query((rs, n) -> new Weights(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
	}

	/** 市住建局 sets its city's weights. */
	@Transactional
	public Weights setWeights(Actor actor, Weights w) {
		if (actor.role() != Role.CITY) {
			throw DomainException.forbidden("只有市住建局可以设置通报权重");
		}
		for (int v : new int[] { w.response(), w.resolution(), w.satisfaction() }) {
			if (v < 0 || v > 100) {
				throw DomainException.invalid("weights", "权重为 0 到 100 的整数");
			}
		}
		if (w.response() + w.resolution() + w.satisfaction() == 0) {
			throw DomainException.invalid("weights", "三项权重不能都为 0");
		}
		String city = actor.scope().regionCode();
		jdbc.sql("""
				insert into analytics_bulletin_weights (region_code, response, resolution, satisfaction, updated_by, updated_at)
				values (:r, :a, :b, :c, :by, now())
				on conflict (region_code) do update set response = :a, resolution = :b, satisfaction = :c, updated_by = :by, updated_at = now(),
				  version = analytics_bulletin_weights.version + 1""")
			.param("r", city).param("a", w.response()).param("b", w.resolution()).param("c", w.satisfaction()).param("by", actor.username()).update();
		events.publishEvent(new BulletinWeightsSet(city, w.response(), w.resolution(), w.satisfaction()));
		return w;
	}
}
