package cn.linli.governance.web;

import java.util.List;

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

import cn.linli.governance.convening.ConveningAMotion;
import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.MotionStatus;
import cn.linli.governance.query.ExportingTheVote;
import cn.linli.governance.query.MotionQueries;
import cn.linli.governance.query.MotionView;
import cn.linli.governance.review.ReviewingAMotion;
import cn.linli.governance.voting.CastingABallot;
import cn.linli.governance.voting.EnteringAPaperBallot;
import cn.linli.governance.voting.RecordingService;
import cn.linli.registry.OwnerRolls;
import cn.linli.registry.RegistryAccess;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.PageActions;

/**
 * The owners' assembly pages: motions of a compound and the convene form, the notice with its
 * numbers, the phone ballot with my choice and its history, review, paper ballots, service, the
 * result with the exports, and the ballot board.
 */
@Controller
class GovernancePages {

	private final ConveningAMotion convening;
	private final ReviewingAMotion review;
	private final CastingABallot casting;
	private final EnteringAPaperBallot paper;
	private final RecordingService service;
	private final MotionQueries queries;
	private final ExportingTheVote exports;
	private final UploadStore uploads;
	private final RegistryAccess access;
	private final RegisteringHouses houses;
	private final RegisteringCompounds compounds;
	private final OwnerRolls rolls;

	GovernancePages(ConveningAMotion convening, ReviewingAMotion review, CastingABallot casting, EnteringAPaperBallot paper,
			RecordingService service, MotionQueries queries, ExportingTheVote exports, UploadStore uploads, RegistryAccess access,
			RegisteringHouses houses, RegisteringCompounds compounds, OwnerRolls rolls) {
		this.rolls = rolls;
		this.convening = convening;
		this.review = review;
		this.casting = casting;
		this.paper = paper;
		this.service = service;
		this.queries = queries;
		this.exports = exports;
		this.uploads = uploads;
		this.access = access;
		this.houses = houses;
		this.compounds = compounds;
	}

	// ---- convening ----

	@GetMapping("/governance/compounds/{compoundId}")
	String motions(@PathVariable long compoundId, Model model) {
		return motionsPage(compoundId, MotionForm.blank(), model);
	}

	@PostMapping("/governance/compounds/{compoundId}")
	String draft(@PathVariable long compoundId, @ModelAttribute MotionForm form, Model model, RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			long id = convening.draft(CurrentActor.get(), compoundId, form.draft());
			flash.addFlashAttribute("notice", "已提交，待社区审核发布");
			return "redirect:/governance/motions/" + id;
		}, () -> motionsPage(compoundId, form, model));
	}

	private String motionsPage(long compoundId, MotionForm form, Model model) {
		// the owner list of the form is personal data: only for a compound the caller may see
		compounds.get(CurrentActor.scope(), compoundId);
		model.addAttribute("compoundId", compoundId);
		model.addAttribute("motions", queries.forCompound(CurrentActor.get(), compoundId));
		// the community convenes only where no committee is in term
		var actor = CurrentActor.get();
		if (actor.role() == Role.COMMITTEE || actor.role() == Role.COMMUNITY && !access.hasCommitteeInTerm(compoundId)) {
			formModel(compoundId, form, model);
		}
		return "governance/motions";
	}

	private void formModel(long compoundId, MotionForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("matters", cn.linli.governance.domain.Matter.values());
		model.addAttribute("owners", rolls.ownersOfCompound(CurrentActor.scope(), compoundId));
		model.addAttribute("buildings", houses.buildings(CurrentActor.scope(), compoundId));
		model.addAttribute("rules", rolls.assemblyRules(compoundId));
	}

	@GetMapping("/governance/motions/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		var motion = queries.get(CurrentActor.get(), id);
		return editPage(motion, MotionForm.of(motion), model);
	}

	@PostMapping("/governance/motions/{id}/edit")
	String revise(@PathVariable long id, @ModelAttribute MotionForm form, Model model, RedirectAttributes flash) {
		var motion = queries.get(CurrentActor.get(), id);
		return PageActions.orForm(model, () -> {
			boolean resubmitted = convening.revise(CurrentActor.get(), id, form.draft(), form.version());
			flash.addFlashAttribute("notice", resubmitted ? "已修改并重新提交，待社区审核发布" : "已保存修改");
			return "redirect:/governance/motions/" + id;
		}, () -> editPage(motion, form, model));
	}

	private String editPage(MotionView motion, MotionForm form, Model model) {
		if (!queries.roles(CurrentActor.get(), motion.id()).convener()) {
			throw DomainException.forbidden("由召集人修改");
		}
		if (!motion.status().isDraft()) {
			throw DomainException.conflict("motion-state", "发布后不能再修改表决事项");
		}
		model.addAttribute("motion", motion);
		formModel(motion.compoundId(), form, model);
		return "governance/edit";
	}

	@PostMapping("/governance/motions/{id}/attachments")
	String attach(@PathVariable long id, @RequestParam(required = false) String title, @RequestParam(required = false) MultipartFile file,
			RedirectAttributes flash) {
		return PageActions.redirect(flash, "/governance/motions/" + id, "已上传附件", () -> convening.attach(CurrentActor.get(), id, title, file));
	}

	@GetMapping("/governance/motions/{id}/attachments/{attachmentId}")
	ResponseEntity<Resource> download(@PathVariable long id, @PathVariable long attachmentId) {
		var found = queries.attachments(CurrentActor.get(), id).stream().filter(a -> a.id() == attachmentId).findFirst()
			.orElseThrow(() -> DomainException.notFound("附件"));
		return file(found.fileKey());
	}

	// ---- review ----

	@PostMapping("/governance/motions/{id}/publish")
	String publish(@PathVariable long id, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/governance/motions/" + id, "已发布，表决名册已冻结", () -> review.publish(CurrentActor.get(), id));
	}

	@PostMapping("/governance/motions/{id}/return")
	String returnToConvener(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/governance/motions/" + id, "已退回召集人修改",
				() -> review.returnToConvener(CurrentActor.get(), id, reason));
	}

	// ---- the notice and the phone ballot ----

	@GetMapping("/governance/motions/{id}")
	String motion(@PathVariable long id, Model model) {
		var actor = CurrentActor.get();
		var motion = queries.get(actor, id);
		model.addAttribute("motion", motion);
		model.addAttribute("roles", queries.roles(actor, id));
		model.addAttribute("attachments", queries.attachments(actor, id));
		model.addAttribute("mine", actor.role() == Role.RESIDENT ? queries.myVoters(actor, id) : List.of());
		if (motion.status() == MotionStatus.CLOSED) {
			model.addAttribute("participation", queries.participation(actor, id));
		}
		return "governance/motion";
	}

	@PostMapping("/governance/motions/{id}/ballots")
	String vote(@PathVariable long id, @RequestParam(required = false) String voterId, @RequestParam(required = false) String choice,
			@RequestParam(required = false) List<String> candidates, Model model, RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			var parsed = choice(choice);
			var receipt = casting.vote(CurrentActor.get(), id, voterId, parsed, candidates);
			String what = parsed == null ? "已提交选票" : "已投票：" + parsed.label();
			flash.addFlashAttribute("notice", (receipt.replacedChannel() == null ? what : what + "（此前的选票已被替代）") + "。截止前可修改。回执："
					+ receipt.hash());
			return "redirect:/governance/motions/" + id;
		}, () -> motion(id, model));
	}

	@GetMapping("/governance/motions/{id}/board")
	String board(@PathVariable long id, @RequestParam(required = false) String receipt, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("motion", queries.get(actor, id));
		var board = queries.board(actor, id);
		model.addAttribute("board", board);
		model.addAttribute("broken", queries.firstBrokenBallot(actor, id).orElse(null));
		if (receipt != null && !receipt.isBlank()) {
			String wanted = receipt.trim().toLowerCase();
			model.addAttribute("receipt", wanted);
			model.addAttribute("found", board.stream().filter(b -> b.hash().equals(wanted)).findFirst().orElse(null));
		}
		return "governance/board";
	}

	// ---- paper ballots and service, for whoever runs the vote ----

	/** The paper ballot form as typed; the files must be chosen again after a refusal. */
	record PaperForm(String voterId, String choice, List<String> candidates, Boolean proxy) {

		PaperForm {
			candidates = candidates == null ? List.of() : candidates;
		}

		static PaperForm blank() {
			return new PaperForm(null, null, null, false);
		}
	}

	@GetMapping("/governance/motions/{id}/paper")
	String paperPage(@PathVariable long id, Model model) {
		return paperPage(id, PaperForm.blank(), model);
	}

	@PostMapping("/governance/motions/{id}/paper")
	String enterPaper(@PathVariable long id, @ModelAttribute("form") PaperForm form, @RequestParam(required = false) MultipartFile sheet,
			@RequestParam(required = false) MultipartFile authorisation, Model model, RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			var entered = paper.enter(CurrentActor.get(), id, new EnteringAPaperBallot.PaperBallot(form.voterId(), null, choice(form.choice()),
					form.candidates(), Boolean.TRUE.equals(form.proxy())), sheet, authorisation);
			flash.addFlashAttribute("notice", "已录入纸质表决票：" + entered.houses() + "（回执 " + entered.receipt().hash().substring(0, 16) + "…）");
			return "redirect:/governance/motions/" + id + "/paper";
		}, () -> paperPage(id, form, model));
	}

	private String paperPage(long id, PaperForm form, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("motion", queries.get(actor, id));
		model.addAttribute("voters", queries.rollVoters(actor, id));
		model.addAttribute("entries", queries.paperBallots(actor, id));
		model.addAttribute("form", form);
		return "governance/paper";
	}

	@GetMapping("/governance/motions/{id}/paper/{ballotId}/{n}")
	ResponseEntity<Resource> paperFile(@PathVariable long id, @PathVariable long ballotId, @PathVariable int n) {
		return file(queries.paperFile(CurrentActor.get(), id, ballotId, n));
	}

	@GetMapping("/governance/motions/{id}/served")
	String servedPage(@PathVariable long id, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("motion", queries.get(actor, id));
		model.addAttribute("voters", queries.rollVoters(actor, id));
		return "governance/served";
	}

	@PostMapping("/governance/motions/{id}/served")
	String recordServed(@PathVariable long id, @RequestParam(required = false) List<String> voterIds, Model model, RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			int recorded = service.record(CurrentActor.get(), id, voterIds, List.of());
			flash.addFlashAttribute("notice", "已记录送达 " + recorded + " 户");
			return "redirect:/governance/motions/" + id + "/served";
		}, () -> servedPage(id, model));
	}

	// ---- exports ----

	@GetMapping("/governance/motions/{id}/houses.csv")
	ResponseEntity<byte[]> housesCsv(@PathVariable long id) throws java.io.IOException {
		return csv("houses.csv", exports.houses(CurrentActor.get(), id));
	}

	@GetMapping("/governance/motions/{id}/ballots.csv")
	ResponseEntity<byte[]> ballotsCsv(@PathVariable long id) throws java.io.IOException {
		return csv("ballots.csv", exports.ballots(CurrentActor.get(), id));
	}

	static ResponseEntity<byte[]> csv(String name, byte[] body) {
		return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
			.header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(body);
	}

	private ResponseEntity<Resource> file(String key) {
		return uploads.inline(key);
	}

	/** A choice as a form or an API sends it; anything else is no choice, which the ballot then refuses. */
	static Choice choice(String choice) {
		if (choice == null || choice.isBlank()) {
			return null;
		}
		try {
			return Choice.valueOf(choice.trim().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("choice", "请选择同意、反对或弃权");
		}
	}
}
