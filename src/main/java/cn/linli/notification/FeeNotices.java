package cn.linli.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.fee.FeeChanged;
import cn.linli.identity.IdentityApi;

/**
 * Tells the committee and the community when owners' demand for an audit of the common income has
 * reached its threshold, and the street, community and district bureau when a fee change's new rates
 * are posted (报备).
 */
@Component
class FeeNotices {

	private final Inbox inbox;
	private final IdentityApi identity;

	FeeNotices(Inbox inbox, IdentityApi identity) {
		this.inbox = inbox;
		this.identity = identity;
	}

	@ApplicationModuleListener
	void on(FeeChanged e) {
		var users = new LinkedHashSet<Long>();
		if (e.tellRegions() != null) {
			for (String region : e.tellRegions().split(",")) {
				users.addAll(identity.usersAtRegion(region));
			}
		}
		if (e.tellCommittee()) {
			users.addAll(identity.usersOfCommittee(e.compoundId()));
		}
		var out = new ArrayList<Inbox.Delivery>(users.size());
		for (long user : users) {
			out.add(new Inbox.Delivery(user, null, e.action().equals("fee.change-rates-posted") ? "物业服务收费调整报备" : "公共收益审计要求待答复", e.summary()));
		}
		inbox.deliver(out);
	}
}
