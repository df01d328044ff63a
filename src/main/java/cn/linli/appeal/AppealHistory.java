package cn.linli.appeal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.domain.Appeal;
import cn.linli.appeal.domain.AppealRepository;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.domain.Placement;
import cn.linli.appeal.intake.RepeatDetection;
import cn.linli.appeal.policy.SlaPolicies;
import cn.linli.appeal.text.AppealText;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;

/**
 * Past appeals brought in with their whole history — a city's records from before the platform,
 * or the demo's ninety days. Each appeal goes through the aggregate's own transitions at the
 * times given, so clocks, on-time flags, the ladder and repeat links are what the platform would
 * have produced; the timeline is written, but nobody is notified of the past.
 */
@Service
public class AppealHistory {

	/** One step of a past appeal, at its time. */
	public sealed interface Step {

		Instant at();
	}

	public record Accepted(Instant at) implements Step {
	}

	public record Started(Instant at) implements Step {
	}

	public record Paused(Instant at, String reason) implements Step {
	}

	public record Resumed(Instant at) implements Step {
	}

	public record Resolved(Instant at, String result) implements Step {
	}

	public record Rated(Instant at, Rating rating, String reason) implements Step {
	}

	public record ClosedUnrated(Instant at) implements Step {
	}

	/** A clock ran out: one level up the ladder. */
	public record Escalated(Instant at, String why) implements Step {
	}

	public record Ordered(Instant at, String note) implements Step {
	}

	public record RouteRejected(Instant at, String reason) implements Step {
	}

	/** The community sent a 派单异议 on to a department outside the platform. */
	public record RedispatchedOutside(Instant at, String department, String note) implements Step {
	}

	/**
	 * A past appeal: raised at {@code raisedAt} for a house ({@code houseId}) or for the
	 * compound's common parts, by a resident's account ({@code raisedBy}, may be null) or a patrol.
	 */
	public record Past(long compoundId, Long houseId, Long raisedBy, AppealKind kind, String category, Urgency urgency, String body,
			Instant raisedAt, List<Step> steps) {
	}

	private final AppealRepository appeals;
	private final RegistryDirectory directory;
	private final SlaPolicies policies;
	private final AppealText text;
	private final RepeatDetection repeats;
	private final JdbcTemplate template;

	AppealHistory(AppealRepository appeals, RegistryDirectory directory, SlaPolicies policies, AppealText text, RepeatDetection repeats,
			JdbcTemplate template) {
		this.appeals = appeals;
		this.directory = directory;
		this.policies = policies;
		this.text = text;
		this.repeats = repeats;
		this.template = template;
	}

	/** Imports the appeals in the order given (raise times should ascend per compound, for repeat links); returns their ids. */
	@Transactional
	public List<Long> importAll(List<Past> past) {
		var timeline = new ArrayList<Object[]>();
		var ids = new ArrayList<Long>();
		for (var p : past) {
			var place = placeOf(p);
			var clocks = policies.effective(place.communityCode(), p.category(), p.urgency()).minutes();
			var origin = new Appeal.Origin(p.raisedBy() == null ? "PATROL" : "APP", p.raisedBy(), p.raisedBy() == null ? null : "RESIDENT", null);
			var a = Appeal.raise(new NewAppeal(p.kind(), p.category(), p.urgency(), p.body(), p.houseId(), p.compoundId(), null, null, null), place,
					clocks, "{}", text.terms(p.body()), origin, p.raisedAt());
			repeats.link(a, p.raisedAt());
			var steps = new ArrayList<Appeal.Step>();
			var times = new ArrayList<Instant>();
			steps.add(a.submitted());
			times.add(p.raisedAt());
			for (var s : p.steps()) {
				steps.add(take(a, s));
				times.add(s.at());
			}
			var saved = appeals.save(a);
			ids.add(saved.id());
			for (int i = 0; i < steps.size(); i++) {
				var s = steps.get(i);
				var actor = actorOf(s, p);
				timeline.add(new Object[] { saved.id(), Timestamp.from(times.get(i)), s.action(), s.from() == null ? null : s.from().name(),
						s.to().name(), s.level().name(), actor[0], actor[1], s.note(), s.dueAt() == null ? null : Timestamp.from(s.dueAt()) });
			}
		}
		template.batchUpdate("""
				insert into appeal_event (appeal_id, at, action, from_status, to_status, level, actor_name, actor_role, note, due_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", timeline);
		return ids;
	}

	private Placement placeOf(Past p) {
		var compound = directory.compoundFacts(p.compoundId()).orElseThrow(() -> DomainException.notFound("小区"));
		if (p.houseId() == null) {
			return new Placement(compound.id(), compound.communityCode(), null, null, compound.companyId());
		}
		var house = directory.houseFacts(p.houseId()).filter(h -> h.compoundId() == p.compoundId())
			.orElseThrow(() -> DomainException.notFound("房屋"));
		return new Placement(compound.id(), compound.communityCode(), house.buildingId(), house.houseId(), compound.companyId());
	}

	private static Appeal.Step take(Appeal a, Step s) {
		// Java 17: no patterns in switch yet
		if (s instanceof Accepted x) {
			return a.accept(x.at());
		}
		if (s instanceof Started x) {
			return a.start(x.at());
		}
		if (s instanceof Paused x) {
			return a.pause(x.reason(), x.at());
		}
		if (s instanceof Resumed x) {
			return a.resume(x.at());
		}
		if (s instanceof Resolved x) {
			return a.resolve(x.result(), x.at());
		}
		if (s instanceof Rated x) {
			return a.rate(x.rating(), x.reason(), x.at());
		}
		if (s instanceof ClosedUnrated x) {
			return a.closeUnrated(x.at());
		}
		if (s instanceof Escalated x) {
			return a.escalate(x.why(), x.at());
		}
		if (s instanceof Ordered x) {
			return a.order(x.note(), x.at());
		}
		if (s instanceof RouteRejected x) {
			return a.rejectRoute(x.reason(), x.at());
		}
		var x = (RedispatchedOutside) s;
		return a.redispatch(null, null, x.department(), x.note(), false, x.at());
	}

	/** Who took a step of the past, by name and role as the timeline shows them (the role tells the side to other residents). */
	private static String[] actorOf(Appeal.Step s, Past p) {
		return switch (s.action()) {
			case "SUBMITTED", "RATED", "REOPENED" -> p.raisedBy() == null ? new String[] { "居民", null } : new String[] { "居民", "RESIDENT" };
			case "ESCALATED", "CLOSED_UNRATED" -> new String[] { "系统", null };
			case "ORDERED", "REDISPATCHED" -> new String[] { s.level() == SupervisionLevel.HANDLER ? "社区" : s.level().label(),
					s.level() == SupervisionLevel.HANDLER ? "COMMUNITY" : s.level().name() };
			default -> new String[] { "物业服务中心", "STAFF" };
		};
	}

}
