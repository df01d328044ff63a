package cn.linli.notice.web;

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

import cn.linli.notice.Duty;
import cn.linli.notice.board.PostingANotice;
import cn.linli.notice.query.NoticeQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;
import cn.linli.shared.web.PageActions;
import cn.linli.shared.web.PageRequest;

/** 公告栏: a compound's board with its posting form, one notice, a resident's notices on the phone, and the disclosure checklists. */
@Controller
class NoticePages {

	/** What a form typed, kept when it is shown again with its errors. */
	record NoticeForm(String duty, String title, String body, String days) {

		static NoticeForm blank() {
			return new NoticeForm("GENERAL", "", "", "7");
		}
	}

	private final PostingANotice posting;
	private final NoticeQueries queries;
	private final UploadStore uploads;

	NoticePages(PostingANotice posting, NoticeQueries queries, UploadStore uploads) {
		this.posting = posting;
		this.queries = queries;
		this.uploads = uploads;
	}

	@GetMapping("/compounds/{compoundId}/notices")
	String board(@PathVariable long compoundId, @RequestParam(defaultValue = "0") int page, Model model) {
		return boardPage(compoundId, page, NoticeForm.blank(), model);
	}

	@PostMapping("/compounds/{compoundId}/notices")
	String post(@PathVariable long compoundId, NoticeForm form, @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
			RedirectAttributes flash) {
		return PageActions.orForm(model, () -> {
			long id = posting.post(CurrentActor.get(), compoundId, new PostingANotice.Draft(form.duty(), form.title(), form.body(), form.days(), files));
			flash.addFlashAttribute("notice", "公告已发布，本小区居民将在消息中收到提醒");
			return "redirect:/notices/" + id;
		}, () -> boardPage(compoundId, 0, form, model));
	}

	private String boardPage(long compoundId, int page, NoticeForm form, Model model) {
		var actor = CurrentActor.get();
		var board = queries.board(actor.scope(), actor.userId(), compoundId, new PageRequest(Math.max(0, page), 20));
		model.addAttribute("board", board);
		model.addAttribute("form", form);
		if (actor.role() != Role.RESIDENT) {
			model.addAttribute("checklist", queries.checklist(actor.scope(), compoundId));
		}
		return "notice/board";
	}

	@GetMapping("/notices/{id}")
	String notice(@PathVariable long id, Model model) {
		var actor = CurrentActor.get();
		var n = queries.notice(actor.scope(), actor.userId(), id);
		// counted once the caller is known to see it, and shown with the reader counted
		if (posting.read(actor, id)) {
			n = queries.notice(actor.scope(), actor.userId(), id);
		}
		model.addAttribute("n", n);
		return "notice/notice";
	}

	@GetMapping("/notices/{id}/attachments/{attachmentId}")
	ResponseEntity<Resource> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		var actor = CurrentActor.get();
		var found = queries.notice(actor.scope(), actor.userId(), id).attachments().stream().filter(a -> a.id() == attachmentId).findFirst()
			.orElseThrow(() -> DomainException.notFound("附件"));
		return uploads.inline(found.fileKey());
	}

	@GetMapping("/app/notices")
	String mine(@RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.notFound("页面");
		}
		var notices = queries.mine(actor.scope(), actor.userId(), new PageRequest(Math.max(0, page), 20));
		model.addAttribute("notices", notices);
		return "notice/mine";
	}

	@GetMapping("/notices/disclosure")
	String overdue(@RequestParam(defaultValue = "0") int page, Model model) {
		var p = new PageRequest(Math.max(0, page), 100);
		model.addAttribute("overdue", queries.overdue(CurrentActor.scope(), p));
		model.addAttribute("page", p.page());
		model.addAttribute("duties", Duty.owed());
		return "notice/disclosure";
	}
}
