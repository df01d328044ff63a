package cn.linli.analytics;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.linli.appeal.AppealFacts;
import cn.linli.appeal.CompoundIndicators;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.region.Region;
import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryFigures;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * The DOMAIN §3 indicators of a region (drillable one level down), a company or a compound over a
 * period, read from the projections: a period is its whole months from {@code analytics_month}
 * and its broken months' days from {@code analytics_day}, and the clocks still running are judged
 * at this moment from the few appeals that have them. Equal, count for count, to
 * {@link AppealFacts#recount} over the appeal table.
 */
@Service
@Transactional(readOnly = true)
public class AppealFigures implements CompoundIndicators {

	private static final String SUMS = AppealFacts.COUNTERS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "));

	private final JdbcClient jdbc;
	private final RegistryFigures figures;
	private final RegionApi regions;
	private final RegistryDirectory directory;
	private final Clock clock;

	/**
	 * Concentrations by unit, period and the unit's complaint total: the top tenth of a city's
	 * compounds is read from thousands of rows, while the total that keys it is read from a few,
	 * so a new complaint (a new total) recomputes it at once and otherwise it is read at most once a
	 * {@code linli.analytics.cache-ttl}.
	 */
	private final Cache<String, Double> concentrations;

	AppealFigures(JdbcClient jdbc, RegistryFigures figures, RegionApi regions, RegistryDirectory directory, Clock clock,
			@Value("${linli.analytics.cache-ttl:PT1M}") Duration ttl) {
		this.concentrations = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(5_000).build();
		this.jdbc = jdbc;
		this.figures = figures;
		this.regions = regions;
		this.directory = directory;
		this.clock = clock;
	}

	public record Row(String key, String name, IndicatorCounts counts) {
	}

	/** {@code childKind}: REGION (keys are region codes) or COMPOUND (keys are compound ids). */
	public record Report(String code, String name, int days, LocalDate from, LocalDate to, IndicatorCounts total, List<Row> children,
			String childKind, Double concentration) {
	}

	/** Which rows of a projection: the unit and either exact keys or a key prefix. */
	record Keys(char unit, Collection<String> exact, String prefix) {

		static Keys of(char unit, Collection<String> keys) {
			return new Keys(unit, keys, null);
		}

		static Keys under(char unit, String prefix) {
			return new Keys(unit, null, prefix);
		}

		String sql() {
			return "unit = :unit and " + (exact != null ? "unit_key = any (:keys)" : "unit_key like :prefix");
		}

		/** Whether these units have day rows (the coarse ones: regions down to the street, companies). */
		boolean daily() {
			return unit == 'C' || unit == 'R' && exact != null && exact.stream().allMatch(k -> k.length() < 12);
		}

		/** For the fine units, the facts that belong to them and the key each counts under. */
		String[] facts() {
			return switch (unit) {
				case 'R' -> new String[] { "community_code = any (:keys)", "community_code" };
				case 'P' -> new String[] { exact != null ? "compound_id = any (:ids)" : "community_code like :region",
						"community_code || '/' || compound_id" };
				case 'Q' -> new String[] { "company_id = :company", "company_id || '/' || community_code || '/' || compound_id" };
				default -> throw new IllegalStateException("unit " + unit + " has day rows");
			};
		}

		void bindFacts(Map<String, Object> params) {
			if (unit == 'P' && exact != null) {
				params.put("ids", exact.stream().map(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1))).toArray(Long[]::new));
			}
			else if (unit == 'P') {
				params.put("region", prefix.replace("/", "").replace("%", "") + "%");
			}
			else if (unit == 'Q') {
				params.put("company", Long.parseLong(prefix.substring(0, prefix.indexOf('/'))));
			}
		}

		void bind(Map<String, Object> params) {
			params.put("unit", String.valueOf(unit));
			if (exact != null) {
				params.put("keys", exact.toArray(String[]::new));
			}
			else {
				params.put("prefix", prefix.replace("%", "") + "%");
			}
		}
	}

	public Report forRegion(Actor actor, String code, Period period) {
		if (code == null || !actor.scope().coversRegion(code)) {
			throw DomainException.notFound("区划");
		}
		var region = regions.find(code).orElseThrow(() -> DomainException.notFound("区划"));
		int childLength = childLength(code);
		var regionSize = figures.sizeByRegion(code, 0).get("");
		// the running clocks are read once, per child: every appeal is in one child, so the region's are their sum
		var late = childLength > 0
				? pending("community_code like :p", Map.of("p", code + "%"), "substr(community_code, 1, " + childLength + ")", period)
				: pending("community_code = :p", Map.of("p", code), "compound_id::text", period);
		var codes = childLength > 0 ? regions.allChildren(code) : List.<Region>of();
		// the region and its children in one statement (a community's compounds are other units)
		var keys = new ArrayList<String>(List.of(code));
		codes.forEach(c -> keys.add(c.code()));
		var byChild = sums(Keys.of('R', keys), period);
		var total = byChild.getOrDefault(code, IndicatorCounts.ZERO)
			.plus(sum(late.values()))
			.withSize(regionSize);
		var children = new ArrayList<Row>();
		if (childLength > 0) {
			var sizes = figures.sizeByRegion(code, childLength);
			for (var child : codes) {
				if (sizes.containsKey(child.code()) || byChild.containsKey(child.code())) {
					children.add(new Row(child.code(), child.name(), byChild.getOrDefault(child.code(), IndicatorCounts.ZERO)
						.plus(late.getOrDefault(child.code(), IndicatorCounts.ZERO)).withSize(sizes.get(child.code()))));
				}
			}
		}
		else {
			var compounds = directory.compoundsOfCommunity(code);
			var byCompound = byCompoundKey(sums(Keys.under('P', code + "/"), period));
			var sizes = figures.sizeOfCompounds(compounds.keySet());
			compounds.forEach((id, name) -> children.add(new Row(String.valueOf(id), name, byCompound.getOrDefault(String.valueOf(id), IndicatorCounts.ZERO)
				.plus(late.getOrDefault(String.valueOf(id), IndicatorCounts.ZERO)).withSize(sizes.get(id)))));
		}
		long compoundCount = regionSize == null ? 0 : regionSize.compounds();
		return new Report(code, region.name(), period.days(), period.from(), period.to(), total, children, childLength > 0 ? "REGION" : "COMPOUND",
				concentration(Keys.under('P', code), period, compoundCount, total.complaints()));
	}

	/** A company's appeals, per compound it serves. */
	public Report forCompany(Actor actor, long companyId, Period period) {
		boolean allowed = switch (actor.role()) {
			case COMPANY_ADMIN -> Long.valueOf(companyId).equals(actor.scope().companyId());
			case CITY -> true;
			default -> false;
		};
		if (!allowed) {
			throw DomainException.notFound("物业企业");
		}
		var sizes = figures.sizeOfCompaniesCompounds(companyId);
		long households = sizes.values().stream().mapToLong(RegistryFigures.Size::households).sum();
		long area = sizes.values().stream().mapToLong(RegistryFigures.Size::buildingAreaCenti).sum();
		String key = String.valueOf(companyId);
		var late = pending("company_id = :co", Map.of("co", companyId), "compound_id::text", period);
		var total = sums(Keys.of('C', List.of(key)), period).getOrDefault(key, IndicatorCounts.ZERO)
			.plus(sum(late.values()))
			.withSize(new RegistryFigures.Size(sizes.size(), households, area));
		var byCompound = byCompoundKey(sums(Keys.under('Q', key + "/"), period));
		var names = directory.compoundNames(sizes.keySet());
		var children = new ArrayList<Row>();
		sizes.forEach((id, size) -> children.add(new Row(String.valueOf(id), names.get(id), byCompound.getOrDefault(String.valueOf(id), IndicatorCounts.ZERO)
			.plus(late.getOrDefault(String.valueOf(id), IndicatorCounts.ZERO)).withSize(size))));
		children.sort(Comparator.comparing(Row::name));
		String name = directory.companyNames(List.of(companyId)).getOrDefault(companyId, "物业企业");
		return new Report(key, name, period.days(), period.from(), period.to(), total, children, "COMPOUND",
				concentration(Keys.under('Q', key + "/"), period, sizes.size(), total.complaints()));
	}

	/** One compound's figures; public, as the 你呼我应 column shows them. */
	public IndicatorCounts forCompound(long compoundId, Period period) {
		var facts = directory.compoundFacts(compoundId).orElseThrow(() -> DomainException.notFound("小区"));
		String key = facts.communityCode() + "/" + compoundId;
		return sums(Keys.of('P', List.of(key)), period).getOrDefault(key, IndicatorCounts.ZERO)
			.plus(pending("compound_id = :c", Map.of("c", compoundId), "''", period).getOrDefault("", IndicatorCounts.ZERO))
			.withSize(figures.sizeOfCompounds(List.of(compoundId)).get(compoundId));
	}

	/** A region's summed counts over the period (without running clocks), whoever asks: for maps and bulletins of its caller's own region. */
	public IndicatorCounts regionCounts(String code, Period period) {
		return sums(Keys.of('R', List.of(code)), period).getOrDefault(code, IndicatorCounts.ZERO);
	}

	/**
	 * Each company's counts on its appeals in a region over whole months, running clocks judged now
	 * (for bulletins): the Q rows of the region's communities.
	 */
	public Map<Long, IndicatorCounts> companiesIn(String regionPrefix, java.time.YearMonth month) {
		var out = new HashMap<Long, IndicatorCounts>();
		jdbc.sql("select split_part(unit_key, '/', 1)::bigint, " + SUMS + " from analytics_month"
				+ " where unit = 'Q' and month = :m and split_part(unit_key, '/', 2) like :p group by 1")
			.param("m", Date.valueOf(month.atDay(1))).param("p", regionPrefix + "%")
			.query((rs, n) -> out.put(rs.getLong(1), new IndicatorCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
					rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), 0, 0)))
			.list();
		var period = Period.month(month);
		pending("community_code like :p and company_id is not null", Map.of("p", regionPrefix + "%"), "company_id::text", period)
			.forEach((k, v) -> out.merge(Long.parseLong(k), v, IndicatorCounts::plus));
		return out;
	}

	/** The counts of every compound of a region over the period (without running clocks), by compound id. */
	public Map<Long, IndicatorCounts> byCompound(String regionPrefix, Period period) {
		var out = new HashMap<Long, IndicatorCounts>();
		sums(Keys.under('P', regionPrefix), period).forEach((k, v) -> out.merge(Long.parseLong(k.substring(k.lastIndexOf('/') + 1)), v, IndicatorCounts::plus));
		return out;
	}

	@Override
	public IndicatorCounts lastDays(long compoundId, int days) {
		return forCompound(compoundId, Period.lastDays(days, clock));
	}

	static int childLength(String code) {
		return switch (code.length()) {
			case 2 -> 4;
			case 4 -> 6;
			case 6 -> 9;
			case 9 -> 12;
			default -> 0;
		};
	}

	/**
	 * The summed counters per key over the period: whole months from the month table, the days of
	 * broken months from the day table (or, for the fine units, which have no day rows, from their
	 * facts). Without the running clocks (see {@link #pending}).
	 */
	Map<String, IndicatorCounts> sums(Keys keys, Period period) {
		if (keys.unit() == 'R' && keys.exact() != null && !keys.daily() && keys.exact().stream().anyMatch(k -> k.length() < 12)) {
			// coarse and fine regions asked together: each from its own rows
			var out = new HashMap<>(sums(Keys.of('R', keys.exact().stream().filter(k -> k.length() < 12).toList()), period));
			out.putAll(sums(Keys.of('R', keys.exact().stream().filter(k -> k.length() == 12).toList()), period));
			return out;
		}
		var out = new HashMap<String, IndicatorCounts>();
		var params = bounds(period);
		jdbc.sql("select unit_key, " + SUMS + " from (" + periodRows(keys, params, false) + ") t group by unit_key").params(params)
			.query((rs, n) -> out.put(rs.getString(1), new IndicatorCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), 0, 0)))
			.list();
		return out;
	}

	/** The rows (unit_key and the counters) that make up the period for these keys; binds what it needs. */
	private static String periodRows(Keys keys, Map<String, Object> params, boolean complaintsOnly) {
		keys.bind(params);
		// complaints alone are in the facts' covering index, so a region's compounds are read without their rows
		String counters = complaintsOnly ? "complaints" : String.join(", ", AppealFacts.COUNTERS);
		String only = complaintsOnly ? " and complaints > 0" : "";
		String months = "select unit_key, " + counters + " from analytics_month where " + keys.sql() + only + " and month >= :m1 and month < :m2";
		String edges = " and ((day >= :from and day < :d1) or (day >= :d2 and day <= :to))";
		if (keys.daily()) {
			return months + " union all select unit_key, " + counters + " from analytics_day where " + keys.sql() + only + edges;
		}
		keys.bindFacts(params);
		String[] facts = keys.facts();
		return months + " union all select " + facts[1] + " as unit_key, " + counters + " from analytics_appeal where " + facts[0] + only + edges;
	}

	/** The bounds of a period: whole months [m1, m2) and the days [from, d1) ∪ [d2, to] of its broken months. */
	static Map<String, Object> bounds(Period period) {
		LocalDate m1 = period.from().getDayOfMonth() == 1 ? period.from() : period.from().withDayOfMonth(1).plusMonths(1);
		LocalDate m2 = period.to().plusDays(1).withDayOfMonth(1);
		var params = new HashMap<String, Object>();
		params.put("from", Date.valueOf(period.from()));
		params.put("to", Date.valueOf(period.to()));
		if (m1.isBefore(m2)) {
			params.put("m1", Date.valueOf(m1));
			params.put("m2", Date.valueOf(m2));
			params.put("d1", Date.valueOf(m1));
			params.put("d2", Date.valueOf(m2));
		}
		else {
			params.put("m1", Date.valueOf(period.from()));
			params.put("m2", Date.valueOf(period.from()));
			params.put("d1", Date.valueOf(period.to().plusDays(1)));
			params.put("d2", Date.valueOf(period.to().plusDays(1)));
		}
		return params;
	}

	/** The appeals whose judged clocks ran out without being met yet: due, not on time. */
	private Map<String, IndicatorCounts> pending(String where, Map<String, Object> filter, String key, Period period) {
		var params = new HashMap<String, Object>(filter);
		params.put("from", Date.valueOf(period.from()));
		params.put("to", Date.valueOf(period.to()));
		params.put("now", Timestamp.from(clock.instant()));
		var out = new HashMap<String, IndicatorCounts>();
		jdbc.sql("select " + key + ", count(*) filter (where accept_pending_due <= :now), count(*) filter (where resolve_pending_due <= :now)"
				+ " from analytics_appeal where " + where + " and day >= :from and day <= :to"
				+ " and (accept_pending_due is not null or resolve_pending_due is not null) group by 1")
			.params(params)
			.query((rs, n) -> out.put(rs.getString(1), new IndicatorCounts(0, rs.getLong(2), 0, rs.getLong(3), 0, 0, 0, 0, 0, 0, 0, 0)))
			.list();
		return out;
	}

	private static IndicatorCounts sum(Collection<IndicatorCounts> counts) {
		return counts.stream().reduce(IndicatorCounts.ZERO, IndicatorCounts::plus);
	}

	/** Keys "prefix/compound id" → "compound id". */
	private static Map<String, IndicatorCounts> byCompoundKey(Map<String, IndicatorCounts> sums) {
		var out = new HashMap<String, IndicatorCounts>();
		sums.forEach((k, v) -> out.merge(k.substring(k.lastIndexOf('/') + 1), v, IndicatorCounts::plus));
		return out;
	}

	/** Share of all complaints that the top 10 % of compounds (at least one) account for. */
	private Double concentration(Keys compounds, Period period, long compoundCount, long complaints) {
		if (complaints == 0 || compoundCount == 0) {
			return null;
		}
		long top = Math.max(1, (long) Math.ceil(compoundCount * 0.1));
		String key = compounds.unit() + compounds.prefix() + "|" + period.from() + "|" + period.to() + "|" + top + "|" + complaints;
		return concentrations.get(key, k -> {
			var params = bounds(period);
			params.put("top", top);
			long inTop = jdbc.sql("select coalesce(sum(n), 0) from (select sum(complaints) as n from (" + periodRows(compounds, params, true)
					+ ") t group by unit_key order by n desc limit :top) x").params(params).query(Long.class).single();
			return (double) inTop / complaints;
		});
	}
}
