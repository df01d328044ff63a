package cn.linli.fund.web;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.fund.project.Hazard;
import cn.linli.fund.project.ProposingAProject;
import cn.linli.fund.project.UsingTheFund;
import cn.linli.fund.query.FundProjectQueries;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.LocalTime;
import cn.linli.shared.web.PageActions;
import cn.linli.shared.web.PageRequest;

/**
 * 维修资金使用 on pages: a compound's projects with the proposal form (the company or the committee),
 * the emergency form (reachable from an emergency appeal), and a project's page with the step the
 * caller may take next.
 */
@Controller
class ProjectPages {

	/** What a proposal form typed, yuan as typed; kept when it is shown again with its errors. */
	public record ProjectForm(String title, String reason, String scope, List<Long> buildingIds, String budget, String quotes, Boolean notExcluded,
			String hazard, String affectedOwners, Long appealId) {

		public ProjectForm {
			buildingIds = buildingIds == null ? List.of() : buildingIds;
		}

		static ProjectForm blank(Long appealId) {
			return new ProjectForm("", "", "COMPOUND", List.of(), "", "", false, appealId == null ? "" : "LIFT", "", appealId);
		}

		public boolean hasBuilding(long id) {
			return buildingIds.contains(id);
		}

		ProposingAProject.Proposal proposal(List<MultipartFile> files) {
			return new ProposingAProject.Proposal(title, reason, scope, buildingIds, List.of(), cn.linli.shared.web.YuanInput.fen(budget, "budget", "预算"), quotes, Boolean.TRUE.equals(notExcluded),
					files);
		}
	}

	private final ProposingAProject proposing;
	private final UsingTheFund using;
	private final FundProjectQueries queries;
	private final RegisteringHouses houses;
	private final UploadStore uploads;

	ProjectPages(ProposingAProject proposing, UsingTheFund using, FundProjectQueries queries, RegisteringHouses houses, UploadStore uploads) {
		this.proposing = proposing;
		this.using = using;
		this.queries = queries;
		this.houses = houses;
		this.uploads = uploads;
	}

	@GetMapping("/fund/compounds/{compoundId}/projects")
	String projects(@PathVariable long compoundId, Model model) {
		return listPage(compoundId, ProjectForm.blank(null), model);
	}

	@PostMapping("/fund/compounds/{compoundId}/projects")
	String propose(@PathVariable long compoundId, ProjectForm form, @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
			RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			long id = proposing.propose(CurrentActor.get(), compoundId, form.proposal(files));
			flash.addFlashAttribute("notice", "方案已提交，并在小区公告栏公示 7 天；公示期满后由业委会发起业主表决");
			return "redirect:/fund/projects/" + id;
		}, () -> listPage(compoundId, form, model));
	}

	private String listPage(long compoundId, ProjectForm form, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("compoundId", compoundId);
		model.addAttribute("projects", queries.ofCompound(actor.scope(), compoundId));
		model.addAttribute("form", form);
		model.addAttribute("buildings", houses.buildings(actor.scope(), compoundId));
		model.addAttribute("mayPropose", List.of("COMMITTEE", "COMPANY_ADMIN", "STAFF").contains(actor.role().name()));
		return "fund/projects";
	}

	@GetMapping("/fund/compounds/{compoundId}/emergencies/new")
	String emergencyForm(@PathVariable long compoundId, @RequestParam(required = false) Long appeal, Model model) {
		return emergencyPage(compoundId, ProjectForm.blank(appeal), model);
	}

	@PostMapping("/fund/compounds/{compoundId}/emergencies")
	String emergency(@PathVariable long compoundId, ProjectForm form, @RequestParam(name = "files", required = false) List<MultipartFile> files,
			Model model, RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			long id = proposing.reportEmergency(CurrentActor.get(), compoundId, form.proposal(files),
					new ProposingAProject.Emergency(form.hazard(), form.affectedOwners(), form.appealId()));
			flash.addFlashAttribute("notice", "已报告，请业委会或社区到场联合确认；确认后住建部门 24 小时内审核");
			return "redirect:/fund/projects/" + id;
		}, () -> emergencyPage(compoundId, form, model));
	}

	private String emergencyPage(long compoundId, ProjectForm form, Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("compoundId", compoundId);
		model.addAttribute("form", form);
		model.addAttribute("hazards", Hazard.values());
		model.addAttribute("buildings", houses.buildings(actor.scope(), compoundId));
		return "fund/emergency";
	}

	@GetMapping("/fund/projects/{id}")
	String project(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		var p = queries.project(actor.scope(), id);
		model.addAttribute("p", p);
		model.addAttribute("shares", queries.shares(actor.scope(), id, new PageRequest(Math.max(0, page), 100)));
		// which step the page offers; the use cases decide whether it is allowed
		String role = actor.role().name();
		boolean companySide = role.equals("COMPANY_ADMIN") || role.equals("STAFF");
		boolean ownersSide = role.equals("COMMITTEE") || role.equals("COMMUNITY");
		boolean bureau = role.equals("CITY") || role.equals("DISTRICT");
		String status = p.status().name();
		model.addAttribute("mayConfirm", status.equals("REPORTED") && ("COMPANY".equals(p.proposerKind()) ? ownersSide : companySide));
		model.addAttribute("mayVote", status.equals("PLAN_POSTED") && ownersSide);
		model.addAttribute("mayApprove", (status.equals("PASSED") || status.equals("CONFIRMED")) && bureau);
		model.addAttribute("mayAccept", status.equals("APPROVED") && ownersSide);
		model.addAttribute("maySettle", status.equals("ACCEPTED") && bureau);
		var now = LocalDateTime.now(TimeConfiguration.ZONE).withSecond(0).withNano(0);
		model.addAttribute("voteOpens", now.plusMinutes(5).toString());
		model.addAttribute("voteCloses", now.plusDays(14).toString());
		return "fund/project";
	}

	@GetMapping("/fund/projects/{id}/files/{fileId}")
	ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long fileId) {
		var found = queries.project(CurrentActor.scope(), id).files().stream().filter(f -> f.id() == fileId).findFirst()
			.orElseThrow(() -> DomainException.notFound("附件"));
		return uploads.inline(found.fileKey());
	}

	@PostMapping("/fund/projects/{id}/confirm")
	String confirm(@PathVariable long id, @RequestParam(required = false) Integer version, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/projects/" + id, "已联合确认，住建部门将在 24 小时内审核",
				() -> proposing.confirmEmergency(CurrentActor.get(), id, version));
	}

	@PostMapping("/fund/projects/{id}/vote")
	String vote(@PathVariable long id, @RequestParam(required = false) String opensAt, @RequestParam(required = false) String closesAt,
			@RequestParam(required = false) Integer version, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/projects/" + id, "已发起业主表决，待社区审核发布",
				() -> proposing.putToVote(CurrentActor.get(), id, LocalTime.required(opensAt, "opensAt"), LocalTime.required(closesAt, "closesAt"), version));
	}

	@PostMapping("/fund/projects/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) String document, @RequestParam(required = false) Integer version,
			RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/projects/" + id, "已批准并预付 70%", () -> using.approve(CurrentActor.get(), id, document, version));
	}

	@PostMapping("/fund/projects/{id}/acceptance")
	String accept(@PathVariable long id, @RequestParam(required = false) String note,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, @RequestParam(required = false) Integer version,
			RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/projects/" + id, "验收已记录", () -> using.accept(CurrentActor.get(), id, note, files, version));
	}

	@PostMapping("/fund/projects/{id}/settlement")
	String settle(@PathVariable long id, @RequestParam(required = false) String settled, @RequestParam(required = false) String document,
			@RequestParam(required = false) Integer version, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/projects/" + id, "已结算，结算与每户分摊已在公告栏公示 5 天",
				() -> using.settle(CurrentActor.get(), id, cn.linli.shared.web.YuanInput.fen(settled, "settled", "结算金额"), document, version));
	}

}
