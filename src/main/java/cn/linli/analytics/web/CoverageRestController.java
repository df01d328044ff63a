package cn.linli.analytics.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.registry.RegistryFigures;
import cn.linli.registry.RegistryFigures.CoverageReport;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.security.CurrentActor;

@RestController
@RequestMapping("/api/v1/coverage")
@Tag(name = "coverage", description = "红色物业覆盖指标")
class CoverageRestController {

	private final RegistryFigures figures;

	CoverageRestController(RegistryFigures figures) {
		this.figures = figures;
	}

	@GetMapping("/{code}")
	@Operation(summary = "区划的覆盖指标及下一级明细（每项含分子分母）")
	CoverageReport coverage(@PathVariable String code) {
		RegionCode.of(code);
		return figures.coverage(CurrentActor.scope(), code);
	}
}
