package cn.linli.analytics.web;

import java.time.Clock;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.analytics.AppealFigures;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.security.CurrentActor;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "appeal-indicators", description = "诉求指标（由分析模块的投影计算）")
class IndicatorRestController {

	private final AppealFigures figures;
	private final Clock clock;

	IndicatorRestController(AppealFigures figures, Clock clock) {
		this.figures = figures;
		this.clock = clock;
	}

	@GetMapping("/appeal-indicators/{code}")
	@Operation(summary = "诉求指标（响应率、按时办结率、解决率、满意率、投诉密度、重复诉求率），含下一级；周期按整日（北京时间）")
	AppealFigures.Report indicators(@PathVariable String code, @RequestParam(defaultValue = "30") int days,
			@Parameter(description = "开始日期 yyyy-MM-dd（含）") @RequestParam(required = false) String from,
			@Parameter(description = "结束日期 yyyy-MM-dd（含），默认今天") @RequestParam(required = false) String to) {
		RegionCode.of(code);
		return figures.forRegion(CurrentActor.get(), code, Periods.of(days, from, to, clock));
	}
}
