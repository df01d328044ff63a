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
		model.addAttribute("xlsx", "/appeals/indicators/" + code + ".xlsx?days=" + days);
		return page(report, days, model);
	}

	@GetMapping("/appeals/indicators/company/{id}")
	String companyIndicators(@PathVariable long id, @RequestParam(defaultValue = "30") int days, Model model) {
		model.addAttribute("xlsx", "/appeals/indicators/company/" + id + ".xlsx?days=" + days);
		return page(figures.forCompany(CurrentActor.get(), id, Periods.of(days, null, null, clock)), days, model);
	}

	@GetMapping("/appeals/indicators/{code}.xlsx")
	org.springframework.http.ResponseEntity<byte[]> indicatorsXlsx(@PathVariable String code, @RequestParam(defaultValue = "30") int days)
			throws java.io.IOException {
		var actor = CurrentActor.get();
		var report = figures.forRegion(actor, code, Periods.of(days, null, null, clock));
		return xlsx(report, trends.forRegion(actor, code, Trends.Grain.WEEK, 26, null));
	}

	@GetMapping("/appeals/indicators/company/{id}.xlsx")
	org.springframework.http.ResponseEntity<byte[]> companyIndicatorsXlsx(@PathVariable long id, @RequestParam(defaultValue = "30") int days)
			throws java.io.IOException {
		return xlsx(figures.forCompany(CurrentActor.get(), id, Periods.of(days, null, null, clock)), null);
	}

	/** Every table of the page as a sheet: the units with all their counts, the ranking with its intervals, the trend. */
	private static org.springframework.http.ResponseEntity<byte[]> xlsx(AppealFigures.Report report, Trends.Series trend) throws java.io.IOException {
		var out = new java.io.ByteArrayOutputStream();
		try (var x = cn.linli.shared.excel.Xlsx.sheet(out, report.childKind().equals("REGION") ? "下级区划" : "小区", List.of("代码", "名称", "诉求",
				"应签收", "按时签收", "响应率", "应办结", "按时办结", "按时办结率", "评价", "解决", "解决率", "满意", "满意率", "有效投诉", "户数", "投诉/千户",
				"重复", "重复率"))) {
			var rows = new ArrayList<>(report.children());
			rows.add(new AppealFigures.Row(report.code(), report.name() + "（合计）", report.total()));
			for (var r : rows) {
				var k = r.counts();
				x.row(r.key(), r.name(), k.appeals(), k.acceptDue(), k.acceptedOnTime(), k.responseRate(), k.resolveDue(), k.resolvedOnTime(),
						k.onTimeRate(), k.rated(), k.solved(), k.resolutionRate(), k.satisfied(), k.satisfactionRate(), k.complaints(), k.households(),
						k.densityPerThousandHouseholds(), k.repeats(), k.repeatRate());
			}
			var ranking = Ranking.rank(report.children(), Ranking.Rate.SATISFACTION);
			x.sheet("满意率排名", List.of("名次", "名称", "满意", "评价", "满意率", "95%下限", "95%上限"));
			for (var r : ranking.ranked()) {
				x.row(r.rank(), r.row().name(), r.interval().part(), r.interval().whole(), r.interval().rate(), r.interval().lower(), r.interval().upper());
			}
			for (var r : ranking.tooFew()) {
				x.row("样本不足", r.row().name(), r.interval().part(), r.interval().whole(), r.interval().rate(), r.interval().lower(), r.interval().upper());
			}
			if (trend != null) {
				x.sheet("趋势", List.of("周", "开始", "结束", "诉求", "有效投诉", "评价", "满意", "去年同期诉求", "去年同期投诉", "去年同期评价", "去年同期满意"));
				for (var p : trend.points()) {
					x.row(p.label(), p.start(), p.end(), p.appeals(), p.complaints(), p.rated(), p.satisfied(), p.appealsYearBefore(), p.complaintsYearBefore(),
							p.ratedYearBefore(), p.satisfiedYearBefore());
				}
			}
		}
		return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(cn.linli.shared.excel.Xlsx.CONTENT_TYPE))
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
				.filename(report.name() + "-诉求指标.xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(out.toByteArray());
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
