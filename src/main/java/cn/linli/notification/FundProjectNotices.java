package cn.linli.notification;

import java.util.ArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.fund.FundProjectChanged;
import cn.linli.identity.IdentityApi;

/**
 * Tells the housing bureau when a repair project awaits it (a passed vote, a confirmed emergency, an
 * accepted work) and the city's bureau when an emergency approval is late; the owners learn of
 * projects from the notice board, and an owner whose ledger fell below 30 % of its first deposit is
 * asked to top it up.
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
	void on(cn.linli.fund.FundTopUpDue e) {
		var users = identity.ownersOfHouses(e.houseIds());
		var out = new ArrayList<Inbox.Delivery>(users.size());
		for (long user : users) {
			out.add(new Inbox.Delivery(user, null, "维修资金续交提醒", "您房屋的维修资金分户账余额已低于首次交存额的 30%，请按规定续交。可在「维修资金」中查看分户账。"));
		}
		inbox.deliver(out);
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
