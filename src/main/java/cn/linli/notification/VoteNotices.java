package cn.linli.notification;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.governance.GovernanceApi;
import cn.linli.governance.MotionAwaitingReview;
import cn.linli.governance.MotionCounted;
import cn.linli.governance.MotionPublished;
import cn.linli.governance.MotionReturned;
import cn.linli.governance.PaperBallotRecorded;
import cn.linli.identity.IdentityApi;
import cn.linli.shared.time.TimeConfiguration;

/**
 * Tells people about e-votes after the change committed (the event publication registry
 * redelivers if the platform stops in between): the community when a motion awaits its review,
 * the convener when it is returned, the owners on the roll when it is published and when its
 * result is out (the committee too), and a voter's owners whenever a paper ballot is recorded in
 * their name — so that nobody's vote is changed behind their back.
 */
@Component
class VoteNotices {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.ZONE);

	private final Inbox inbox;
	private final IdentityApi identity;
	private final GovernanceApi governance;

	VoteNotices(Inbox inbox, IdentityApi identity, GovernanceApi governance) {
		this.inbox = inbox;
		this.identity = identity;
		this.governance = governance;
	}

	@ApplicationModuleListener
	void on(MotionAwaitingReview e) {
		deliver(identity.usersAtRegion(e.communityCode()), "表决事项待审核：" + e.title(),
				e.resubmitted() ? "召集人已按退回意见修改并重新提交，请审核后发布或退回。" : "业主大会表决事项已提交，请审核后发布或退回修改。");
	}

	@ApplicationModuleListener
	void on(MotionReturned e) {
		var convener = "COMMITTEE".equals(e.convenedBy()) ? identity.usersOfCommittee(e.compoundId()) : identity.usersAtRegion(e.communityCode());
		deliver(convener, "表决事项被退回修改：" + e.title(), "社区退回理由：" + e.reason());
	}

	@ApplicationModuleListener
	void on(MotionPublished e) {
		deliver(identity.usersOfOwners(governance.ownersOnRoll(e.motionId())), "业主共同决定开始表决：" + e.title(),
				"投票时间 " + time(e.opensAt()) + " 至 " + time(e.closesAt()) + "。请在「业主共同决定」中查看表决内容并投票，截止前可修改。");
	}

	@ApplicationModuleListener
	void on(MotionCounted e) {
		var users = new LinkedHashSet<>(identity.usersOfOwners(governance.ownersOnRoll(e.motionId())));
		users.addAll(identity.usersOfCommittee(e.compoundId()));
		deliver(users, "表决结果已公布：" + e.title(), "结果：" + e.resultLabel() + "。异议期至 " + time(e.objectionsUntil()) + "，期满后结果生效。");
	}

	@ApplicationModuleListener
	void on(PaperBallotRecorded e) {
		deliver(identity.usersOfOwners(e.ownerIds()), "已以您的名义录入纸质表决票：" + e.title(),
				"业委会为 " + e.houses() + " 录入了一张纸质表决票" + (e.replacedOnline() ? "，它替代了您此前的在线投票" : "")
						+ "。如非您本人的意愿，请在截止前重新投票或联系业委会。");
	}

	private void deliver(Collection<Long> users, String title, String body) {
		var out = new ArrayList<Inbox.Delivery>(users.size());
		for (long user : new LinkedHashSet<>(users)) {
			out.add(new Inbox.Delivery(user, null, title, body));
		}
		inbox.deliver(out);
	}

	private static String time(Instant t) {
		return TIME.format(t);
	}
}
