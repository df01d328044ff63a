package cn.linli.appeal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.Rating;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.appeal.supervision.SupervisingAnAppeal;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.PageActions;
import cn.linli.shared.web.PageRequest;

/**
 * 你呼我应 pages: the resident's own appeals under {@code /app/appeals}, the handler's workbench,
 * the supervisors' board and every list under {@code /appeals}, one appeal with its actions.
 */
@Controller
class AppealPages {

	private final AppealQueries queries;
	private final AppealActions actions;
	private final SupervisingAnAppeal supervising;
	private final UploadStore uploads;

	AppealPages(AppealQueries queries, AppealActions actions, SupervisingAnAppeal supervising, UploadStore uploads) {
		this.queries = queries;
		this.actions = actions;
		this.supervising = supervising;
		this.uploads = uploads;
	}

	// ---- the resident ----

	@GetMapping("/app/appeals")
	String mine(Model model) {
		model.addAttribute("appeals", queries.mine(CurrentActor.get()));
		return "appeal/mine";
	}

	@PostMapping({ "/app/appeals/{id}/rate", "/app/appeals/{id}/support" })
	String resident(@PathVariable long id, @RequestParam(required = false) Integer version, @RequestParam(required = false) String rating,
			@RequestParam(required = false) String reason, jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) {
		String action = request.getRequestURI().endsWith("/rate") ? "rate" : "support";
		var in = new AppealActions.Input(version, null, reason, null, null, null, null, rating, List.of());
		return act(id, action, in, "/app/appeals/" + id, flash);
	}

	// ---- one appeal ----

	@GetMapping({ "/app/appeals/{id}", "/appeals/{id}" })
	String detail(@PathVariable long id, Model model) {
		var actor = CurrentActor.get();
		var d = queries.detail(actor, id);
		var can = queries.abilities(actor, id);
		model.addAttribute("a", d);
		model.addAttribute("can", can);
		model.addAttribute("ratings", Rating.values());
		model.addAttribute("base", actor.role() == Role.RESIDENT ? "/app/appeals/" : "/appeals/");
		model.addAttribute("targets", can.supervise() && d.row().status().isOpen() ? supervising.dispatchTargets(actor, id) : Map.of());
		model.addAttribute("staff", can.handle() && d.row().status().isOpen() ? queries.staffFor(actor, id) : List.of());
		return "appeal/detail";
	}

	@PostMapping("/appeals/{id}/{action}")
	String handle(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String note, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String result, @RequestParam(required = false) Long staffId,
			@RequestParam(required = false) Long companyId, @RequestParam(required = false) String external,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos, RedirectAttributes flash) {
		var in = new AppealActions.Input(version, note, reason, result, staffId, companyId, external, null, photos);
		return act(id, action, in, "/appeals/" + id, flash);
	}

	private String act(long id, String action, AppealActions.Input in, String back, RedirectAttributes flash) {
		return PageActions.redirect(flash, back, () -> actions.perform(CurrentActor.get(), id, action, in));
	}

	@GetMapping({ "/app/appeals/{id}/photos/{seq}", "/appeals/{id}/photos/{seq}" })
	ResponseEntity<Resource> photo(@PathVariable long id, @PathVariable int seq) {
		String key = queries.photoKey(CurrentActor.get(), id, seq);
		return ResponseEntity.ok().contentType(UploadStore.mediaType(key)).header("Cache-Control", "private, max-age=3600")
			.body(uploads.open(key));
	}

	// ---- the handler's workbench, the supervisors' board, every list ----

	@GetMapping("/appeals")
	String queue(@RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		if (actor.role() == Role.RESIDENT) {
			return "redirect:/app/appeals";
		}
		return list(model, "queue", queries.queue(actor, new PageRequest(page, 50)), "/appeals?");
	}

	@GetMapping("/appeals/board")
	String board(@RequestParam(defaultValue = "false") boolean all, @RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		return list(model, all ? "escalated" : "board", queries.board(actor, all, new PageRequest(page, 50)),
				all ? "/appeals/board?all=true&" : "/appeals/board?");
	}

	/** A tab of the appeal lists: its page of rows, the link to the other pages, the caller's counts. */
	private String list(Model model, String tab, cn.linli.shared.web.PageResponse<AppealQueries.AppealRow> rows, String pageLink) {
		model.addAttribute("tab", tab);
		model.addAttribute("rows", rows.content());
		model.addAttribute("page", rows);
		model.addAttribute("pageLink", pageLink);
		model.addAttribute("workload", queries.workload(CurrentActor.get()));
		return "appeal/list";
	}

	@GetMapping("/appeals/all")
	String all(@ModelAttribute ListParams params, @RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("params", params);
		model.addAttribute("query", params.query());
		model.addAttribute("statuses", AppealStatus.values());
		model.addAttribute("kinds", AppealKind.values());
		model.addAttribute("categories", queries.categories());
		model.addAttribute("compounds", queries.compoundsToFilter(actor));
		return list(model, "all", queries.search(actor, params.filter(), new PageRequest(page, 50)),
				"/appeals/all?" + (params.query().isEmpty() ? "" : params.query() + "&"));
	}

	@GetMapping("/appeals/export.csv")
	ResponseEntity<byte[]> exportCsv(@ModelAttribute ListParams params) throws IOException {
		var out = new ByteArrayOutputStream();
		AppealExport.csv(queries.export(CurrentActor.get(), params.filter()), out);
		return download(out.toByteArray(), "诉求清单.csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
	}

	@GetMapping("/appeals/export.xlsx")
	ResponseEntity<byte[]> exportXlsx(@ModelAttribute ListParams params) throws IOException {
		var out = new ByteArrayOutputStream();
		AppealExport.xlsx(queries.export(CurrentActor.get(), params.filter()), out);
		return download(out.toByteArray(), "诉求清单.xlsx", MediaType.parseMediaType(cn.linli.shared.excel.Xlsx.CONTENT_TYPE));
	}

	static ResponseEntity<byte[]> download(byte[] body, String filename, MediaType type) {
		return ResponseEntity.ok().contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(body);
	}
}
