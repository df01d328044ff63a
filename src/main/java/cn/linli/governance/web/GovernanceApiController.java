package cn.linli.governance;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.governance.Ballot.Choice;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "governance", description = "业主共同决定：表决事项、投票、计票")
class GovernanceApiController {

	private final OwnersDecisions decisions;
	private final GovernanceExports exports;
	private final cn.linli.shared.upload.UploadStore uploads;

	GovernanceApiController(OwnersDecisions decisions, GovernanceExports exports, cn.linli.shared.upload.UploadStore uploads) {
		this.decisions = decisions;
		this.exports = exports;
		this.uploads = uploads;
	}

	record DraftRequest(Integer matter, String title, String body, Integer seats, List<Long> buildingIds, Instant opensAt,
			Instant closesAt, Boolean includeParking, Boolean followMajority, List<String> candidateIds) {
		MotionDraft draft() {
			if (matter == null) {
				throw DomainException.invalid("matter", "表决事项类别必填");
			}
			return new MotionDraft(Matter.of(matter), title, body, seats, buildingIds, opensAt, closesAt,
					Boolean.TRUE.equals(includeParking), Boolean.TRUE.equals(followMajority), candidateIds);
		}
	}

	@PostMapping("/compounds/{compoundId}/motions")
	@Operation(summary = "发起表决事项（业委会，或无业委会时由社区）")
	ResponseEntity<MotionView> draft(@PathVariable long compoundId, @RequestBody DraftRequest request) {
		var motion = decisions.draft(CurrentActor.get(), compoundId, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/motions/" + motion.id())).body(motion);
	}

	@GetMapping("/compounds/{compoundId}/motions")
	List<MotionView> motions(@PathVariable long compoundId) {
		return decisions.forCompound(CurrentActor.get(), compoundId);
	}

	@PostMapping("/motions/{id}/publish")
	@Operation(summary = "社区审核发布，冻结表决名册")
	MotionView publish(@PathVariable long id) {
		return decisions.publish(CurrentActor.get(), id);
	}

	@GetMapping("/motions/{id}")
	MotionView motion(@PathVariable long id) {
		return decisions.get(CurrentActor.get(), id);
	}

	record BallotRequest(String choice, List<String> candidates) {
	}

	@PostMapping("/motions/{id}/ballots")
	@Operation(summary = "业主在线投票（截止前可修改），返回回执哈希")
	OwnersDecisions.Receipt vote(@PathVariable long id, @RequestBody BallotRequest request) {
		return decisions.vote(CurrentActor.get(), id, parse(request.choice()), request.candidates());
	}

	@PostMapping(path = "/motions/{id}/paper-ballots", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "业委会录入纸质表决票（须附扫描件；代理/监护须附授权委托书）")
	OwnersDecisions.Receipt paper(@PathVariable long id, @org.springframework.web.bind.annotation.RequestParam String ownerId,
			@org.springframework.web.bind.annotation.RequestParam(required = false) String choice,
			@org.springframework.web.bind.annotation.RequestParam(required = false) List<String> candidates,
			@org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean proxy,
			@org.springframework.web.bind.annotation.RequestPart("sheet") org.springframework.web.multipart.MultipartFile sheet,
			@org.springframework.web.bind.annotation.RequestPart(name = "authorisation", required = false) org.springframework.web.multipart.MultipartFile authorisation) {
		var actor = CurrentActor.get();
		decisions.get(actor, id);
		requireConvenerRole(actor);
		var allowed = new cn.linli.shared.upload.UploadStore.Type[] { cn.linli.shared.upload.UploadStore.Type.JPEG,
				cn.linli.shared.upload.UploadStore.Type.PNG, cn.linli.shared.upload.UploadStore.Type.PDF };
		String sheetKey = uploads.store(sheet, "sheet", allowed);
		String authKey = proxy ? uploads.store(authorisation, "authorisation", allowed) : null;
		return decisions.enterPaperBallot(actor, id, ownerId, parse(choice), candidates, sheetKey, proxy, authKey);
	}

	@PostMapping(path = "/motions/{id}/attachments", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "为草稿表决事项添加附件（PDF/图片，≤5MB）")
	OwnersDecisions.Attachment attach(@PathVariable long id, @org.springframework.web.bind.annotation.RequestParam String title,
			@org.springframework.web.bind.annotation.RequestPart("file") org.springframework.web.multipart.MultipartFile file) {
		var actor = CurrentActor.get();
		decisions.get(actor, id);
		requireConvenerRole(actor);
		String key = uploads.store(file, "file", cn.linli.shared.upload.UploadStore.Type.PDF, cn.linli.shared.upload.UploadStore.Type.JPEG,
				cn.linli.shared.upload.UploadStore.Type.PNG);
		return decisions.attach(actor, id, title, key);
	}

	@GetMapping("/motions/{id}/attachments/{attachmentId}")
	ResponseEntity<org.springframework.core.io.Resource> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		var found = decisions.attachments(CurrentActor.get(), id).stream().filter(a -> a.id() == attachmentId).findFirst()
			.orElseThrow(() -> DomainException.notFound("附件"));
		return ResponseEntity.ok().contentType(cn.linli.shared.upload.UploadStore.mediaType(found.fileKey()))
			.header("Content-Disposition", "inline").header("X-Content-Type-Options", "nosniff").body(uploads.open(found.fileKey()));
	}

	/** Checked before anything is stored, so a refused caller leaves no file behind. */
	private static void requireConvenerRole(cn.linli.shared.security.Actor actor) {
		if (!actor.is(cn.linli.shared.security.Role.COMMITTEE, cn.linli.shared.security.Role.COMMUNITY)) {
			throw DomainException.forbidden("由业委会或社区操作");
		}
	}

	private static Choice parse(String choice) {
		if (choice == null || choice.isBlank()) {
			return null;
		}
		try {
			return Choice.valueOf(choice.trim().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("choice", "choice 应为 AGREE/OPPOSE/ABSTAIN");
		}
	}

	record ServedRequest(List<String> ownerIds) {
	}

	@PostMapping("/motions/{id}/served")
	@Operation(summary = "记录已送达表决通知的业主（从众规则据此计入未表决业主）")
	Map<String, Integer> served(@PathVariable long id, @RequestBody ServedRequest request) {
		return Map.of("recorded", decisions.recordServed(CurrentActor.get(), id, request.ownerIds() == null ? List.of() : request.ownerIds()));
	}

	@GetMapping("/motions/{id}/participation")
	List<String> participation(@PathVariable long id) {
		return decisions.participation(CurrentActor.get(), id);
	}

	@GetMapping("/motions/{id}/chain")
	@Operation(summary = "校验选票哈希链")
	Map<String, Object> chain(@PathVariable long id) {
		var broken = decisions.firstBrokenBallot(CurrentActor.get(), id);
		return broken.<Map<String, Object>>map(b -> Map.of("intact", false, "firstBrokenBallot", b)).orElse(Map.of("intact", true));
	}

	@GetMapping("/motions/{id}/houses.csv")
	void houses(@PathVariable long id, HttpServletResponse response) throws IOException {
		byte[] file = exports.houses(CurrentActor.get(), id);
		csv(response, "houses.csv");
		response.getOutputStream().write(file);
	}

	@GetMapping("/motions/{id}/ballots.csv")
	void ballots(@PathVariable long id, HttpServletResponse response) throws IOException {
		byte[] file = exports.ballots(CurrentActor.get(), id);
		csv(response, "ballots.csv");
		response.getOutputStream().write(file);
	}

	private static void csv(HttpServletResponse response, String name) {
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
	}
}
