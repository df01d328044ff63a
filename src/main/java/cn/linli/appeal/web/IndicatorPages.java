package cn.linli.appeal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.linli.appeal.AppealIndicators;
import cn.linli.shared.security.CurrentActor;

/** 诉求指标 of a region (drillable one level down) or of a company, with their counts. */
@Controller
class IndicatorPages {

	private final AppealIndicators indicators;

	IndicatorPages(AppealIndicators indicators) {
		this.indicators = indicators;
	}

	@GetMapping("/appeals/indicators/{code}")
	String indicators(@PathVariable String code, @RequestParam(defaultValue = "30") int days, Model model) {
		model.addAttribute("report", indicators.forRegion(CurrentActor.get(), code, days));
		model.addAttribute("days", days);
		return "appeal/indicators";
	}

	@GetMapping("/appeals/indicators/company/{id}")
	String companyIndicators(@PathVariable long id, @RequestParam(defaultValue = "30") int days, Model model) {
		model.addAttribute("report", indicators.forCompany(CurrentActor.get(), id, days));
		model.addAttribute("days", days);
		return "appeal/indicators";
	}
}
