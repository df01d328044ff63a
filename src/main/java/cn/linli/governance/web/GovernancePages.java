package cn.linli.governance;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.governance.Ballot.Choice;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;

/** The owners' assembly pages: motions of a compound, the notice, the phone ballot, the result and the ballot board. */
@Controller
class GovernancePages {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final OwnersDecisions decisions;
	private final cn.linli.shared.upload.UploadStore uploads;
	private final cn.linli.registry.RegistryApi registry;
	private final cn.linli.registry.HouseRegistry houses;
	private final cn.linli.registry.CompoundRegistry compounds;

	GovernancePages(OwnersDecisions decisions, cn.linli.shared.upload.UploadStore uploads, cn.linli.registry.RegistryApi registry,
			cn.linli.registry.HouseRegistry houses, cn.linli.registry.CompoundRegistry compounds) {
		this.decisions = decisions;
		this.uploads = uploads;
		this.registry = registry;
		this.houses = houses;
		this.compounds = compounds;
	}

	@PostMapping("/governance/motions/{id}/attachments")
	String attach(@PathVariable long id, @RequestParam String title,
			@RequestParam("file") org.springframework.web.multipart.MultipartFile file, RedirectAttributes redirect) {
		var actor = CurrentActor.get();
		decisions.get(actor, id);
		if (!actor.is(cn.linli.shared.security.Role.COMMITTEE, cn.linli.shared.security.Role.COMMUNITY)) {
			throw DomainException.forbidden("由召集人添加附件");
		}
		try {
			decisions.attach(actor, id, title, uploads.store(file, "file", cn.linli.shared.upload.UploadStore.Type.PDF,
					cn.linli.shared.upload.UploadStore.Type.JPEG, cn.linli.shared.upload.UploadStore.Type.PNG));
		}
		catch (DomainException e) {
			if (e.status().value() == 404) {
				throw e;
			}
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/governance/motions/" + id;
	}

	@GetMapping("/governance/motions/{id}/attachments/{attachmentId}")
	org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> download(@PathVariable long id,
			@PathVariable long attachmentId) {
		var found = decisions.attachments(CurrentActor.get(), id).stream().filter(a -> a.id() == attachmentId).findFirst()
			.orElseThrow(() -> DomainException.notFound("附件"));
		return org.springframework.http.ResponseEntity.ok().contentType(cn.linli.shared.upload.UploadStore.mediaType(found.fileKey()))
			.header("Content-Disposition", "inline").body(uploads.open(found.fileKey()));
	}

	@GetMapping("/governance/compounds/{compoundId}")
	String motions(@PathVariable long compoundId, Model model) {
		// the owner list below is personal data: only for a compound the caller may see
		compounds.get(CurrentActor.scope(), compoundId);
		model.addAttribute("compoundId", compoundId);
		model.addAttribute("motions", decisions.forCompound(CurrentActor.get(), compoundId));
		model.addAttribute("matters", Matter.values());
		if (CurrentActor.get().role() == cn.linli.shared.security.Role.COMMITTEE
				|| CurrentActor.get().role() == cn.linli.shared.security.Role.COMMUNITY) {
			model.addAttribute("owners", registry.ownersOfCompound(compoundId));
			model.addAttribute("buildings", houses.buildings(CurrentActor.scope(), compoundId));
		}
		return "governance/motions";
	}

	@PostMapping("/governance/compounds/{compoundId}")
	String draft(@PathVariable long compoundId, @RequestParam int matter, @RequestParam String title, @RequestParam String body,
			@RequestParam(required = false) Integer seats, @RequestParam String opensAt, @RequestParam String closesAt,
			@RequestParam(required = false) List<String> candidateIds, @RequestParam(required = false) List<Long> buildingIds,
			RedirectAttributes redirect) {
		try {
			var motion = decisions.draft(CurrentActor.get(), compoundId, new MotionDraft(Matter.of(matter), title, body,
					matter == 3 ? seats : null, buildingIds, instant(opensAt), instant(closesAt), false, false,
					matter == 3 ? candidateIds : List.of()));
			return "redirect:/governance/motions/" + motion.id();
		}
		catch (DomainException e) {
			if (e.status().value() != 400) {
				throw e;
			}
			redirect.addFlashAttribute("error", e.getMessage());
			return "redirect:/governance/compounds/" + compoundId;
		}
	}

	@GetMapping("/governance/motions/{id}")
	String motion(@PathVariable long id, Model model) {
		var actor = CurrentActor.get();
		var motion = decisions.get(actor, id);
		model.addAttribute("motion", motion);
		model.addAttribute("receipt", decisions.myReceipt(actor, id).orElse(null));
		model.addAttribute("attachments", decisions.attachments(actor, id));
		if (motion.status() == MotionStatus.CLOSED) {
			model.addAttribute("participation", decisions.participation(actor, id));
		}
		return "governance/motion";
	}

	@PostMapping("/governance/motions/{id}/publish")
	String publish(@PathVariable long id, RedirectAttributes redirect) {
		try {
			decisions.publish(CurrentActor.get(), id);
		}
		catch (DomainException e) {
			if (e.status().value() == 404) {
				throw e;
			}
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/governance/motions/" + id;
	}

	@PostMapping("/governance/motions/{id}/ballots")
	String vote(@PathVariable long id, @RequestParam(required = false) String choice,
			@RequestParam(required = false) List<String> candidates, RedirectAttributes redirect) {
		try {
			Choice c = choice == null ? null : Choice.valueOf(choice);
			var receipt = decisions.vote(CurrentActor.get(), id, c, candidates);
			redirect.addFlashAttribute("notice", "投票成功，回执：" + receipt.hash());
		}
		catch (IllegalArgumentException e) {
			redirect.addFlashAttribute("error", "请选择同意、反对或弃权");
		}
		catch (DomainException e) {
			if (e.status().value() == 404) {
				throw e;
			}
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/governance/motions/" + id;
	}

	@GetMapping("/governance/motions/{id}/board")
	String board(@PathVariable long id, @RequestParam(required = false) String receipt, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("motion", decisions.get(actor, id));
		var board = decisions.board(actor, id);
		model.addAttribute("board", board);
		model.addAttribute("broken", decisions.firstBrokenBallot(actor, id).orElse(null));
		if (receipt != null && !receipt.isBlank()) {
			String wanted = receipt.trim().toLowerCase();
			model.addAttribute("receipt", wanted);
			model.addAttribute("found", board.stream().filter(b -> b.hash().equals(wanted)).findFirst().orElse(null));
		}
		return "governance/board";
	}

	private static java.time.Instant instant(String local) {
		try {
			return LocalDateTime.parse(local).atZone(ZONE).toInstant();
		}
		catch (RuntimeException e) {
			throw DomainException.invalid("opensAt", "时间格式错误");
		}
	}
}
