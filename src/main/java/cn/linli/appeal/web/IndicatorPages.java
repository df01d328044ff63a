package cn.linli.appeal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.appeal.AppealIndicators;
import cn.linli.shared.security.CurrentActor;

/** 诉求指标 of a region (drillable one level down) or of a company, with their counts. */
@Controller
class IndicatorPages {

	private final AppealIndicators indicators;
	private final JsonMapper json;

	IndicatorPages(AppealIndicators indicators, JsonMapper json) {
		this.indicators = indicators;
		this.json = json;
	}

	@GetMapping("/appeals/indicators/{code}")
	String indicators(@PathVariable String code, @RequestParam(defaultValue = "30") int days, Model model) {
		return page(indicators.forRegion(CurrentActor.get(), code, days), days, model);
	}

	@GetMapping("/appeals/indicators/company/{id}")
	String companyIndicators(@PathVariable long id, @RequestParam(defaultValue = "30") int days, Model model) {
		return page(indicators.forCompany(CurrentActor.get(), id, days), days, model);
	}

	private String page(AppealIndicators.Report report, int days, Model model) {
		model.addAttribute("report", report);
		model.addAttribute("days", days);
		model.addAttribute("chart", json.writeValueAsString(chart(report.children())));
		return "appeal/indicators";
	}

	/** The three rates of each unit one level down, in per cent with one decimal, for the bar chart beside the table. */
	private static Map<String, Object> chart(List<AppealIndicators.Row> rows) {
		return Map.of("names", rows.stream().map(AppealIndicators.Row::name).toList(), "series",
				List.of(series("响应率", rows, AppealIndicators.Counts::responseRate), series("按时办结率", rows, AppealIndicators.Counts::onTimeRate),
						series("满意率", rows, AppealIndicators.Counts::satisfactionRate)));
	}

	private static Map<String, Object> series(String name, List<AppealIndicators.Row> rows,
			java.util.function.Function<AppealIndicators.Counts, Double> rate) {
		var data = new java.util.ArrayList<Double>();
		for (var r : rows) {
			Double v = rate.apply(r.counts());
			data.add(v == null ? null : Math.round(v * 1000) / 10.0);
		}
		return Map.of("name", name, "data", data);
	}
}
