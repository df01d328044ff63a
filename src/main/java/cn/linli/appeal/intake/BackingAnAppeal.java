package cn.linli.appeal.intake;

import java.sql.Timestamp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.domain.Appeal;
import cn.linli.appeal.domain.AppealRepository;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/** +1 (附议): a resident backs an open appeal about its compound's common parts instead of filing the same one again. */
@Service
@Transactional
public class BackingAnAppeal {

	private final AppealRepository appeals;
	private final AppealSteps steps;
	private final JdbcClient jdbc;

	BackingAnAppeal(AppealRepository appeals, AppealSteps steps, JdbcClient jdbc) {
		this.appeals = appeals;
		this.steps = steps;
		this.jdbc = jdbc;
	}

	public void support(Actor actor, long appealId) {
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("只有居民可以附议");
		}
		// only appeals about common parts: backing one gives a view of it, and a flat's repair is its owner's business
		var a = appeals.findById(appealId).filter(x -> x.houseId() == null && actor.scope().compoundIds().contains(x.compoundId()))
			.orElseThrow(() -> DomainException.notFound("诉求"));
		if (!a.status().isOpen()) {
			throw DomainException.conflict("not-open", "该诉求已办结，不能再附议");
		}
		if (a.raisedBy(actor.userId())) {
			throw DomainException.conflict("own-appeal", "这是您自己提交的诉求");
		}
		var now = steps.now();
		int added = jdbc.sql("insert into appeal_supporter (appeal_id, user_id, at) values (:a, :u, :at) on conflict do nothing")
			.param("a", appealId).param("u", actor.userId()).param("at", Timestamp.from(now)).update();
		if (added == 1) {
			// a counter beside the aggregate's state: it must not turn the handler's open page stale, nor two backers into a conflict
			jdbc.sql("update appeal set supporters = supporters + 1 where id = :id").param("id", appealId).update();
			// the raiser sees its timeline in full; a backer's name is none of its business
			steps.record(a, new Appeal.Step("SUPPORTED", a.status(), a.status(), a.level(), "又有一位居民反映同一问题（+1）", null), null, "一位居民",
					now);
		}
	}
}
