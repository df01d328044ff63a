package cn.linli.appeal.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.text.CategorySuggestions;
import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.domain.SlaPolicy;
import cn.linli.appeal.intake.RaisingAnAppeal;
import cn.linli.appeal.policy.SlaPolicies;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "appeals", description = "你呼我应：诉求受理、办理、督办、评价")
class AppealRestController {

	private final CategorySuggestions suggestions;
	private final RaisingAnAppeal raising;
	private final AppealActions actions;
	private final AppealQueries queries;
	private final SlaPolicies policies;
	private final UploadStore uploads;

	AppealRestController(RaisingAnAppeal raising, AppealActions actions, AppealQueries queries, SlaPolicies policies,
			UploadStore uploads, CategorySuggestions suggestions) {
		this.suggestions = suggestions;
		this.raising = raising;
		this.actions = actions;
		this.queries = queries;
		this.policies = policies;
		this.uploads = uploads;
	}

	record RaiseRequest(String kind, String category, String urgency, String body, Long houseId, Long compoundId, String contactPhone,
			Map<String, String> attributes) {

		NewAppeal toNew(String clientKey) {
			return new NewAppeal(Choices.required(AppealKind.class, AppealKind::label, kind, "kind", "诉求类型"), category,
					Choices.parse(Urgency.class, Urgency::label, urgency, "urgency", "紧急程度"), body, houseId, compoundId, contactPhone, attributes, clientKey);
		}
	}

	record Created(long id, AppealStatus status, Instant acceptDueAt, Long repeatOf) {
	}

	record SuggestionRequest(String text) {
	}

	@PostMapping(path = "/appeals/category-suggestions", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "按描述文字建议诉求分类（朴素贝叶斯，按概率从高到低）")
	List<CategorySuggestions.Suggestion> suggestCategories(@RequestBody(required = false) SuggestionRequest r) {
		return suggestions.suggest(r == null ? null : r.text());
	}

	@PostMapping(path = "/appeals", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "提交诉求（居民：本人房屋或小区公共部位；物业人员/网格员：巡查上报）。带 Idempotency-Key 时重复提交返回第一次的结果")
	ResponseEntity<Created> raise(@RequestBody RaiseRequest request, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
		// the key also becomes the appeal's client key: a unique index then makes a duplicate impossible even if the replay record were lost
		return created(raising.raise(CurrentActor.get(), request.toNew(key), List.of()));
	}

	@PostMapping(path = "/appeals", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "提交诉求并上传照片（最多 6 张 JPEG/PNG/WebP，每张 ≤ 5 MB）")
	ResponseEntity<Created> raiseWithPhotos(RaiseForm form, @RequestPart(name = "photos", required = false) List<MultipartFile> photos) {
		return created(raising.raise(CurrentActor.get(), form.toNew(), photos));
	}

	private ResponseEntity<Created> created(RaisingAnAppeal.Raised r) {
		return ResponseEntity.created(URI.create("/api/v1/appeals/" + r.id())).body(new Created(r.id(), r.status(), r.acceptDueAt(), r.repeatOf()));
	}

	@GetMapping("/appeals")
	@Operation(summary = "我可见的诉求（按数据权限过滤），可按小区 compound、分类 category、类型 kind、状态 status、日期 from/to（yyyy-MM-dd）、关键词 q 筛选")
	PageResponse<AppealQueries.AppealRow> list(@ModelAttribute ListParams params, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return queries.search(CurrentActor.get(), params.filter(), new PageRequest(page, size));
	}

	@GetMapping("/appeals/queue")
	@Operation(summary = "承办工作台：待我办理的诉求，按剩余时限排序（分页）")
	PageResponse<AppealQueries.AppealRow> queue(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return queries.queue(CurrentActor.get(), new PageRequest(page, size));
	}

	@GetMapping("/appeals/board")
	@Operation(summary = "督办台：升级到本级的诉求（all=true 为辖区全部升级的诉求；分页）")
	PageResponse<AppealQueries.AppealRow> board(@RequestParam(defaultValue = "false") boolean all, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return queries.board(CurrentActor.get(), all, new PageRequest(page, size));
	}

	@GetMapping("/appeals/workload")
	@Operation(summary = "待办统计：待签收、办理中、已超时、被退回、等待居民、本级督办")
	cn.linli.appeal.Workload workload() {
		return queries.workload(CurrentActor.get());
	}

	@GetMapping("/appeals/{id}")
	AppealQueries.AppealDetail get(@PathVariable long id) {
		return queries.detail(CurrentActor.get(), id);
	}

	@GetMapping("/appeals/{id}/photos/{seq}")
	ResponseEntity<Resource> photo(@PathVariable long id, @PathVariable int seq) {
		String key = queries.photoKey(CurrentActor.get(), id, seq);
		return ResponseEntity.ok().contentType(UploadStore.mediaType(key)).body(uploads.open(key));
	}

	/** One body for every action; each action reads the fields it needs. */
	record ActionRequest(Integer version, String note, String reason, String result, Long staffId, Long companyId, String external,
			String rating) {
	}

	@PostMapping("/appeals/{id}/{action}")
	@Operation(summary = "办理动作：" + AppealActions.NAMES)
	AppealQueries.AppealDetail act(@PathVariable long id, @PathVariable String action, @RequestBody(required = false) ActionRequest body) {
		var r = body == null ? new ActionRequest(null, null, null, null, null, null, null, null) : body;
		var actor = CurrentActor.get();
		actions.perform(actor, id, action,
				new AppealActions.Input(r.version(), r.note(), r.reason(), r.result(), r.staffId(), r.companyId(), r.external(), r.rating(), List.of()));
		return queries.detail(actor, id);
	}

	@GetMapping("/sla-policies")
	@Operation(summary = "处置时限（按分类 × 紧急程度），本辖区生效的值")
	List<SlaPolicy> policies(@RequestParam(required = false) String region) {
		var actor = CurrentActor.get();
		String own = actor.scope().regionCode() == null ? "" : actor.scope().regionCode();
		return policies.effectiveIn(region != null && actor.scope().overlapsRegion(region) ? region : own);
	}

	record PolicyRequest(String category, String urgency, Integer acceptMinutes, Integer resolveMinutes, Integer superviseMinutes) {
	}

	@PutMapping("/sla-policies")
	@Operation(summary = "设置处置时限（市住建局设全市，区县住建局设本区县）")
	SlaPolicy setPolicy(@RequestBody PolicyRequest r) {
		if (r.acceptMinutes() == null || r.resolveMinutes() == null || r.superviseMinutes() == null) {
			throw DomainException.invalid("acceptMinutes", "请填写签收、办结、督办时限（分钟）");
		}
		return policies.set(CurrentActor.get(), r.category(), Choices.required(Urgency.class, Urgency::label, r.urgency(), "urgency", "紧急程度"),
				new SlaPolicy.Minutes(r.acceptMinutes(), r.resolveMinutes(), r.superviseMinutes()));
	}
}
