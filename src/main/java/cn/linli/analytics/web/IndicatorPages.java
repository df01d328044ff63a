package cn.linli.analytics.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.analytics.AppealFigures;
import cn.linli.analytics.Ranking;
import cn.linli.analytics.trend.Trends;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.shared.security.CurrentActor;

/** 诉求指标 of a region (drillable one level down) or of a company, with their counts. */
@Controller
class IndicatorPages {

	private final AppealFigures figures;
	private final Trends trends;
	private final JsonMapper json;
	private final Clock clock;

	IndicatorPages(AppealFigures figures, Trends trends, JsonMapper json, Clock clock) {
		this.trends = trends;
		this.figures = figures;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/appeals/indicators/{code}")
	String indicators(@PathVariable String code, @RequestParam(defaultValue = "30") int days,
			@RequestParam(defaultValue = "WEEK") String grain, Model model) {
		var actor = CurrentActor.get();
		var report = figures.forRegion(actor, code, Periods.of(days, null, null, clock));
		var g = Grains.parse(grain);
		model.addAttribute("grain", g.name());
		model.addAttribute("trend", json.writeValueAsString(trends.forRegion(actor, code, g, g == Trends.Grain.WEEK ? 26 : 13, null)));
		return page(report, days, model);
	}

	@GetMapping("/appeals/indicators/company/{id}")
	String companyIndicators(@PathVariable long id, @RequestParam(defaultValue = "30") int days, Model model) {
		return page(figures.forCompany(CurrentActor.get(), id, Periods.of(days, null, null, clock)), days, model);
	}

	private String page(AppealFigures.Report report, int days, Model model) {
		model.addAttribute("report", report);
		model.addAttribute("days", days);
		model.addAttribute("chart", json.writeValueAsString(chart(report.children())));
		model.addAttribute("ranking", Ranking.rank(report.children(), Ranking.Rate.SATISFACTION));
		return "analytics/indicators";
	}

	/** The three rates of each unit one level down, in per cent with one decimal, for the bar chart beside the table. */
	private static Map<String, Object> chart(List<AppealFigures.Row> rows) {
		return Map.of("names", rows.stream().map(AppealFigures.Row::name).toList(), "series",
				List.of(series("响应率", rows, IndicatorCounts::responseRate), series("按时办结率", rows, IndicatorCounts::onTimeRate),
						series("满意率", rows, IndicatorCounts::satisfactionRate)));
	}

	private static Map<String, Object> series(String name, List<AppealFigures.Row> rows, Function<IndicatorCounts, Double> rate) {
		var data = new ArrayList<Double>();
		for (var r : rows) {
			Double v = rate.apply(r.counts());
			data.add(v == null ? null : Math.round(v * 1000) / 10.0);
		}
		return Map.of("name", name, "data", data);
	}
}
