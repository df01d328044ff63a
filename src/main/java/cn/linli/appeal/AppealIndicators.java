package cn.linli.appeal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonProperty;

import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryFigures;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * DOMAIN §3 indicators for appeals raised in a period, per region (drillable one level down to
 * compounds), company and compound, each rate with its counts. Rates with fewer than
 * {@link Counts#MIN_RANKED} rated appeals are flagged so that a page does not rank them.
 */
@Service
@Transactional(readOnly = true)
public class AppealIndicators {

	/**
	 * A valid complaint (投诉密度, concentration): a complaint that is not a repeat of an earlier one
	 * and that the community did not confirm as wrongly routed to its handler.
	 */
	static final String VALID_COMPLAINT = "a.kind = '" + AppealKind.COMPLAINT.name() + "' and a.repeat_of is null and not a.wrongly_routed";

	/**
	 * The counts behind the rates. 响应率 and 按时办结率 judge the clocks the appeal was raised with
	 * ({@code first_accept_due_at}, and {@code first_resolve_due_at} with its pauses), which the
	 * aggregate keeps and a hand-over never moves; an appeal waiting for the resident is not due.
	 */
	private static final String COUNTS = """
			count(*),
			count(*) filter (where a.first_accepted_at is not null or a.first_accept_due_at <= :now),
			count(*) filter (where a.first_accepted_at <= a.first_accept_due_at),
			count(*) filter (where a.resolved_on_time is not null or (a.paused_at is null and a.first_resolve_due_at <= :now)),
			count(*) filter (where a.resolved_on_time),
			count(*) filter (where a.rating is not null),
			count(*) filter (where a.rating in %1$s),
			count(*) filter (where a.rating in %1$s or a.confirmed_solved),
			count(*) filter (where %2$s),
			count(*) filter (where a.repeat_of is not null)""".formatted(Rating.satisfiedSql(), VALID_COMPLAINT);

	private final JdbcClient jdbc;
	private final RegistryFigures figures;
	private final RegionApi regions;
	private final Clock clock;
	private final RegistryDirectory directory;

	AppealIndicators(JdbcClient jdbc, RegistryFigures figures, RegionApi regions, Clock clock, RegistryDirectory directory) {
		this.directory = directory;
		this.jdbc = jdbc;
		this.figures = figures;
		this.regions = regions;
		this.clock = clock;
	}

	/** The counts behind every rate; households and area for the complaint density. */
	public record Counts(long appeals, long acceptDue, long acceptedOnTime, long resolveDue, long resolvedOnTime, long rated,
			long satisfied, long solved, long complaints, long repeats, long households, long buildingAreaCenti) {

		public static final int MIN_RANKED = 30;

		static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

		@JsonProperty
		public Double responseRate() {
			return rate(acceptedOnTime, acceptDue);
		}

		@JsonProperty
		public Double onTimeRate() {
			return rate(resolvedOnTime, resolveDue);
		}

		@JsonProperty
		public Double resolutionRate() {
			return rate(solved, rated);
		}

		@JsonProperty
		public Double satisfactionRate() {
			return rate(satisfied, rated);
		}

		@JsonProperty
		public Double repeatRate() {
			return rate(repeats, appeals);
		}

		/** Complaints per 1,000 households. */
		@JsonProperty
		public Double densityPerThousandHouseholds() {
			return households == 0 ? null : complaints * 1000.0 / households;
		}

		/** Complaints per 100,000 m² of building area (area kept in 1/100 m²). */
		@JsonProperty
		public Double densityPerHundredThousandSquareMetres() {
			return buildingAreaCenti == 0 ? null : complaints * 100_000.0 * 100 / buildingAreaCenti;
		}

		@JsonProperty
		public boolean rankable() {
			return rated >= MIN_RANKED;
		}

		Counts withSize(RegistryFigures.Size size) {
			return size == null ? this : new Counts(appeals, acceptDue, acceptedOnTime, resolveDue, resolvedOnTime, rated, satisfied, solved,
					complaints, repeats, size.households(), size.buildingAreaCenti());
		}

		private static Double rate(long part, long whole) {
			return whole == 0 ? null : (double) part / whole;
		}
	}

	public record Row(String key, String name, Counts counts) {
	}

	/** {@code childKind}: REGION (keys are region codes) or COMPOUND (keys are compound ids). */
	public record Report(String code, String name, int days, Instant from, Instant to, Counts total, List<Row> children, String childKind,
			Double concentration) {
	}

	public Report forRegion(Actor actor, String code, int days) {
		return forRegion(actor, code, window(days), days);
	}

	/** For an explicit period, from inclusive to exclusive; {@code to} defaults to now. */
	public Report forRegion(Actor actor, String code, Instant from, Instant to) {
		var now = clock.instant();
		var end = to == null || to.isAfter(now) ? now : to;
		if (from == null || !from.isBefore(end) || Duration.between(from, end).toDays() > 366) {
			throw DomainException.invalid("from", "统计周期须在一年以内，且开始早于结束");
		}
		return forRegion(actor, code, new Timestamp[] { Timestamp.from(from), Timestamp.from(end) },
				(int) Math.max(1, Duration.between(from, end).toDays()));
	}

	private Report forRegion(Actor actor, String code, Timestamp[] window, int days) {
		if (code == null || !actor.scope().coversRegion(code)) {
			throw DomainException.notFound("区划");
		}
		var region = regions.find(code).orElseThrow(() -> DomainException.notFound("区划"));
		int childLength = switch (code.length()) {
			case 2 -> 4;
			case 4 -> 6;
			case 6 -> 9;
			case 9 -> 12;
			default -> 0;
		};
		var params = Map.<String, Object>of("p", code + "%", "from", window[0], "to", window[1], "now", window[1]);
		String where = " from appeal a where a.community_code like :p and a.created_at >= :from and a.created_at < :to";
		var regionSize = figures.sizeByRegion(code, 0).get("");
		var total = counts("select '' " + "," + COUNTS + where + " group by 1", params).getOrDefault("", Counts.ZERO).withSize(regionSize);
		var children = new ArrayList<Row>();
		if (childLength > 0) {
			var byChild = counts("select substr(a.community_code, 1, " + childLength + ")," + COUNTS + where + " group by 1", params);
			var sizes = figures.sizeByRegion(code, childLength);
			for (var child : regions.allChildren(code)) {
				if (sizes.containsKey(child.code()) || byChild.containsKey(child.code())) {
					children.add(new Row(child.code(), child.name(),
							byChild.getOrDefault(child.code(), Counts.ZERO).withSize(sizes.get(child.code()))));
				}
			}
		}
		else {
			var byCompound = counts("select a.compound_id::text," + COUNTS + where + " group by 1", params);
			var compounds = directory.compoundsOfCommunity(code);
			var sizes = figures.sizeOfCompounds(compounds.keySet());
			compounds.forEach((id, name) -> children.add(
					new Row(String.valueOf(id), name, byCompound.getOrDefault(String.valueOf(id), Counts.ZERO).withSize(sizes.get(id)))));
		}
		long compoundCount = regionSize == null ? 0 : regionSize.compounds();
		return new Report(code, region.name(), days, window[0].toInstant(), window[1].toInstant(), total, children,
				childLength > 0 ? "REGION" : "COMPOUND", concentration(where, params, compoundCount, total.complaints()));
	}

	/** A company's appeals, per compound it serves. */
	public Report forCompany(Actor actor, long companyId, int days) {
		boolean allowed = switch (actor.role()) {
			case COMPANY_ADMIN -> Long.valueOf(companyId).equals(actor.scope().companyId());
			case CITY -> true;
			default -> false;
		};
		if (!allowed) {
			throw DomainException.notFound("物业企业");
		}
		var window = window(days);
		var params = Map.<String, Object>of("co", companyId, "from", window[0], "to", window[1], "now", window[1]);
		String where = " from appeal a where a.handler_company_id = :co and a.created_at >= :from and a.created_at < :to";
		var sizes = figures.sizeOfCompaniesCompounds(companyId);
		long households = sizes.values().stream().mapToLong(RegistryFigures.Size::households).sum();
		long area = sizes.values().stream().mapToLong(RegistryFigures.Size::buildingAreaCenti).sum();
		var total = counts("select ''," + COUNTS + where + " group by 1", params).getOrDefault("", Counts.ZERO)
			.withSize(new RegistryFigures.Size(sizes.size(), households, area));
		var byCompound = counts("select a.compound_id::text," + COUNTS + where + " group by 1", params);
		var names = directory.compoundNames(sizes.keySet());
		var children = new ArrayList<Row>();
		sizes.forEach((id, size) -> children.add(new Row(String.valueOf(id), names.get(id),
				byCompound.getOrDefault(String.valueOf(id), Counts.ZERO).withSize(size))));
		children.sort(java.util.Comparator.comparing(Row::name));
		String name = directory.companyNames(List.of(companyId)).getOrDefault(companyId, "物业企业");
		return new Report(String.valueOf(companyId), name, days, window[0].toInstant(), window[1].toInstant(), total, children, "COMPOUND",
				concentration(where, params, sizes.size(), total.complaints()));
	}

	/** One compound's figures; public, as the 你呼我应 column shows them. */
	public Counts forCompound(long compoundId, int days) {
		var window = window(days);
		var params = Map.<String, Object>of("c", compoundId, "from", window[0], "to", window[1], "now", window[1]);
		return counts("select ''," + COUNTS + " from appeal a where a.compound_id = :c and a.created_at >= :from and a.created_at < :to group by 1",
				params).getOrDefault("", Counts.ZERO).withSize(figures.sizeOfCompounds(List.of(compoundId)).get(compoundId));
	}

	private Timestamp[] window(int days) {
		if (days < 1 || days > 366) {
			throw DomainException.invalid("days", "统计周期为 1 到 366 天");
		}
		var now = clock.instant();
		return new Timestamp[] { Timestamp.from(now.minus(Duration.ofDays(days))), Timestamp.from(now) };
	}

	private Map<String, Counts> counts(String sql, Map<String, Object> params) {
		var out = new HashMap<String, Counts>();
		jdbc.sql(sql).params(params)
			.query((rs, n) -> out.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
					rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), 0, 0)))
			.list();
		return out;
	}

	/** Share of all complaints that the top 10 % of compounds (at least one) account for. */
	private Double concentration(String where, Map<String, Object> params, long compounds, long complaints) {
		if (complaints == 0 || compounds == 0) {
			return null;
		}
		long top = Math.max(1, (long) Math.ceil(compounds * 0.1));
		var p = new HashMap<>(params);
		p.put("top", top);
		long inTop = jdbc.sql("select coalesce(sum(n), 0) from (select count(*) as n" + where
				+ " and " + VALID_COMPLAINT + " group by a.compound_id order by n desc limit :top) t").params(p).query(Long.class).single();
		return (double) inTop / complaints;
	}
}
