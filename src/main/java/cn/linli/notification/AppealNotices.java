package cn.linli.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.linli.appeal.AppealChanged;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.AppealsApi;
import cn.linli.appeal.AppealsEscalated;
import cn.linli.appeal.HandlerKind;
import cn.linli.identity.IdentityApi;
import cn.linli.registry.RegistryDirectory;

/**
 * Tells the people an appeal's change concerns, after it committed (the event publication
 * registry redelivers if the platform stops in between): the handler when work arrives, the
 * resident when its appeal moves, the supervisors when it climbs to them.
 */
@Component
class AppealNotices {

	private final Inbox inbox;
	private final IdentityApi identity;
	private final RegistryDirectory directory;
	private final AppealsApi appeals;

	AppealNotices(Inbox inbox, IdentityApi identity, RegistryDirectory directory, AppealsApi appeals) {
		this.appeals = appeals;
		this.inbox = inbox;
		this.identity = identity;
		this.directory = directory;
	}

	@ApplicationModuleListener
	void on(AppealChanged e) {
		String no = "诉求 #" + e.appealId();
		var out = new ArrayList<Inbox.Delivery>();
		switch (e.step()) {
			case "SUBMITTED", "REDISPATCHED", "REASSIGNED", "HANDED_OVER" -> to(out, handlers(e.handlerKind(), e.handlerCompanyId(), e.compoundId(), e.communityCode()),
					e.appealId(), "新诉求待签收：" + no, e.note() == null ? "请在时限内签收办理" : e.note());
			case "ROUTE_REJECTED" -> to(out, identity.usersAtRegion(e.communityCode()), e.appealId(), "派单异议，请重新派单：" + no, e.note());
			case "ASSIGNED" -> to(out, e.assigneeStaffId() == null ? List.of() : identity.usersOfStaff(List.of(e.assigneeStaffId())), e.appealId(),
					"您被指派办理 " + no, e.note());
			case "ORDERED", "SUPERVISED", "REOPENED", "RATED", "SUPPORTED" -> to(out,
					handlers(e.handlerKind(), e.handlerCompanyId(), e.compoundId(), e.communityCode()), e.appealId(), label(e.step()) + "：" + no,
					e.note() == null ? "" : e.note());
			case "ESCALATED" -> {
				var region = e.level().regionOf(e.communityCode());
				if (region != null) {
					to(out, identity.usersAtRegion(region), e.appealId(), "诉求升级至您督办：" + no, e.note());
				}
			}
			default -> {
			}
		}
		switch (e.step()) {
			case "ACCEPTED", "RESOLVED", "PAUSED", "ROUTE_REJECTED", "REDISPATCHED", "HANDED_OVER", "CLOSED_UNRATED", "ESCALATED" -> {
				if (e.raisedBy() != null) {
					to(out, List.of(e.raisedBy()), e.appealId(), e.step().equals("PAUSED") ? "承办单位需要您配合：" + no : "您的诉求有新进展：" + no,
							forRaiser(e));
				}
				// a backer hears that it moved, not the handler's words to the raiser (they may name the flat or a time at home)
				to(out, appeals.supportersOf(e.appealId()), e.appealId(), "您附议的诉求有新进展：" + no,
						e.step().equals("PAUSED") ? "等待居民配合，暂停计时" : e.status().label());
			}
			default -> {
			}
		}
		inbox.deliver(out);
	}

	@ApplicationModuleListener
	void on(AppealsEscalated e) {
		Map<String, List<Long>> supervisors = new HashMap<>();
		Map<Long, List<Long>> companies = new HashMap<>();
		var out = new ArrayList<Inbox.Delivery>();
		for (var x : e.escalations()) {
			String region = x.level().regionOf(x.communityCode());
			String no = "诉求 #" + x.appealId();
			to(out, supervisors.computeIfAbsent(region, identity::usersAtRegion), x.appealId(), "诉求升级至您督办：" + no,
					x.reason() + "，已升级至" + x.level().label());
			if (x.raisedBy() != null) {
				to(out, List.of(x.raisedBy()), x.appealId(), "您的诉求已升级督办：" + no, x.level().label() + "已介入督办");
			}
			if (x.handlerKind() == HandlerKind.COMPANY && x.handlerCompanyId() != null && x.status() != AppealStatus.REJECTED_ROUTE) {
				to(out, companies.computeIfAbsent(x.handlerCompanyId(), identity::usersOfCompany), x.appealId(), "诉求超时被督办：" + no,
						x.reason() + "，" + x.level().label() + "已介入督办，请尽快办理");
			}
		}
		inbox.deliver(out);
	}

	/** What the raiser is told of a step: the state, and what the handler asks of it when it pauses the clock. */
	private static String forRaiser(AppealChanged e) {
		return switch (e.step()) {
			case "PAUSED" -> (e.note() == null ? "" : e.note()) + "（办理计时已暂停，配合完成后恢复）";
			case "RESOLVED" -> e.status().label() + "，请评价办理结果";
			default -> e.status().label();
		};
	}

	private List<Long> handlers(HandlerKind kind, Long companyId, long compoundId, String communityCode) {
		if (kind == HandlerKind.COMPANY && companyId != null) {
			Set<Long> users = new LinkedHashSet<>(identity.usersOfCompany(companyId));
			users.addAll(identity.usersOfStaff(directory.staffServing(companyId, compoundId).stream().map(RegistryDirectory.StaffEntry::id).toList()));
			return List.copyOf(users);
		}
		return identity.usersAtRegion(communityCode);
	}

	private static void to(List<Inbox.Delivery> out, List<Long> users, long appealId, String title, String body) {
		for (long u : users) {
			out.add(new Inbox.Delivery(u, appealId, title, body == null ? "" : body));
		}
	}

	private static String label(String step) {
		return switch (step) {
			case "ORDERED" -> "督办令";
			case "SUPERVISED" -> "督办意见";
			case "REOPENED" -> "居民不满意，重新办理";
			case "RATED" -> "居民已评价";
			case "SUPPORTED" -> "居民附议";
			default -> step;
		};
	}
}
