package cn.linli.analytics.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.analytics.bulletin.BulletinDocuments;
import cn.linli.analytics.bulletin.Bulletins;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.excel.Xlsx;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.web.PageActions;

/** 月度通报: the page of a region's month, its PDF and Excel, and the city's weights. */
@Controller
@Tag(name = "analytics", description = "科学分析：趋势、热点、话题、月度通报")
class BulletinPages {

	private final Bulletins bulletins;
	private final BulletinDocuments documents;
	private final Clock clock;

	BulletinPages(Bulletins bulletins, BulletinDocuments documents, Clock clock) {
		this.bulletins = bulletins;
		this.documents = documents;
		this.clock = clock;
	}

	/** This month's bulletin so far is the page a supervisor starts from; earlier months by the links. */
	@GetMapping("/analytics/bulletins/{code}")
	String current(@PathVariable String code) {
		RegionCode.of(code);
		return "redirect:/analytics/bulletins/" + code + "/" + YearMonth.from(TimeConfiguration.today(clock)).minusMonths(1);
	}

	@GetMapping("/analytics/bulletins/{code}/{month}")
	String page(@PathVariable String code, @PathVariable String month, Model model) {
		RegionCode.of(code);
		var actor = CurrentActor.get();
		var b = bulletins.of(actor, code, month(month));
		model.addAttribute("b", b);
		model.addAttribute("f", new BulletinDocuments.Words());
		model.addAttribute("current", YearMonth.from(TimeConfiguration.today(clock)));
		model.addAttribute("canSetWeights", actor.role() == Role.CITY);
		return "analytics/bulletin";
	}

	@PostMapping("/analytics/bulletins/weights")
	String weights(@RequestParam String code, @RequestParam String month, @RequestParam(required = false) String response,
			@RequestParam(required = false) String resolution, @RequestParam(required = false) String satisfaction, RedirectAttributes flash) {
		RegionCode.of(code);
		var back = "/analytics/bulletins/" + code + "/" + month(month);
		return PageActions.redirect(flash, back, () -> {
			bulletins.setWeights(CurrentActor.get(), new Bulletins.Weights(weight(response, "response"), weight(resolution, "resolution"),
					weight(satisfaction, "satisfaction")));
			return "通报权重已保存，本市各级通报按新权重排名";
		});
	}

	@GetMapping({ "/api/v1/analytics/bulletins/{code}/{month}.pdf", "/analytics/bulletins/{code}/{month}.pdf" })
	@Operation(summary = "月度通报 PDF（内嵌中文字体）")
	ResponseEntity<byte[]> pdf(@PathVariable String code, @PathVariable String month) {
		RegionCode.of(code);
		var b = bulletins.of(CurrentActor.get(), code, month(month));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).header(HttpHeaders.CONTENT_DISPOSITION, disposition(b, "pdf"))
			.body(documents.pdf(b));
	}

	@GetMapping({ "/api/v1/analytics/bulletins/{code}/{month}.xlsx", "/analytics/bulletins/{code}/{month}.xlsx" })
	@Operation(summary = "月度通报 Excel（每张表一页，比率旁附分子分母）")
	ResponseEntity<byte[]> xlsx(@PathVariable String code, @PathVariable String month) throws IOException {
		RegionCode.of(code);
		var b = bulletins.of(CurrentActor.get(), code, month(month));
		var out = new ByteArrayOutputStream();
		documents.xlsx(b, out);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(Xlsx.CONTENT_TYPE)).header(HttpHeaders.CONTENT_DISPOSITION, disposition(b, "xlsx"))
			.body(out.toByteArray());
	}

	@GetMapping("/api/v1/analytics/bulletins/{code}/{month}")
	@Operation(summary = "月度通报数据（JSON）")
	@ResponseBody
	Bulletins.Bulletin json(@PathVariable String code, @PathVariable String month) {
		RegionCode.of(code);
		return bulletins.of(CurrentActor.get(), code, month(month));
	}

	private static String disposition(Bulletins.Bulletin b, String ext) {
		return ContentDisposition.attachment().filename(b.name() + "-" + b.month() + "-月度通报." + ext, java.nio.charset.StandardCharsets.UTF_8)
			.build().toString();
	}

	private static YearMonth month(String value) {
		try {
			return YearMonth.parse(value);
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid("month", "月份格式应为 yyyy-MM，如 2026-11");
		}
	}

	private static int weight(String value, String field) {
		try {
			return Integer.parseInt(value == null ? "" : value.strip());
		}
		catch (NumberFormatException e) {
			throw DomainException.invalid(field, "权重为 0 到 100 的整数");
		}
	}
}
