package cn.linli.appeal;

import java.util.List;
import java.util.UUID;

import org.springframework.core.io.Resource;
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

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.PageRequest;

/**
 * 你呼我应 pages: the resident's phone pages under {@code /app/appeals}, the handler's workbench and
 * the supervisors' board under {@code /appeals}.
 */
@Controller
class AppealPages {

	private final Appeals appeals;
	private final AppealQueries queries;
	private final SlaPolicies policies;
	private final AppealIndicators indicators;
	private final UploadStore uploads;
	private final cn.linli.registry.RegistryApi registry;

	AppealPages(Appeals appeals, AppealQueries queries, SlaPolicies policies, AppealIndicators indicators, UploadStore uploads,
			cn.linli.registry.RegistryApi registry) {
		this.appeals = appeals;
		this.queries = queries;
		this.policies = policies;
		this.indicators = indicators;
		this.uploads = uploads;
		this.registry = registry;
	}

	// ---- intake (resident on the phone, staff on patrol) ----

	@GetMapping({ "/app/appeals/new", "/appeals/new" })
	String newForm(Model model) {
		var form = new RaiseForm();
		form.setRequestKey(UUID.randomUUID().toString());
		form.setUrgency("NORMAL");
		return form(model, form, null, null);
	}

	private String form(Model model, RaiseForm form, String error, String field) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT && actor.role() != Role.STAFF) {
			throw DomainException.forbidden("居民、物业人员和网格员可以提交诉求");
		}
		var places = queries.placesFor(actor);
		model.addAttribute("form", form);
		model.addAttribute("places", places);
		model.addAttribute("categories", queries.categories());
		model.addAttribute("kinds", AppealKind.values());
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("error", error);
		model.addAttribute("field", field);
		model.addAttribute("action", actor.role() == Role.RESIDENT ? "/app/appeals" : "/appeals");
		return "appeal/new";
	}

	@PostMapping({ "/app/appeals", "/appeals" })
	String raise(@ModelAttribute RaiseForm form, @RequestParam(name = "photos", required = false) List<MultipartFile> photos, Model model) {
		var actor = CurrentActor.get();
		try {
			long id = appeals.raise(actor, form.toNew(), photos).id();
			return "redirect:" + (actor.role() == Role.RESIDENT ? "/app/appeals/" : "/appeals/") + id + "?created";
		}
		catch (DomainException e) {
			if (e.status().is4xxClientError() && e.field() != null) {
				return form(model, form, e.getMessage(), e.field());
			}
			throw e;
		}
	}

	/** Open appeals of the same compound and category, loaded while the resident fills in the form. */
	@GetMapping("/app/appeals/similar")
	String similar(@RequestParam(required = false) String place, @RequestParam(required = false) String category, Model model) {
		var f = new RaiseForm();
		f.setPlace(place);
		Long compound = f.compoundId;
		if (f.houseId != null) {
			compound = registry.houseFacts(f.houseId).map(h -> h.compoundId()).orElse(null);
		}
		model.addAttribute("similar", compound == null || category == null || category.isBlank() ? List.of()
				: queries.openLike(CurrentActor.get(), compound, category));
		return "appeal/similar :: similar";
	}

	// ---- the resident ----

	@GetMapping("/app/appeals")
	String mine(Model model) {
		model.addAttribute("appeals", queries.mine(CurrentActor.get()));
		return "appeal/mine";
	}

	@GetMapping({ "/app/appeals/{id}", "/appeals/{id}" })
	String detail(@PathVariable long id, Model model) {
		var actor = CurrentActor.get();
		var d = queries.detail(actor, id);
		var can = appeals.abilities(actor, id);
		model.addAttribute("a", d);
		model.addAttribute("can", can);
		model.addAttribute("ratings", Rating.values());
		model.addAttribute("base", actor.role() == Role.RESIDENT ? "/app/appeals/" : "/appeals/");
		model.addAttribute("targets", can.supervise() && d.row().status().isOpen() ? appeals.dispatchTargets(actor, id) : java.util.Map.of());
		model.addAttribute("staff", can.handle() && d.row().status().isOpen() && d.row().handlerName() != null
				&& "COMPANY".equals(queries.handlerKind(id)) ? queries.staffFor(actor, id) : List.of());
		return "appeal/detail";
	}

	@PostMapping("/app/appeals/{id}/rate")
	String rate(@PathVariable long id, @RequestParam(required = false) Integer version, @RequestParam(required = false) String rating,
			@RequestParam(required = false) String reason, RedirectAttributes flash) {
		try {
			appeals.rate(CurrentActor.get(), id, version, Choices.required(Rating.class, rating, "rating", "评价"), reason);
			flash.addFlashAttribute("notice", "感谢您的评价");
		}
		catch (DomainException e) {
			if (e.status().value() != 400) {
				throw e;
			}
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/app/appeals/" + id;
	}

	@PostMapping("/app/appeals/{id}/support")
	String support(@PathVariable long id, RedirectAttributes flash) {
		appeals.support(CurrentActor.get(), id);
		flash.addFlashAttribute("notice", "已附议（+1），办理进展会通知您");
		return "redirect:/app/appeals/" + id;
	}

	/** +1 from the intake form, without leaving it. */
	@PostMapping(path = "/app/appeals/{id}/support", headers = "HX-Request")
	String supportInline(@PathVariable long id, Model model) {
		try {
			appeals.support(CurrentActor.get(), id);
			model.addAttribute("message", "已附议（+1），办理进展会通知您，无需再提交");
		}
		catch (DomainException e) {
			if (e.status().value() == 404 || e.status().value() == 403) {
				throw e;
			}
			model.addAttribute("message", e.getMessage());
		}
		return "appeal/similar :: supported";
	}

	@GetMapping({ "/app/appeals/{id}/photos/{seq}", "/appeals/{id}/photos/{seq}" })
	ResponseEntity<Resource> photo(@PathVariable long id, @PathVariable int seq) {
		String key = queries.photoKey(CurrentActor.get(), id, seq);
		return ResponseEntity.ok().contentType(UploadStore.mediaType(key)).header("Cache-Control", "private, max-age=3600")
			.body(uploads.open(key));
	}

	// ---- the handler's workbench and the supervisors' board ----

	@GetMapping("/appeals")
	String queue(Model model) {
		var actor = CurrentActor.get();
		if (actor.role() == Role.RESIDENT) {
			return "redirect:/app/appeals";
		}
		model.addAttribute("tab", "queue");
		model.addAttribute("rows", queries.queue(actor));
		return "appeal/list";
	}

	@GetMapping("/appeals/board")
	String board(@RequestParam(defaultValue = "false") boolean all, Model model) {
		model.addAttribute("tab", all ? "escalated" : "board");
		model.addAttribute("rows", queries.board(CurrentActor.get(), all));
		return "appeal/list";
	}

	@GetMapping("/appeals/all")
	String all(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("tab", "all");
		var result = queries.search(actor, Choices.parse(AppealStatus.class, status, "status", "状态"), new PageRequest(page, 50));
		model.addAttribute("rows", result.content());
		model.addAttribute("page", result);
		model.addAttribute("status", status);
		model.addAttribute("statuses", AppealStatus.values());
		return "appeal/list";
	}

	@PostMapping("/appeals/{id}/{action}")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String note, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String result, @RequestParam(required = false) Long staffId,
			@RequestParam(required = false) Long companyId, @RequestParam(required = false) String external,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos, RedirectAttributes flash) {
		var actor = CurrentActor.get();
		try {
			switch (action) {
				case "accept" -> appeals.accept(actor, id, version);
				case "start" -> appeals.start(actor, id, version);
				case "assign" -> {
					if (staffId == null) {
						throw DomainException.invalid("staffId", "请选择指派的人员");
					}
					appeals.assign(actor, id, version, staffId);
				}
				case "note" -> appeals.note(actor, id, note);
				case "pause" -> appeals.pause(actor, id, version, reason);
				case "resume" -> appeals.resume(actor, id, version);
				case "resolve" -> appeals.resolve(actor, id, version, result, photos);
				case "reject-route" -> appeals.rejectRoute(actor, id, version, reason);
				case "redispatch" -> appeals.redispatch(actor, id, version, companyId, external, note);
				case "reassign" -> appeals.reassign(actor, id, version, companyId, external, note);
				case "order" -> appeals.order(actor, id, version, note);
				case "supervise" -> appeals.superviseNote(actor, id, note);
				case "confirm" -> appeals.confirmSolved(actor, id, version, note);
				default -> throw DomainException.notFound("办理动作");
			}
			flash.addFlashAttribute("notice", "已提交");
		}
		catch (DomainException e) {
			if (e.status().value() == 404 || e.status().value() == 403) {
				throw e;
			}
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/appeals/" + id;
	}

	// ---- clocks ----

	@GetMapping("/appeals/policies")
	String policies(Model model) {
		var actor = CurrentActor.get();
		if (!actor.scope().isRegional()) {
			throw DomainException.forbidden("处置时限仅对政府部门开放");
		}
		model.addAttribute("policies", policies.effectiveIn(actor.scope().regionCode()));
		var names = new java.util.HashMap<String, String>();
		queries.categories().forEach(c -> names.put(c.code(), c.name()));
		model.addAttribute("categoryNames", names);
		model.addAttribute("editable", actor.role() == Role.CITY || actor.role() == Role.DISTRICT);
		return "appeal/policies";
	}

	@PostMapping("/appeals/policies")
	String setPolicy(@RequestParam String category, @RequestParam String urgency, @RequestParam(required = false) Integer acceptMinutes,
			@RequestParam(required = false) Integer resolveMinutes, @RequestParam(required = false) Integer superviseMinutes,
			@RequestParam(required = false) String reset, RedirectAttributes flash) {
		var actor = CurrentActor.get();
		try {
			var u = Choices.required(Urgency.class, urgency, "urgency", "紧急程度");
			if (reset != null) {
				policies.reset(actor, category, u);
			}
			else {
				if (acceptMinutes == null || resolveMinutes == null || superviseMinutes == null) {
					throw DomainException.invalid("acceptMinutes", "请填写签收、办结、督办时限（分钟）");
				}
				policies.set(actor, category, u, new SlaPolicy.Minutes(acceptMinutes, resolveMinutes, superviseMinutes));
			}
			flash.addFlashAttribute("notice", "已保存，新提交的诉求按新时限计时");
		}
		catch (DomainException e) {
			if (e.status().value() == 403) {
				throw e;
			}
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/appeals/policies";
	}

	// ---- indicators ----

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
