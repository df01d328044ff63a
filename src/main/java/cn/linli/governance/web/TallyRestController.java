package cn.linli.governance.web;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.governance.counting.RecountingFiles;
import cn.linli.governance.domain.Tally;

@RestController
@RequestMapping("/api/v1/governance")
@Tag(name = "governance", description = "业主共同决定：计票")
class TallyRestController {

	@PostMapping(path = "/tally", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "按导出的 houses.csv 与 ballots.csv 重新计票（与在线计票同一实现）；households 为小区户数（选举席位规则用，缺省为 houses.csv 中的住宅套数）")
	Tally.Outcome tally(@RequestPart("houses") MultipartFile houses, @RequestPart("ballots") MultipartFile ballots,
			@RequestParam int matter, @RequestParam(required = false) Integer seats,
			@RequestParam(defaultValue = "false") boolean includeParking,
			@RequestParam(defaultValue = "false") boolean followMajority, @RequestParam(required = false) String served,
			@RequestParam(required = false) Long households) throws IOException {
		return RecountingFiles.recount(houses.getInputStream(), ballots.getInputStream(),
				new RecountingFiles.Request(matter, seats, includeParking, followMajority, served, households));
	}
}
