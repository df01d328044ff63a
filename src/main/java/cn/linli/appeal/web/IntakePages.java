package cn.linli.appeal.web;

import java.util.List;
import java.util.UUID;

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
import cn.linli.appeal.Urgency;
import cn.linli.appeal.intake.BackingAnAppeal;
import cn.linli.appeal.intake.RaisingAnAppeal;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageActions;

/** 我要反映: the resident's phone form and the patrol's, with the open appeals of the same kind to back (+1) instead. */
@Controller
class IntakePages {

	private final cn.linli.appeal.text.CategorySuggestions suggestions;
	private final RaisingAnAppeal raising;
	private final BackingAnAppeal backing;
	private final AppealQueries queries;
	private final RegistryDirectory directory;

	IntakePages(RaisingAnAppeal raising, BackingAnAppeal backing, AppealQueries queries, RegistryDirectory directory,
			cn.linli.appeal.text.CategorySuggestions suggestions) {
		this.suggestions = suggestions;
		this.raising = raising;
		this.backing = backing;
		this.queries = queries;
		this.directory = directory;
	}

	@GetMapping({ "/app/appeals/new", "/appeals/new" })
	String newForm(Model model, RedirectAttributes flash) {
		var actor = CurrentActor.get();
		if (actor.role() == Role.RESIDENT && actor.scope().houseIds().isEmpty()) {
			// nothing to raise an appeal for yet: the resident binds its house first
			flash.addFlashAttribute("notice", "请先认证您的房屋，之后即可反映诉求");
			return "redirect:/app/bind";
		}
		var form = new RaiseForm();
		form.setRequestKey(UUID.randomUUID().toString());
		form.setUrgency("NORMAL");
		return form(model, form);
	}

	private String form(Model model, RaiseForm form) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT && actor.role() != Role.STAFF) {
			throw DomainException.forbidden("居民、物业人员和网格员可以提交诉求");
		}
		model.addAttribute("form", form);
		model.addAttribute("questions", queries.questions(form.getCategory()));
		model.addAttribute("answers", form.getAttr());
		model.addAttribute("places", queries.placesFor(actor));
		model.addAttribute("categories", queries.categories());
		model.addAttribute("kinds", AppealKind.values());
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("action", actor.role() == Role.RESIDENT ? "/app/appeals" : "/appeals");
		return "appeal/new";
	}

	@PostMapping({ "/app/appeals", "/appeals" })
	String raise(@ModelAttribute RaiseForm form, @RequestParam(name = "photos", required = false) List<MultipartFile> photos, Model model) {
		var actor = CurrentActor.get();
		return PageActions.orForm(model, () -> {
			long id = raising.raise(actor, form.toNew(), photos).id();
			return "redirect:" + (actor.role() == Role.RESIDENT ? "/app/appeals/" : "/appeals/") + id + "?created";
		}, () -> form(model, form));
	}

	/** Open appeals of the same compound and category, loaded while the resident fills in the form. */
	@GetMapping("/app/appeals/similar")
	String similar(@RequestParam(required = false) String place, @RequestParam(required = false) String category, Model model) {
		var f = new RaiseForm();
		f.setPlace(place);
		Long compound = f.compoundId;
		if (f.houseId != null) {
			compound = directory.houseFacts(f.houseId).map(h -> h.compoundId()).orElse(null);
		}
		model.addAttribute("similar", compound == null || category == null || category.isBlank() ? List.of()
				: queries.openLike(CurrentActor.get(), compound, category));
		return "appeal/similar :: similar";
	}

	/**
	 * 分类建议 while the resident types: the two likeliest categories as buttons that choose them.
	 * Too short a text suggests nothing yet.
	 */
	@GetMapping({ "/app/appeals/category-suggestions", "/appeals/category-suggestions" })
	String categorySuggestions(@RequestParam(required = false) String body, Model model) {
		boolean enough = body != null && body.strip().codePointCount(0, body.strip().length()) >= 4 && body.length() <= 2000;
		model.addAttribute("suggestions", enough ? suggestions.suggest(body).stream().limit(2).filter(x -> x.score() >= 0.1).toList() : List.of());
		return "appeal/category-suggestions :: suggestions";
	}

	/** The extra questions of the chosen category (e.g. whether someone is trapped in the lift), asked only where they apply. */
	@GetMapping({ "/app/appeals/questions", "/appeals/questions" })
	String questions(@RequestParam(required = false) String category, Model model) {
		model.addAttribute("questions", queries.questions(category));
		model.addAttribute("answers", java.util.Map.of());
		return "appeal/questions :: questions";
	}

	/** +1 from the intake form, without leaving it. */
	@PostMapping(path = "/app/appeals/{id}/support", headers = "HX-Request")
	String supportInline(@PathVariable long id, Model model) {
		return PageActions.orForm(model, () -> {
			backing.support(CurrentActor.get(), id);
			model.addAttribute("message", "已附议（+1），办理进展会通知您，无需再提交");
			return "appeal/similar :: supported";
		}, () -> {
			model.addAttribute("message", model.getAttribute("error"));
			return "appeal/similar :: supported";
		});
	}
}
