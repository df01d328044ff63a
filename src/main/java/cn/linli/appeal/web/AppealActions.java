package cn.linli.appeal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.appeal.Rating;
import cn.linli.appeal.handling.HandlingAnAppeal;
import cn.linli.appeal.intake.BackingAnAppeal;
import cn.linli.appeal.rating.RatingAnAppeal;
import cn.linli.appeal.supervision.SupervisingAnAppeal;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * The one dispatcher of actions on an appeal, for the pages and the API alike: the action's name
 * in the URL, the fields it reads, the use case it runs and what the page then says it did.
 */
@Component
class AppealActions {

	/** What an action does, for the API's description. */
	static final String NAMES = "accept 签收, start 开始办理, assign 指派, note 备注, pause 等待居民配合, resume 恢复计时, resolve 反馈结果, "
			+ "reject-route 派单异议, redispatch 重新派单, reassign 改派, order 督办令, supervise 督办意见, confirm 核实办结, rate 评价, support 附议";

	/** Every field any action reads; each action takes the ones it needs. */
	record Input(Integer version, String note, String reason, String result, Long staffId, Long companyId, String external, String rating,
			List<MultipartFile> photos) {
	}

	private interface Run {
		void run(Actor actor, long id, Input in);
	}

	private record Action(String done, Run run) {
	}

	private final Map<String, Action> actions = new LinkedHashMap<>();

	AppealActions(HandlingAnAppeal handling, SupervisingAnAppeal supervising, RatingAnAppeal rating, BackingAnAppeal backing) {
		on("accept", "已签收", (a, id, in) -> handling.accept(a, id, in.version()));
		on("start", "已开始办理", (a, id, in) -> handling.start(a, id, in.version()));
		on("assign", "已指派", (a, id, in) -> handling.assign(a, id, in.version(), in.staffId()));
		on("note", "已添加办理备注", (a, id, in) -> handling.note(a, id, in.note()));
		on("pause", "已暂停计时，等待居民配合；居民会收到通知", (a, id, in) -> handling.pause(a, id, in.version(), in.reason()));
		on("resume", "已恢复计时", (a, id, in) -> handling.resume(a, id, in.version()));
		on("resolve", "已反馈办理结果，等待居民评价", (a, id, in) -> handling.resolve(a, id, in.version(), in.result(), in.photos()));
		on("reject-route", "已提出派单异议，退回社区重新派单", (a, id, in) -> handling.rejectRoute(a, id, in.version(), in.reason()));
		on("redispatch", "已重新派单", (a, id, in) -> supervising.redispatch(a, id, in.version(), in.companyId(), in.external(), in.note()));
		on("reassign", "已改派", (a, id, in) -> supervising.reassign(a, id, in.version(), in.companyId(), in.external(), in.note()));
		on("order", "已下达督办令，本级督办时限重新计时", (a, id, in) -> supervising.order(a, id, in.version(), in.note()));
		on("supervise", "已添加督办意见", (a, id, in) -> supervising.superviseNote(a, id, in.note()));
		on("confirm", "已核实办结", (a, id, in) -> supervising.confirmSolved(a, id, in.version(), in.note()));
		on("rate", "感谢您的评价", (a, id, in) -> rating.rate(a, id, in.version(), Choices.required(Rating.class, Rating::label, in.rating(), "rating", "评价"),
				in.reason()));
		on("support", "已附议（+1），办理进展会通知您", (a, id, in) -> backing.support(a, id));
	}

	private void on(String name, String done, Run run) {
		actions.put(name, new Action(done, run));
	}

	/** Runs the named action; returns what the page tells the person it did. */
	String perform(Actor actor, long id, String name, Input in) {
		var action = actions.get(name);
		if (action == null) {
			throw DomainException.notFound("办理动作「" + name + "」");
		}
		action.run().run(actor, id, in);
		return action.done();
	}
}
