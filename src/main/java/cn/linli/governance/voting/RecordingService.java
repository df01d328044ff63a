package cn.linli.governance.voting;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.governance.GovernanceChanged;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.MotionStatus;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Rolls;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * 送达: whoever runs the vote records which voters were served with the notice, which 从众 needs.
 * Voters are named by their id, or by an owner — serving an owner serves every voter it belongs to.
 */
@Service
@Transactional
public class RecordingService {

	private final MotionAccess access;
	private final Rolls rolls;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	RecordingService(MotionAccess access, Rolls rolls, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.access = access;
		this.rolls = rolls;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Answers how many voters were newly recorded as served. */
	public int record(Actor actor, long motionId, List<String> voterIds, List<String> ownerIds) {
		var motion = access.visible(actor, motionId);
		access.requireBallotKeeper(actor, motion);
		if (motion.status() != MotionStatus.PUBLISHED) {
			throw DomainException.conflict("motion-state", "只能在发布后、计票前记录送达");
		}
		var roll = rolls.of(motion);
		var served = new LinkedHashSet<String>();
		for (String id : voterIds == null ? List.<String>of() : voterIds) {
			served.add(roll.voter(id == null ? null : id.trim()).filter(Roll.Voter::canVote)
				.orElseThrow(() -> DomainException.invalid("voterIds", "「" + id + "」不在表决名册中")).id());
		}
		for (String owner : ownerIds == null ? List.<String>of() : ownerIds) {
			var voters = roll.votersOf(owner == null ? "" : owner.trim());
			if (voters.isEmpty()) {
				throw DomainException.invalid("ownerIds", "业主「" + owner + "」不在表决名册中");
			}
			voters.forEach(v -> served.add(v.id()));
		}
		if (served.isEmpty()) {
			throw DomainException.invalid("voterIds", "请选择已送达的业主");
		}
		var at = Timestamp.from(clock.instant());
		int recorded = 0;
		for (String voterId : served) {
			recorded += jdbc.sql("insert into motion_notice_served (motion_id, voter_id, served_at) values (:m, :v, :at) on conflict do nothing")
				.param("m", motionId).param("v", voterId).param("at", at).update();
		}
		events.publishEvent(GovernanceChanged.of("served", motionId, recorded + " voters served"));
		return recorded;
	}
}
