package cn.linli.fund.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.fund.project.ProposingAProject;
import cn.linli.fund.project.UsingTheFund;
import cn.linli.fund.query.FundProjectQueries;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.Whole;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

@RestController
@RequestMapping("/api/v1/fund")
@Tag(name = "fund-projects", description = "维修资金使用：方案公示、业主表决、审核拨付、验收结算、应急使用")
class ProjectRestController {

	private final ProposingAProject proposing;
	private final UsingTheFund using;
	private final FundProjectQueries queries;

	ProjectRestController(ProposingAProject proposing, UsingTheFund using, FundProjectQueries queries) {
		this.proposing = proposing;
		this.using = using;
		this.queries = queries;
	}

	@PostMapping(path = "/compounds/{compoundId}/projects", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "提出维修资金使用方案（物业或业委会）：scope 为 COMPOUND、BUILDINGS（buildingIds）或 HOUSES（houseIds）；budgetFen 为预算（分）；"
			+ "notExcluded=true 为165号令第二十五条声明；files 为报价单等附件。方案自动公示 7 天")
	ResponseEntity<FundProjectQueries.ProjectView> propose(@PathVariable long compoundId, @RequestParam(required = false) String title,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String scope, @RequestParam(required = false) List<Long> buildingIds,
			@RequestParam(required = false) List<Long> houseIds, @RequestParam(required = false) String budgetFen, @RequestParam(required = false) String quotes,
			@RequestParam(defaultValue = "false") boolean notExcluded, @RequestParam(name = "files", required = false) List<MultipartFile> files) {
		var actor = CurrentActor.get();
		long id = proposing.propose(actor, compoundId,
				new ProposingAProject.Proposal(title, reason, scope, buildingIds, houseIds, Whole.fen(budgetFen, "budget", "预算"), quotes, notExcluded, files));
		return created(id);
	}

	@PostMapping(path = "/compounds/{compoundId}/emergencies", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "报告紧急情况、申请应急使用维修资金（无需表决）：hazard 为紧急情形，affectedOwners 为到场业主，files 为现场照片（必填），appealId 为所来自的紧急诉求")
	ResponseEntity<FundProjectQueries.ProjectView> emergency(@PathVariable long compoundId, @RequestParam(required = false) String title,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String hazard, @RequestParam(required = false) String scope,
			@RequestParam(required = false) List<Long> buildingIds, @RequestParam(required = false) List<Long> houseIds,
			@RequestParam(required = false) String budgetFen, @RequestParam(required = false) String quotes,
			@RequestParam(defaultValue = "false") boolean notExcluded, @RequestParam(required = false) String affectedOwners,
			@RequestParam(required = false) Long appealId, @RequestParam(name = "files", required = false) List<MultipartFile> files) {
		long id = proposing.reportEmergency(CurrentActor.get(), compoundId,
				new ProposingAProject.Proposal(title, reason, scope, buildingIds, houseIds, Whole.fen(budgetFen, "budget", "预算"), quotes, notExcluded, files),
				new ProposingAProject.Emergency(hazard, affectedOwners, appealId));
		return created(id);
	}

	record VersionRequest(Integer version) {
	}

	record VoteRequest(Instant opensAt, Instant closesAt, Integer version) {
	}

	record PaymentRequest(String document, Integer version) {
	}

	record SettlementRequest(java.math.BigDecimal settledFen, String document, Integer version) {
	}

	@PostMapping("/projects/{id}/confirm")
	@Operation(summary = "应急使用的现场联合确认（物业报告的由业委会或社区确认，业委会报告的由物业确认）；审核时限开始计时")
	FundProjectQueries.ProjectView confirm(@PathVariable long id, @RequestBody VersionRequest request) {
		proposing.confirmEmergency(CurrentActor.get(), id, request.version());
		return queries.project(CurrentActor.scope(), id);
	}

	@PostMapping("/projects/{id}/vote")
	@Operation(summary = "公示满 7 天后，业委会（或社区）就方案发起第五项事项表决，表决名册为受益房屋")
	FundProjectQueries.ProjectView vote(@PathVariable long id, @RequestBody VoteRequest request) {
		proposing.putToVote(CurrentActor.get(), id, request.opensAt(), request.closesAt(), request.version());
		return queries.project(CurrentActor.scope(), id);
	}

	@PostMapping("/projects/{id}/approve")
	@Operation(summary = "住建部门（或自管的业委会）批准表决通过或已联合确认的项目，并预付 70%（document 为拨付流水号）")
	FundProjectQueries.ProjectView approve(@PathVariable long id, @RequestBody PaymentRequest request) {
		using.approve(CurrentActor.get(), id, request.document(), request.version());
		return queries.project(CurrentActor.scope(), id);
	}

	@PostMapping(path = "/projects/{id}/acceptance", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "业委会或社区组织验收：note 为验收意见，files 为验收记录")
	FundProjectQueries.ProjectView accept(@PathVariable long id, @RequestParam(required = false) String note,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, @RequestParam(required = false) Integer version) {
		using.accept(CurrentActor.get(), id, note, files, version);
		return queries.project(CurrentActor.scope(), id);
	}

	@PostMapping("/projects/{id}/settlement")
	@Operation(summary = "结算：结算金额（分）按受益房屋专有面积分摊到分户账，支付余款，结算与每户分摊公示 5 天")
	FundProjectQueries.ProjectView settle(@PathVariable long id, @RequestBody SettlementRequest request) {
		using.settle(CurrentActor.get(), id, Whole.of(request.settledFen(), "settled", "结算金额"), request.document(), request.version());
		return queries.project(CurrentActor.scope(), id);
	}

	@GetMapping("/compounds/{compoundId}/projects")
	@Operation(summary = "小区的维修资金使用项目")
	List<FundProjectQueries.ProjectSummary> list(@PathVariable long compoundId) {
		return queries.ofCompound(CurrentActor.scope(), compoundId);
	}

	@GetMapping("/projects/{id}")
	@Operation(summary = "一个维修资金使用项目：方案、表决、审核、拨付、验收、结算")
	FundProjectQueries.ProjectView project(@PathVariable long id) {
		return queries.project(CurrentActor.scope(), id);
	}

	@GetMapping("/projects/{id}/shares")
	@Operation(summary = "受益房屋与各户已分摊金额")
	PageResponse<FundProjectQueries.ShareView> shares(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		return queries.shares(CurrentActor.scope(), id, new PageRequest(page, size));
	}

	private ResponseEntity<FundProjectQueries.ProjectView> created(long id) {
		return ResponseEntity.created(URI.create("/api/v1/fund/projects/" + id)).body(queries.project(CurrentActor.scope(), id));
	}
}
