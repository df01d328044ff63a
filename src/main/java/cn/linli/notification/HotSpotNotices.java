package cn.linli.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.analytics.HotSpotDetected;
import cn.linli.identity.IdentityApi;

/** A new hot spot reaches the supervisors above it once: the community, street and district of a compound; the street and district of a street. */
@Component
class HotSpotNotices {

	private final Inbox inbox;
	private final IdentityApi identity;

	HotSpotNotices(Inbox inbox, IdentityApi identity) {
		this.inbox = inbox;
		this.identity = identity;
	}

	@ApplicationModuleListener
	void on(HotSpotDetected e) {
		var regions = new ArrayList<String>();
		if (e.regionCode().length() == 12) {
			regions.add(e.regionCode());
		}
		regions.add(e.regionCode().substring(0, 9));
		regions.add(e.regionCode().substring(0, 6));
		var users = new LinkedHashSet<Long>();
		regions.forEach(r -> users.addAll(identity.usersAtRegion(r)));
		String title = "诉求热点：" + e.name() + " · " + e.categoryName();
		String body = e.from() + " 至 " + e.to() + " 共 " + e.count() + " 件" + e.categoryName() + "诉求，超过热点阈值 " + e.threshold().toPlainString()
				+ "（至少 5 件且高于前 8 个同期均值 3 个标准差），请关注。";
		var out = new ArrayList<Inbox.Delivery>();
		users.forEach(u -> out.add(new Inbox.Delivery(u, null, title, body)));
		inbox.deliver(out);
	}
}
