package cn.linli.analytics.hotspot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.AppealKind;
import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.time.TimeConfiguration;

/**
 * 热点: a compound or a street whose appeals of one category over the last {@code days} days (7 by
 * the rule) number at least max(5, mean + 3 × standard deviation of the eight {@code days}-day
 * windows before them). The standard deviation is that of the eight counts (divided by 8). Praise
 * is not a problem and is not counted. Decided in integers: with S the sum and Q the sum of squares
 * of the eight counts and c the recent count, c ≥ S/8 + 3·√((8Q − S²)/64) exactly when c ≥ 5,
 * 8c ≥ S and (8c − S)² ≥ 9·(8Q − S²).
 */
@Service
@Transactional(readOnly = true)
public class HotSpots {

	public static final int MIN_COUNT = 5;

	static final int WINDOWS = 8;

	/**
	 * {@code unit}: COMPOUND (key = compound id) or STREET (key = street code). {@code threshold}
	 * is max(5, mean + 3 sd) rounded half-up to 2 decimals; {@code baseline} the eight earlier counts, oldest first.
	 */
	public record HotSpot(String unit, String key, String name, String regionCode, String category, long count, BigDecimal threshold,
			List<Long> baseline, LocalDate from, LocalDate to, List<Long> appealIds) {
	}

	private final JdbcClient jdbc;
	private final RegionApi regions;
	private final RegistryDirectory directory;
	private final Clock clock;

	private final com.github.benmanes.caffeine.cache.Cache<String, List<HotSpot>> recent;

	HotSpots(JdbcClient jdbc, RegionApi regions, RegistryDirectory directory, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${linli.analytics.cache-ttl:PT1M}") java.time.Duration ttl) {
		// nine weeks of day rows per region: worked out at most once per ttl (the watch job looks every ten minutes anyway)
		this.recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(2_000).build();
		this.jdbc = jdbc;
		this.regions = regions;
		this.directory = directory;
		this.clock = clock;
	}

	/** The hot spots of a region now, for a caller that sees it. */
	public List<HotSpot> in(Actor actor, String code, int days) {
		if (code == null || !actor.scope().coversRegion(code)) {
			throw DomainException.notFound("区划");
		}
		return detect(code, days);
	}

	/** The hot spots under a region code prefix ("" for all), by the rule above. */
	public List<HotSpot> detect(String prefix, int days) {
		if (days < 1 || days > 31) {
			throw DomainException.invalid("days", "热点统计窗口为 1 到 31 天");
		}
		var today = TimeConfiguration.today(clock);
		return recent.get(prefix + "/" + days + "/" + today, k -> compute(prefix, days));
	}

	private List<HotSpot> compute(String prefix, int days) {
		var today = TimeConfiguration.today(clock);
		var from = today.minusDays((long) days * (WINDOWS + 1) - 1);
		record Key(String unit, String key, String category) {
		}
		var windows = new HashMap<Key, long[]>();
		// a street's counts are its compounds' summed: the region's facts are read once (an index-only scan)
		boolean streets = prefix.length() <= 9;
		jdbc.sql("""
				select community_code, compound_id, category, (:today - day) / :days as w, count(*)
				from analytics_appeal where community_code like :p and day >= :from and day <= :today and kind <> :praise
				group by 1, 2, 3, 4""")
			.param("p", prefix + "%").param("today", Date.valueOf(today)).param("from", Date.valueOf(from)).param("days", days)
			.param("praise", AppealKind.PRAISE.name())
			.query(rs -> {
				String community = rs.getString(1);
				String category = rs.getString(3);
				int w = rs.getInt(4);
				long count = rs.getLong(5);
				windows.computeIfAbsent(new Key("COMPOUND", community + "/" + rs.getLong(2), category), k -> new long[WINDOWS + 1])[w] += count;
				if (streets) {
					windows.computeIfAbsent(new Key("STREET", community.substring(0, 9), category), k -> new long[WINDOWS + 1])[w] += count;
				}
			});
		var out = new ArrayList<HotSpot>();
		for (var e : windows.entrySet()) {
			long[] w = e.getValue();
			if (!isHot(w)) {
				continue;
			}
			var k = e.getKey();
			var baseline = new ArrayList<Long>();
			for (int i = WINDOWS; i >= 1; i--) {
				baseline.add(w[i]);
			}
			boolean compound = k.unit().equals("COMPOUND");
			String region = compound ? k.key().substring(0, k.key().indexOf('/')) : k.key();
			String key = compound ? k.key().substring(k.key().indexOf('/') + 1) : k.key();
			var ids = jdbc.sql("select appeal_id from analytics_appeal where " + (compound ? "compound_id = :k" : "community_code like :k")
					+ " and category = :c and day >= :from and day <= :today and kind <> :praise order by appeal_id")
				.param("k", compound ? (Object) Long.parseLong(key) : key + "%").param("c", k.category())
				.param("from", Date.valueOf(today.minusDays(days - 1L))).param("today", Date.valueOf(today)).param("praise", AppealKind.PRAISE.name())
				.query(Long.class).list();
			String name = compound ? directory.compoundNames(List.of(Long.parseLong(key))).getOrDefault(Long.parseLong(key), "小区")
					: regions.find(key).map(r -> r.name()).orElse(key);
			out.add(new HotSpot(k.unit(), key, name, region, k.category(), w[0], threshold(w), baseline, today.minusDays(days - 1L), today, ids));
		}
		out.sort(Comparator.comparing(HotSpot::count).reversed().thenComparing(HotSpot::key).thenComparing(HotSpot::category));
		return out;
	}

	/** w[0] the recent count, w[1..8] the windows before it (w[1] the nearest). */
	static boolean isHot(long[] w) {
		long c = w[0];
		if (c < MIN_COUNT) {
			return false;
		}
		long s = 0;
		long q = 0;
		for (int i = 1; i <= WINDOWS; i++) {
			s += w[i];
			q += w[i] * w[i];
		}
		long d = WINDOWS * c - s;
		return d >= 0 && BigDecimal.valueOf(d).pow(2).compareTo(BigDecimal.valueOf(9).multiply(BigDecimal.valueOf(WINDOWS * q - s * s))) >= 0;
	}

	static BigDecimal threshold(long[] w) {
		long s = 0;
		long q = 0;
		for (int i = 1; i <= WINDOWS; i++) {
			s += w[i];
			q += w[i] * w[i];
		}
		var mc = new MathContext(20);
		var mean = BigDecimal.valueOf(s).divide(BigDecimal.valueOf(WINDOWS), mc);
		var sd = BigDecimal.valueOf(WINDOWS * q - s * s).divide(BigDecimal.valueOf(WINDOWS * WINDOWS), mc).sqrt(mc);
		return mean.add(sd.multiply(BigDecimal.valueOf(3), mc)).max(BigDecimal.valueOf(MIN_COUNT)).setScale(2, RoundingMode.HALF_UP);
	}
}
