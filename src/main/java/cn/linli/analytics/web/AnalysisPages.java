package cn.linli.analytics.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.analytics.map.ComplaintMap;
import cn.linli.analytics.screen.CommandScreen;
import cn.linli.analytics.topic.Topics;
import cn.linli.analytics.trend.Trends;
import cn.linli.appeal.AppealsApi;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.security.CurrentActor;

/** 科学分析 pages of a supervising level: the topics and the complaint map of its region. */
@Controller
class AnalysisPages {

	private final Topics topics;
	private final AppealsApi appeals;
	private final ComplaintMap map;
	private final JsonMapper json;

	private final CommandScreen screen;
	private final Trends trends;

	AnalysisPages(Topics topics, AppealsApi appeals, ComplaintMap map, JsonMapper json, CommandScreen screen, Trends trends) {
		this.screen = screen;
		this.trends = trends;
		this.topics = topics;
		this.appeals = appeals;
		this.map = map;
		this.json = json;
	}

	/** 大屏 of a region at 1920×1080; its live part reloads itself every 10 s. */
	@GetMapping("/analytics/screen/{code}")
	String screen(@PathVariable String code, Model model) {
		RegionCode.of(code);
		var actor = CurrentActor.get();
		model.addAttribute("data", screen.of(actor, code));
		model.addAttribute("categories", appeals.categoryNames());
		model.addAttribute("mapJson", json.writeValueAsString(map.of(actor, code, 90)));
		model.addAttribute("trend", json.writeValueAsString(trends.forRegion(actor, code, Trends.Grain.WEEK, 26, null)));
		return "analytics/screen";
	}

	@GetMapping("/analytics/screen/{code}/live")
	String screenLive(@PathVariable String code, Model model) {
		RegionCode.of(code);
		model.addAttribute("data", screen.of(CurrentActor.get(), code));
		model.addAttribute("categories", appeals.categoryNames());
		return "analytics/screen-live :: live";
	}

	@GetMapping("/analytics/map/{code}")
	String map(@PathVariable String code, @RequestParam(defaultValue = "90") int days, @RequestParam(defaultValue = "density") String by,
			Model model) {
		RegionCode.of(code);
		var data = map.of(CurrentActor.get(), code, days);
		model.addAttribute("map", data);
		model.addAttribute("mapJson", json.writeValueAsString(data));
		model.addAttribute("by", "satisfaction".equals(by) ? "satisfaction" : "density");
		model.addAttribute("top", data.compounds().stream().filter(p -> p.density() != null)
			.sorted(java.util.Comparator.comparing(ComplaintMap.Point::density).reversed()).limit(20).toList());
		return "analytics/map";
	}

	@GetMapping("/analytics/topics/{code}")
	String topics(@PathVariable String code, @RequestParam(defaultValue = "30") int days, Model model) {
		RegionCode.of(code);
		model.addAttribute("result", topics.of(CurrentActor.get(), code, days));
		model.addAttribute("categories", appeals.categoryNames());
		return "analytics/topics";
	}
}
