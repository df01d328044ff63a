package cn.linli.notification;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.linli.shared.security.CurrentActor;

/** The unread badge in every page's navigation. */
@ControllerAdvice(annotations = Controller.class)
class UnreadCount {

	private final Inbox inbox;

	UnreadCount(Inbox inbox) {
		this.inbox = inbox;
	}

	@ModelAttribute("unread")
	Long unread() {
		return CurrentActor.find().map(a -> inbox.unread(a.userId())).orElse(null);
	}
}
