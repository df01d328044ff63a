package cn.linli.analytics.projection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.appeal.AppealChanged;

/**
 * Feeds the projections: every change of an appeal (raised, accepted, paused, resolved, rated,
 * reopened, linked as a repeat, closed, handed over) marks it stale through the JDBC event
 * publication registry — an event not yet handled when the platform stops is delivered again on
 * start — and {@link ProjectionSchedule} projects the stale ones every second in batches. A clock
 * running out needs no event: readers judge running clocks at their own "now" ({@code AppealFacts}).
 * {@code linli.analytics.projection.enabled=false} switches the feed off, only so that the intake
 * benchmark can measure what the upkeep costs.
 */
@Component
@ConditionalOnProperty(name = "linli.analytics.projection.enabled", havingValue = "true", matchIfMissing = true)
class ProjectionFeed {

	private final AppealProjections projections;

	ProjectionFeed(AppealProjections projections) {
		this.projections = projections;
	}

	@ApplicationModuleListener
	void on(AppealChanged e) {
		projections.markStale(e.appealId());
	}
}
