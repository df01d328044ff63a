package cn.linli.analytics.screen;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.analytics.AppealFigures;
import cn.linli.analytics.Period;
import cn.linli.analytics.hotspot.HotSpots;
import cn.linli.appeal.AppealsApi;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.registry.Coverage;
import cn.linli.registry.RegistryFigures;
import cn.linli.shared.security.Actor;

/** 大屏: what the command centre's wall shows of a region, refreshed by the page every few seconds. */
@Service
@Transactional(readOnly = true)
public class CommandScreen {

	static final int FEED = 12;

	public record ScreenData(String code, String name, Coverage coverage, IndicatorCounts last30, List<AppealsApi.PublicItem> feed,
			List<HotSpots.HotSpot> hotSpots, Instant updatedAt) {
	}

	private final RegistryFigures registry;
	private final AppealFigures figures;
	private final AppealsApi appeals;
	private final HotSpots hotSpots;
	private final Clock clock;

	CommandScreen(RegistryFigures registry, AppealFigures figures, AppealsApi appeals, HotSpots hotSpots, Clock clock) {
		this.registry = registry;
		this.figures = figures;
		this.appeals = appeals;
		this.hotSpots = hotSpots;
		this.clock = clock;
	}

	public ScreenData of(Actor actor, String code) {
		var report = figures.forRegion(actor, code, Period.lastDays(30, clock));
		var coverage = registry.coverage(actor.scope(), code);
		return new ScreenData(code, report.name(), coverage.total(), report.total(), appeals.latestForPublic(code, FEED), hotSpots.in(actor, code, 7),
				clock.instant());
	}
}
