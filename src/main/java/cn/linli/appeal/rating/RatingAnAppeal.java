package cn.linli.appeal.rating;

import java.sql.Timestamp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.Rating;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * The resident who raised an appeal rates the answer: 满意 or 基本满意 closes it; 不满意 (with a
 * reason) reopens it, and a second 不满意 sends it one level up the ladder.
 */
@Service
@Transactional
public class RatingAnAppeal {

	private final AppealSteps steps;
	private final JdbcClient jdbc;

	RatingAnAppeal(AppealSteps steps, JdbcClient jdbc) {
		this.steps = steps;
		this.jdbc = jdbc;
	}

	public void rate(Actor actor, long id, Integer version, Rating rating, String reason) {
		if (rating == null) {
			throw DomainException.invalid("rating", "请选择满意、基本满意或不满意");
		}
		var a = steps.visible(actor, id, version);
		// a patrol's own report is not a resident's verdict: counting it would let a company rate its own work
		if (actor.role() != Role.RESIDENT || !a.raisedBy(actor.userId())) {
			throw DomainException.forbidden("只有提出诉求的居民可以评价");
		}
		AppealSteps.limited(reason, "reason", 500);
		var rated = steps.apply(actor, a, (x, now) -> {
			var step = x.rate(rating, reason, now);
			jdbc.sql("insert into appeal_rating (appeal_id, rating, reason, at) values (:a, :r, :why, :at)").param("a", x.id())
				.param("r", rating.name()).param("why", reason == null || reason.isBlank() ? null : reason.strip())
				.param("at", Timestamp.from(now)).update();
			return step;
		});
		if (rated.dissatisfiedAgain()) {
			steps.apply(null, rated, (x, now) -> x.escalate("居民再次评价不满意", now));
		}
	}
}
