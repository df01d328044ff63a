package cn.linli;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.analytics.projection.AppealProjections;

/**
 * Brings the analytics projections up to date before a test reads them: waits until the
 * projection listener has taken every appeal event published so far (it runs after commit, on
 * another thread), then projects what it marked, as the upkeep job would within a second.
 */
public class Projected {

	private final JdbcClient jdbc;
	private final AppealProjections projections;

	Projected(JdbcClient jdbc, AppealProjections projections) {
		this.jdbc = jdbc;
		this.projections = projections;
	}

	public void now() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like '%ProjectionFeed%'")
			.query(Long.class).single() > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the projection listener did not take its events within 20 s");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
		projections.catchUp(true);
	}
}
