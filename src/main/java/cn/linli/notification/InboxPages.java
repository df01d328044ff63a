package cn.linli.notification;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;
import cn.linli.shared.security.Role;

/** 消息: the caller's own inbox, nobody else's. */
@Controller
class InboxPages {

	private final Inbox inbox;

	InboxPages(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/inbox")
	String inbox(@RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		var messages = inbox.page(actor.userId(), new PageRequest(page, 50));
		model.addAttribute("messages", messages.content());
		model.addAttribute("page", messages);
		model.addAttribute("appealBase", actor.role() == Role.RESIDENT ? "/app/appeals/" : "/appeals/");
		return "notification/inbox";
	}

	@PostMapping("/inbox/{id}/read")
	String read(@PathVariable long id) {
		inbox.markRead(CurrentActor.get().userId(), id);
		return "redirect:/inbox";
	}

	@PostMapping("/inbox/read-all")
	String readAll() {
		inbox.markAllRead(CurrentActor.get().userId());
		return "redirect:/inbox";
	}

	@RestController
	@Tag(name = "inbox", description = "站内信")
	static class InboxApi {

		private final Inbox inbox;

		InboxApi(Inbox inbox) {
			this.inbox = inbox;
		}

		@GetMapping("/api/v1/inbox")
		PageResponse<Inbox.Message> latest(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
			return inbox.page(CurrentActor.get().userId(), new PageRequest(page, size));
		}

		@PostMapping("/api/v1/inbox/{id}/read")
		void read(@PathVariable long id) {
			inbox.markRead(CurrentActor.get().userId(), id);
		}
	}
}
