package cn.linli.notification;

import jakarta.servlet.http.HttpServletRequest;

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

	// REST controllers are @Controllers too; an API answer has no navigation, so it is spared the count
	@ModelAttribute("unread")
	Long unread(HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/api/")) {
			return null;
		}
		return CurrentActor.find().map(a -> inbox.unread(a.userId())).orElse(null);
	}
}
