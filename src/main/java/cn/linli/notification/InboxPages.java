package cn.linli.notification;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;

/** 消息: the caller's own inbox, nobody else's. */
@Controller
class InboxPages {

	private final Inbox inbox;

	InboxPages(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/inbox")
	String inbox(Model model) {
		var actor = CurrentActor.get();
		model.addAttribute("messages", inbox.latest(actor.userId(), 100));
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
		List<Inbox.Message> latest() {
			return inbox.latest(CurrentActor.get().userId(), 100);
		}

		@PostMapping("/api/v1/inbox/{id}/read")
		void read(@PathVariable long id) {
			inbox.markRead(CurrentActor.get().userId(), id);
		}
	}
}
