package cn.linli.region.web;

import java.io.IOException;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.domain.RegionLevel;
import cn.linli.region.RegionApi;
import cn.linli.region.importing.RegionImportJobs;

/** Browse the division tree; import another file set (admin). */
@Controller
class RegionAdminController {

	private final RegionApi regions;
	private final RegionImportJobs jobs;

	RegionAdminController(RegionApi regions, RegionImportJobs jobs) {
		this.regions = regions;
		this.jobs = jobs;
	}

	@GetMapping("/regions")
	String top(Model model) {
		return browse("37", 0, model);
	}

	@GetMapping("/regions/{code}")
	String browse(@PathVariable String code, @RequestParam(defaultValue = "0") int page, Model model) {
		RegionCode.of(code);
		var chain = regions.chain(code);
		var region = chain.get(chain.size() - 1);
		model.addAttribute("region", region);
		model.addAttribute("chain", chain);
		model.addAttribute("isCommunity", region.level() == RegionLevel.COMMUNITY);
		model.addAttribute("children", regions.children(code, Math.max(0, page), 100));
		return "region/browse";
	}

	@GetMapping("/admin/regions/import")
	@PreAuthorize("hasRole('ADMIN')")
	String importForm() {
		return "region/import";
	}

	@PostMapping("/admin/regions/import")
	@PreAuthorize("hasRole('ADMIN')")
	String upload(@RequestParam("files") List<MultipartFile> files, Model model) throws IOException {
		try {
			model.addAttribute("job", jobs.start(files));
		}
		catch (DomainException e) {
			model.addAttribute("error", e.getMessage());
			return "region/import";
		}
		return "region/import";
	}

	@GetMapping("/admin/regions/import/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	String progress(@PathVariable String id, Model model) {
		var job = jobs.find(id);
		if (job == null) {
			throw DomainException.notFound("导入任务");
		}
		model.addAttribute("job", job);
		return "region/import :: progress";
	}
}
