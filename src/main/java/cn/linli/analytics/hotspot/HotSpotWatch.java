package cn.linli.analytics.hotspot;

import java.sql.Date;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.analytics.HotSpotDetected;
import cn.linli.appeal.AppealsApi;
import cn.linli.shared.time.TimeConfiguration;

/**
 * Finds the platform's hot spots (7-day rule) and records each episode once: a hot spot that was
 * already seen within the last 7 days is the same episode and only its count moves; a new one is
 * published as {@link HotSpotDetected}, which the notification module puts in the supervisors'
 * inboxes. One instance works at a time (an advisory lock).
 */
@Service
public class HotSpotWatch {

	private static final Logger log = LoggerFactory.getLogger(HotSpotWatch.class);

	static final int DAYS = 7;

	private static final long LOCK = 0x484f5453504f54L; // "HOTSPOT"

	private final HotSpots hotSpots;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final AppealsApi appeals;
	private final Clock clock;

	HotSpotWatch(HotSpots hotSpots, JdbcClient jdbc, ApplicationEventPublisher events, AppealsApi appeals, Clock clock) {
		this.hotSpots = hotSpots;
		this.jdbc = jdbc;
		this.events = events;
		this.appeals = appeals;
		this.clock = clock;
	}

	/** Returns how many new hot spots were found. */
	@Transactional
	public int watch() {
		if (!jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
			return 0;
		}
		var today = TimeConfiguration.today(clock);
		var names = appeals.categoryNames();
		int found = 0;
		for (var h : hotSpots.detect("", DAYS)) {
			var episode = jdbc.sql("""
					select id from analytics_hotspot where unit = :u and unit_key = :k and category = :c and last_seen >= :since
					order by last_seen desc limit 1""")
				.param("u", h.unit()).param("k", h.key()).param("c", h.category()).param("since", Date.valueOf(today.minusDays(DAYS)))
				.query(Long.class).optional();
			if (episode.isPresent()) {
				jdbc.sql("update analytics_hotspot set last_seen = :t, count = greatest(count, :n), threshold = :th where id = :id")
					.param("t", Date.valueOf(today)).param("n", h.count()).param("th", h.threshold()).param("id", episode.get()).update();
				continue;
			}
			long id = jdbc.sql("""
					insert into analytics_hotspot (unit, unit_key, region_code, category, first_seen, last_seen, count, threshold)
					values (:u, :k, :r, :c, :t, :t, :n, :th) returning id""")
				.param("u", h.unit()).param("k", h.key()).param("r", h.regionCode()).param("c", h.category()).param("t", Date.valueOf(today))
				.param("n", h.count()).param("th", h.threshold()).query(Long.class).single();
			events.publishEvent(new HotSpotDetected(id, h.unit(), h.key(), h.name(), h.regionCode(), h.category(),
					names.getOrDefault(h.category(), h.category()), h.count(), h.threshold(), h.from(), h.to()));
			found++;
		}
		if (found > 0) {
			log.info("hot spots: {} new", found);
		}
		return found;
	}
}
