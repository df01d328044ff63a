package cn.linli.notification;

import java.util.ArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.identity.IdentityApi;
import cn.linli.notice.NoticePosted;

/** Tells a compound's residents in their inbox when a notice goes up on its board. */
@Component
class NoticeBoardNotices {

	private final Inbox inbox;
	private final IdentityApi identity;

	NoticeBoardNotices(Inbox inbox, IdentityApi identity) {
		this.inbox = inbox;
		this.identity = identity;
	}

	@ApplicationModuleListener
	void on(NoticePosted e) {
		var users = identity.residentsOfCompound(e.compoundId());
		var out = new ArrayList<Inbox.Delivery>(users.size());
		for (long user : users) {
			out.add(new Inbox.Delivery(user, null, "小区公告：" + e.title(), e.authorName() + " 发布了公告，请在「公告」中查看。"));
		}
		inbox.deliver(out);
	}
}
