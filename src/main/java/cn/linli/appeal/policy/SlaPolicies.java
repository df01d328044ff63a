package cn.linli.appeal.policy;

import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.SlaPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/** Reads and edits the clocks: the city sets its own, a district overrides them for itself. */
@Service
@Transactional
public class SlaPolicies {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SlaPolicies(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** The most specific row whose region contains the community. */
	@Transactional(readOnly = true)
	public SlaPolicy effective(String communityCode, String category, Urgency urgency) {
		return jdbc.sql("""
				select region_code, accept_minutes, resolve_minutes, supervise_minutes from sla_policy
				where category = :c and urgency = :u and :code like region_code || '%'
				order by length(region_code) desc limit 1""")
			.param("c", category).param("u", urgency.name()).param("code", communityCode)
			.query((rs, n) -> new SlaPolicy(rs.getString(1), category, urgency, new SlaPolicy.Minutes(rs.getInt(2), rs.getInt(3), rs.getInt(4))))
			.optional().orElseThrow(() -> DomainException.invalid("category", "未知的诉求分类：" + category));
	}

	/** Every category × urgency as it applies in a region, with the region the value comes from. */
	@Transactional(readOnly = true)
	public List<SlaPolicy> effectiveIn(String regionCode) {
		var rows = new ArrayList<SlaPolicy>();
		for (var category : jdbc.sql("select code from appeal_category order by sort").query(String.class).list()) {
			for (var urgency : Urgency.values()) {
				rows.add(effective(regionCode, category, urgency));
			}
		}
		return rows;
	}

	/** A city user sets its city's clocks, a district user its district's override. */
	public SlaPolicy set(Actor actor, String category, Urgency urgency, SlaPolicy.Minutes minutes) {
		String region = editableRegion(actor);
		effective(region, category, urgency);
		jdbc.sql("""
				insert into sla_policy (region_code, category, urgency, accept_minutes, resolve_minutes, supervise_minutes, updated_by, updated_at)
				values (:r, :c, :u, :a, :res, :s, :by, :at)
				on conflict (region_code, category, urgency) do update set accept_minutes = excluded.accept_minutes,
				  resolve_minutes = excluded.resolve_minutes, supervise_minutes = excluded.supervise_minutes,
				  updated_by = excluded.updated_by, updated_at = excluded.updated_at, version = sla_policy.version + 1""")
			.param("r", region).param("c", category).param("u", urgency.name()).param("a", minutes.accept())
			.param("res", minutes.resolve()).param("s", minutes.supervise()).param("by", actor.username())
			.param("at", java.sql.Timestamp.from(clock.instant())).update();
		events.publishEvent(new SlaPolicyChanged("sla-policy.set", region + "/" + category + "/" + urgency,
				"受理 " + minutes.accept() + " 分钟，办结 " + minutes.resolve() + " 分钟，督办 " + minutes.supervise() + " 分钟"));
		return new SlaPolicy(region, category, urgency, minutes);
	}

	/** A district drops its override and follows the city again (a city its own and follows the national default). */
	public void reset(Actor actor, String category, Urgency urgency) {
		String region = editableRegion(actor);
		int removed = jdbc.sql("delete from sla_policy where region_code = :r and category = :c and urgency = :u")
			.param("r", region).param("c", category).param("u", urgency.name()).update();
		if (removed > 0) {
			events.publishEvent(new SlaPolicyChanged("sla-policy.reset", region + "/" + category + "/" + urgency, "恢复上级时限"));
		}
	}

	static String editableRegion(Actor actor) {
		if (actor.role() != Role.CITY && actor.role() != Role.DISTRICT) {
			throw DomainException.forbidden("只有市住建局可以设置处置时限，区县住建局可以设置本区县的时限");
		}
		return actor.scope().regionCode();
	}

	record SlaPolicyChanged(String action, String subjectId, String summary) implements cn.linli.shared.audit.DomainEvent {

		@Override
		public String subjectType() {
			return "sla_policy";
		}
	}
}
