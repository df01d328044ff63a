package cn.linli.governance.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.governance.convening.ConveningAMotion;
import cn.linli.governance.domain.MotionDraft;
import cn.linli.governance.query.ExportingTheVote;
import cn.linli.governance.query.MotionQueries;
import cn.linli.governance.query.MotionView;
import cn.linli.governance.query.MyVoter;
import cn.linli.governance.review.ReviewingAMotion;
import cn.linli.governance.voting.CastingABallot;
import cn.linli.governance.voting.EnteringAPaperBallot;
import cn.linli.governance.voting.Receipt;
import cn.linli.governance.voting.RecordingService;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "governance", description = "业主共同决定：表决事项、审核、投票、计票")
class GovernanceApiController {

	private final ConveningAMotion convening;
	private final ReviewingAMotion review;
	private final CastingABallot casting;
	private final EnteringAPaperBallot paper;
	private final RecordingService service;
	private final MotionQueries queries;
	private final ExportingTheVote exports;
	private final UploadStore uploads;

	GovernanceApiController(ConveningAMotion convening, ReviewingAMotion review, CastingABallot casting, EnteringAPaperBallot paper,
			RecordingService service, MotionQueries queries, ExportingTheVote exports, UploadStore uploads) {
		this.uploads = uploads;
		this.convening = convening;
		this.review = review;
		this.casting = casting;
		this.paper = paper;
		this.service = service;
		this.queries = queries;
		this.exports = exports;
	}

	record DraftRequest(Integer matter, String title, String body, Integer seats, List<Long> buildingIds, Instant opensAt,
			Instant closesAt, Boolean includeParking, Boolean followMajority, List<String> candidateIds, Integer version) {

		MotionDraft draft() {
			return new MotionDraft(matter, title, body, seats, buildingIds, opensAt, closesAt, Boolean.TRUE.equals(includeParking),
					Boolean.TRUE.equals(followMajority), candidateIds);
		}
	}

	@PostMapping("/compounds/{compoundId}/motions")
	@Operation(summary = "发起表决事项（业委会，或无业委会时由社区）；所有字段错误一并返回")
	ResponseEntity<MotionView> draft(@PathVariable long compoundId, @RequestBody DraftRequest request) {
		long id = convening.draft(CurrentActor.get(), compoundId, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/motions/" + id)).body(queries.get(CurrentActor.get(), id));
	}

	@PutMapping("/motions/{id}")
	@Operation(summary = "召集人修改草稿（带读取时的 version）；被退回的草稿修改后重新提交审核")
	MotionView revise(@PathVariable long id, @RequestBody DraftRequest request) {
		convening.revise(CurrentActor.get(), id, request.draft(), request.version());
		return queries.get(CurrentActor.get(), id);
	}

	@GetMapping("/compounds/{compoundId}/motions")
	@Operation(summary = "小区的表决事项，最新的在前（分页）")
	PageResponse<MotionView> motions(@PathVariable long compoundId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return queries.forCompound(CurrentActor.get(), compoundId, new PageRequest(page, size));
	}

	@PostMapping("/motions/{id}/publish")
	@Operation(summary = "社区审核发布，冻结表决名册（名册为空时拒绝）")
	MotionView publish(@PathVariable long id) {
		review.publish(CurrentActor.get(), id);
		return queries.get(CurrentActor.get(), id);
	}

	record ReturnRequest(String reason) {
	}

	@PostMapping("/motions/{id}/return")
	@Operation(summary = "社区退回草稿，附退回理由")
	MotionView returnToConvener(@PathVariable long id, @RequestBody ReturnRequest request) {
		review.returnToConvener(CurrentActor.get(), id, request.reason());
		return queries.get(CurrentActor.get(), id);
	}

	@GetMapping("/motions/{id}")
	MotionView motion(@PathVariable long id) {
		return queries.get(CurrentActor.get(), id);
	}

	@GetMapping("/motions/{id}/my-ballots")
	@Operation(summary = "我可为之表决的户（表决权人），各自的当前选票与历史")
	List<MyVoter> myBallots(@PathVariable long id) {
		return queries.myVoters(CurrentActor.get(), id);
	}

	/** {@code voterId}: which voter (see my-ballots); may be left out by an owner who belongs to one voter only. */
	record BallotRequest(String voterId, String choice, List<String> candidates) {
	}

	@PostMapping("/motions/{id}/ballots")
	@Operation(summary = "业主在线投票（截止前可修改，最新一张有效），返回回执哈希")
	Receipt vote(@PathVariable long id, @RequestBody BallotRequest request) {
		return casting.vote(CurrentActor.get(), id, request.voterId(), GovernancePages.choice(request.choice()), request.candidates());
	}

	@PostMapping(path = "/motions/{id}/paper-ballots", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "业委会录入纸质表决票（须附扫描件；代理/监护须附授权委托书）；替代该户此前的选票，并告知该户业主")
	Receipt paper(@PathVariable long id, @RequestParam(required = false) String voterId, @RequestParam(required = false) String ownerId,
			@RequestParam(required = false) String choice, @RequestParam(required = false) List<String> candidates,
			@RequestParam(defaultValue = "false") boolean proxy, @RequestPart(name = "sheet", required = false) MultipartFile sheet,
			@RequestPart(name = "authorisation", required = false) MultipartFile authorisation) {
		return paper.enter(CurrentActor.get(), id,
				new EnteringAPaperBallot.PaperBallot(voterId, ownerId, GovernancePages.choice(choice), candidates, proxy), sheet, authorisation)
			.receipt();
	}

	@PostMapping(path = "/motions/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "为草稿表决事项添加附件（PDF/图片，≤5MB）")
	ConveningAMotion.Attachment attach(@PathVariable long id, @RequestParam(required = false) String title,
			@RequestPart(name = "file", required = false) MultipartFile file) {
		return convening.attach(CurrentActor.get(), id, title, file);
	}

	@GetMapping("/motions/{id}/attachments/{attachmentId}")
	ResponseEntity<Resource> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		var found = queries.attachments(CurrentActor.get(), id).stream().filter(a -> a.id() == attachmentId).findFirst()
			.orElseThrow(() -> DomainException.notFound("附件"));
		return uploads.inline(found.fileKey());
	}

	/** Voters by id (see houses.csv / the served page), or owners — serving an owner serves every voter it belongs to. */
	record ServedRequest(List<String> voterIds, List<String> ownerIds) {
	}

	@PostMapping("/motions/{id}/served")
	@Operation(summary = "记录已送达表决通知的表决权人（从众规则据此计入未表决业主）")
	Map<String, Integer> served(@PathVariable long id, @RequestBody ServedRequest request) {
		return Map.of("recorded", service.record(CurrentActor.get(), id, request.voterIds(), request.ownerIds()));
	}

	@GetMapping("/motions/{id}/participation")
	@Operation(summary = "参与表决名单（只列参与者，不列如何表决；分页）")
	PageResponse<String> participation(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		return PageResponse.slice(queries.participation(CurrentActor.get(), id), new PageRequest(page, size));
	}

	@GetMapping("/motions/{id}/chain")
	@Operation(summary = "校验选票哈希链")
	Map<String, Object> chain(@PathVariable long id) {
		var broken = queries.firstBrokenBallot(CurrentActor.get(), id);
		return broken.<Map<String, Object>>map(b -> Map.of("intact", false, "firstBrokenBallot", b)).orElse(Map.of("intact", true));
	}

	@GetMapping("/motions/{id}/houses.csv")
	ResponseEntity<byte[]> houses(@PathVariable long id) throws IOException {
		return GovernancePages.csv("houses.csv", exports.houses(CurrentActor.get(), id));
	}

	@GetMapping("/motions/{id}/ballots.csv")
	ResponseEntity<byte[]> ballots(@PathVariable long id) throws IOException {
		return GovernancePages.csv("ballots.csv", exports.ballots(CurrentActor.get(), id));
	}
}
