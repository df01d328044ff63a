package cn.linli.analytics.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

import cn.linli.analytics.HotSpots;
import cn.linli.analytics.Trends;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.security.CurrentActor;

@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "analytics", description = "科学分析：趋势、热点")
class AnalyticsRestController {

	private final Trends trends;
	private final HotSpots hotSpots;

	AnalyticsRestController(Trends trends, HotSpots hotSpots) {
		this.trends = trends;
		this.hotSpots = hotSpots;
	}

	@GetMapping("/hotspots")
	@Operation(summary = "区划内的诉求热点：小区或街道某类诉求近 days 天件数 ≥ max(5, 前 8 个同长窗口均值 + 3 倍标准差)")
	List<HotSpots.HotSpot> hotspots(@RequestParam String region, @Parameter(description = "统计窗口天数，默认 7") @RequestParam(defaultValue = "7") int days) {
		RegionCode.of(region);
		return hotSpots.in(CurrentActor.get(), region, days);
	}

	@GetMapping("/trends/{code}")
	@Operation(summary = "区划的周或月诉求趋势（可按类别），含去年同期")
	Trends.Series trends(@PathVariable String code, @Parameter(description = "WEEK 或 MONTH") @RequestParam(defaultValue = "WEEK") String grain,
			@Parameter(description = "周数或月数，含本周/本月") @RequestParam(defaultValue = "26") int periods,
			@Parameter(description = "诉求类别代码，缺省为全部") @RequestParam(required = false) String category) {
		RegionCode.of(code);
		return trends.forRegion(CurrentActor.get(), code, Grains.parse(grain), periods, category == null || category.isBlank() ? null : category);
	}
}
