package cn.linli.analytics.web;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.analytics.AppealFigures;
import cn.linli.analytics.hotspot.HotSpots;
import cn.linli.analytics.Period;
import cn.linli.analytics.trend.Trends;
import cn.linli.appeal.AppealsApi;
import cn.linli.region.RegionApi;
import cn.linli.registry.Coverage;
import cn.linli.registry.RegistryFigures;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;

/** 红色物业 dashboard: a region's coverage and that of each region one level down. */
@Controller
class DashboardController {

	private final RegistryFigures figures;
	private final RegionApi regions;
	private final JsonMapper json;
	private final AppealFigures appeals;
	private final AppealsApi appealsApi;
	private final java.time.Clock clock;
	private final Trends trends;
	private final HotSpots hotSpots;

	private final cn.linli.fee.FeeIndicators fees;

	DashboardController(RegistryFigures figures, RegionApi regions, JsonMapper json, AppealFigures appeals, AppealsApi appealsApi, Trends trends, HotSpots hotSpots, java.time.Clock clock,
			cn.linli.fee.FeeIndicators fees) {
		this.fees = fees;
		this.hotSpots = hotSpots;
		this.trends = trends;
		this.clock = clock;
		this.appeals = appeals;
		this.appealsApi = appealsApi;
		this.figures = figures;
		this.regions = regions;
		this.json = json;
	}

	@GetMapping("/dashboard/{code}")
	String dashboard(@PathVariable String code, Model model) {
		RegionCode.of(code);
		var actor = CurrentActor.get();
		var scope = actor.scope();
		// a region role sees its own region and those inside it; a page titled with a region it cannot see would mislead
		if (scope.isRegional() ? !scope.coversRegion(code) : actor.role() != Role.ADMIN) {
			throw DomainException.notFound("区划");
		}
		var report = figures.coverage(scope, code);
		var chain = regions.chain(code).stream().filter(r -> scope.coversRegion(r.code()) || !scope.isRegional()).toList();
		model.addAttribute("report", report);
		model.addAttribute("chain", chain);
		model.addAttribute("chart", json.writeValueAsString(chart(report.children())));
		// 物业缴费率 beside the coverage: this month's and last month's bills of the region's compounds
		var month = java.time.YearMonth.now(clock.withZone(cn.linli.shared.time.TimeConfiguration.ZONE));
		model.addAttribute("collection", fees.ofRegion(code, month));
		model.addAttribute("lastCollection", fees.ofRegion(code, month.minusMonths(1)));
		// 你呼我应 beside coverage: supervisors see their appeals' figures on the same home page
		if (scope.coversRegion(code)) {
			model.addAttribute("appeals", appeals.forRegion(actor, code, Period.lastDays(30, clock)));
			model.addAttribute("trend", json.writeValueAsString(trends.forRegion(actor, code, Trends.Grain.WEEK, 26, null)));
			model.addAttribute("hotspots", hotSpots.in(actor, code, 7));
			model.addAttribute("categories", appealsApi.categoryNames());
		}
		// the home page of a supervisor: what waits for it first, then its region
		if (code.equals(scope.regionCode())) {
			model.addAttribute("workload", appealsApi.workload(actor));
		}
		return "analytics/dashboard";
	}

	private static Map<String, Object> chart(List<Coverage> children) {
		return Map.of("names", children.stream().map(Coverage::name).toList(), "series",
				List.of(Map.of("name", "物业覆盖率", "data", children.stream().map(Coverage::serviceRate).toList()),
						Map.of("name", "专业化物业覆盖率", "data", children.stream().map(Coverage::professionalRate).toList()),
						Map.of("name", "业委会组建率", "data", children.stream().map(Coverage::committeeRate).toList()),
						Map.of("name", "党组织覆盖率", "data", children.stream().map(Coverage::partyRate).toList())));
	}
}
