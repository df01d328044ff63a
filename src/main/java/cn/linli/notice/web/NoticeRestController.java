package cn.linli.notice.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.notice.board.PostingANotice;
import cn.linli.notice.disclosure.DisclosureDuties;
import cn.linli.notice.query.NoticeQueries;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "notices", description = "公告栏与信息公开")
class NoticeRestController {

	private final PostingANotice posting;
	private final NoticeQueries queries;

	NoticeRestController(PostingANotice posting, NoticeQueries queries) {
		this.posting = posting;
		this.queries = queries;
	}

	@GetMapping("/compounds/{compoundId}/notices")
	@Operation(summary = "小区公告栏：最新在前，含阅读人数与附件")
	NoticeQueries.Board board(@PathVariable long compoundId, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		var actor = CurrentActor.get();
		return queries.board(actor.scope(), actor.userId(), compoundId, new PageRequest(page, size));
	}

	@PostMapping(path = "/compounds/{compoundId}/notices", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "发布公告（物业服务企业、业委会、社区）：duty 为公开事项类别，days 为公示天数，files 为 PDF/JPEG/PNG 附件")
	ResponseEntity<NoticeQueries.NoticeView> post(@PathVariable long compoundId, @RequestParam(required = false) String duty,
			@RequestParam(required = false) String title, @RequestParam(required = false) String body, @RequestParam(required = false) String days,
			@RequestParam(name = "files", required = false) List<MultipartFile> files) {
		var actor = CurrentActor.get();
		long id = posting.post(actor, compoundId, new PostingANotice.Draft(duty, title, body, days, files));
		return ResponseEntity.created(URI.create("/api/v1/notices/" + id)).body(queries.notice(actor.scope(), actor.userId(), id));
	}

	@GetMapping("/notices/{id}")
	@Operation(summary = "一则公告；居民查看即计为已读")
	NoticeQueries.NoticeView notice(@PathVariable long id) {
		var actor = CurrentActor.get();
		var n = queries.notice(actor.scope(), actor.userId(), id);
		return posting.read(actor, id) ? queries.notice(actor.scope(), actor.userId(), id) : n;
	}

	@GetMapping("/me/notices")
	@Operation(summary = "居民：本人所住小区的公告")
	PageResponse<NoticeQueries.NoticeView> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		var actor = CurrentActor.get();
		return queries.mine(actor.scope(), actor.userId(), new PageRequest(page, size));
	}

	@GetMapping("/compounds/{compoundId}/disclosure")
	@Operation(summary = "小区信息公开清单：每项法定公开事项的最近一次公示与下次应公示日期")
	List<DisclosureDuties.DutyState> checklist(@PathVariable long compoundId) {
		return queries.checklist(CurrentActor.scope(), compoundId);
	}

	@GetMapping("/disclosure/overdue")
	@Operation(summary = "逾期未公开：监管范围内（或本企业服务的）小区逾期未公示的法定公开事项")
	List<DisclosureDuties.DutyState> overdue(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		return queries.overdue(CurrentActor.scope(), new PageRequest(page, size));
	}
}
