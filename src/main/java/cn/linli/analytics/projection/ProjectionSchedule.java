package cn.linli.analytics.projection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The analytics jobs. Projects the stale appeals every second, so a change shows on the dashboards within about two.
 * On several instances one works at a time (the others find the lock taken and wait for the next tick).
 */
@Component
@ConditionalOnProperty(name = "linli.analytics.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class ProjectionSchedule {

	private final AppealProjections projections;
	private final cn.linli.analytics.hotspot.HotSpotWatch hotSpots;

	ProjectionSchedule(AppealProjections projections, cn.linli.analytics.hotspot.HotSpotWatch hotSpots) {
		this.projections = projections;
		this.hotSpots = hotSpots;
	}

	@Scheduled(fixedDelayString = "${linli.analytics.upkeep-every:PT1S}", initialDelayString = "PT2S")
	void upkeep() {
		projections.catchUp(false);
	}

	/** Hot spots move by the day; every ten minutes is soon enough and costs one scan of nine weeks of day rows. */
	@Scheduled(fixedDelayString = "${linli.analytics.hotspot-every:PT10M}", initialDelayString = "PT1M")
	void hotSpots() {
		hotSpots.watch();
	}
}
