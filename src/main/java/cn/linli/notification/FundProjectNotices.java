package cn.linli.notification;

import java.util.ArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.fund.FundProjectChanged;
import cn.linli.identity.IdentityApi;

/**
 * Tells the housing bureau when a repair project awaits it (a passed vote, a confirmed emergency, an
 * accepted work) and the city's bureau when an emergency approval is late; the owners learn of
 * projects from the notice board.
 */
@Component
class FundProjectNotices {

	private final Inbox inbox;
	private final IdentityApi identity;

	FundProjectNotices(Inbox inbox, IdentityApi identity) {
		this.inbox = inbox;
		this.identity = identity;
	}

	@ApplicationModuleListener
	void on(FundProjectChanged e) {
		if (e.tell() == null) {
			return;
		}
		var users = identity.usersAtRegion(e.tell());
		var out = new ArrayList<Inbox.Delivery>(users.size());
		for (long user : users) {
			out.add(new Inbox.Delivery(user, null, "维修资金使用待办：" + e.title(), e.summary()));
		}
		inbox.deliver(out);
	}
}
