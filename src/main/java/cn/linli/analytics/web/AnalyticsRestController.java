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

import cn.linli.analytics.hotspot.HotSpots;
import cn.linli.analytics.map.ComplaintMap;
import cn.linli.analytics.topic.Topics;
import cn.linli.analytics.trend.Trends;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.security.CurrentActor;

@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "analytics", description = "科学分析：趋势、热点")
class AnalyticsRestController {

	private final Trends trends;
	private final HotSpots hotSpots;

	private final Topics topics;

	private final ComplaintMap map;

	AnalyticsRestController(Trends trends, HotSpots hotSpots, Topics topics, ComplaintMap map) {
		this.map = map;
		this.topics = topics;
		this.trends = trends;
		this.hotSpots = hotSpots;
	}

	@GetMapping("/topics")
	@Operation(summary = "区划内近 days 天诉求的话题（TF-IDF + 单遍聚类），含关键词、规模、环比增长、脱敏样例，以及每月一题候选")
	Topics.Result topics(@RequestParam String region, @RequestParam(defaultValue = "30") int days) {
		RegionCode.of(region);
		return topics.of(CurrentActor.get(), region, days);
	}

	@GetMapping("/map/{code}")
	@Operation(summary = "投诉地图数据：区划内各小区（含坐标）的投诉密度与满意率；37（全省）另含各市，仅平台管理员")
	ComplaintMap.MapData map(@PathVariable String code, @RequestParam(defaultValue = "90") int days) {
		RegionCode.of(code);
		return map.of(CurrentActor.get(), code, days);
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
