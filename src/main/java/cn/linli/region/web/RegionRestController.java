package cn.linli.region.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionCode;
import cn.linli.region.Region;
import cn.linli.region.RegionApi;

@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "regions", description = "区划（国家统计用区划代码）")
class RegionRestController {

	private final RegionApi regions;

	RegionRestController(RegionApi regions) {
		this.regions = regions;
	}

	@GetMapping("/{code}")
	@Operation(summary = "区划及其上级链")
	RegionView region(@PathVariable String code) {
		RegionCode.of(code);
		var chain = regions.chain(code);
		return RegionView.of(chain.get(chain.size() - 1), chain.subList(0, chain.size() - 1));
	}

	@GetMapping("/{code}/children")
	@Operation(summary = "下级区划（分页）")
	Page children(@PathVariable String code, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		RegionCode.of(code);
		if (page < 0 || size < 1 || size > 500) {
			throw DomainException.invalid("size", "分页参数错误：page ≥ 0，size 为 1–500");
		}
		var result = regions.children(code, page, size);
		return new Page(result.content().stream().map(r -> RegionView.of(r, null)).toList(), result.page(), result.size(),
				result.totalElements(), result.totalPages());
	}

	record RegionView(String code, String name, String level, String parentCode, Boolean urban, List<RegionView> parents) {
		static RegionView of(Region r, List<Region> parents) {
			return new RegionView(r.code(), r.name(), r.level().name(), r.parentCode(), r.urban(),
					parents == null ? null : parents.stream().map(p -> of(p, null)).toList());
		}
	}

	record Page(List<RegionView> content, int page, int size, long totalElements, long totalPages) {
	}
}
