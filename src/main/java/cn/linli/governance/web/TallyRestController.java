package cn.linli.governance;

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

@RestController
@RequestMapping("/api/v1/governance")
@Tag(name = "governance", description = "业主共同决定：计票")
class GovernanceRestController {

	@PostMapping(path = "/tally", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "按导出的 houses.csv 与 ballots.csv 重新计票（与在线计票同一实现）")
	Tally.Outcome tally(@RequestPart("houses") MultipartFile houses, @RequestPart("ballots") MultipartFile ballots,
			@RequestParam int matter, @RequestParam(required = false) Integer seats,
			@RequestParam(defaultValue = "false") boolean includeParking,
			@RequestParam(defaultValue = "false") boolean followMajority, @RequestParam(required = false) String served)
			throws IOException {
		return TallyFiles.recount(houses.getInputStream(), ballots.getInputStream(),
				new TallyFiles.Request(matter, seats, includeParking, followMajority, served));
	}
}
