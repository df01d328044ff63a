package cn.linli.governance.counting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.governance.MotionCounted;
import cn.linli.governance.domain.Ballot;
import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.Motion;
import cn.linli.governance.domain.MotionRepository;
import cn.linli.governance.domain.Rolls;
import cn.linli.governance.domain.Tally;
import cn.linli.registry.RegistryDirectory;

/** 计票: at the close the same {@link Tally} that recounts exported files counts the effective ballots against the frozen roll. */
@Service
@Transactional
public class CountingTheVote {

	private final MotionRepository motions;
	private final Rolls rolls;
	private final RegistryDirectory directory;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	CountingTheVote(MotionRepository motions, Rolls rolls, RegistryDirectory directory, JdbcClient jdbc, JsonMapper json, Clock clock,
			ApplicationEventPublisher events) {
		this.motions = motions;
		this.rolls = rolls;
		this.directory = directory;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.events = events;
	}

	/** Counts every motion whose closing time has passed; rows are claimed with SKIP LOCKED, so two instances never count one twice. */
	public int closeDue() {
		Instant now = clock.instant();
		var due = jdbc.sql("select id from motion where status = 'PUBLISHED' and closes_at <= :now order by id for update skip locked")
			.param("now", Timestamp.from(now)).query(Long.class).list();
		for (long id : due) {
			count(motions.findById(id).orElseThrow(), now);
		}
		return due.size();
	}

	private void count(Motion motion, Instant now) {
		var outcome = tally(motion);
		motion.count(json.writeValueAsString(outcome), now);
		motions.save(motion);
		events.publishEvent(new MotionCounted(motion.id(), motion.compoundId(), motion.title(), outcome.result().name(),
				outcome.result().label(), motion.objectionsUntil()));
	}

	private Tally.Outcome tally(Motion motion) {
		var roll = rolls.of(motion);
		var ballots = effectiveBallots(motion.id());
		if (motion.matter().isElection()) {
			long households = directory.compoundFacts(motion.compoundId()).orElseThrow().households();
			return Tally.election(roll, ballots, motion.seats(), households);
		}
		var served = new HashSet<>(jdbc.sql("select voter_id from motion_notice_served where motion_id = :m").param("m", motion.id())
			.query(String.class).list());
		served.removeAll(ballots.keySet());
		return Tally.motion(motion.matter(), roll, ballots, served, motion.followMajority());
	}

	private Map<String, Ballot> effectiveBallots(long motionId) {
		var ballots = new LinkedHashMap<String, Ballot>();
		jdbc.sql("select voter_id, choice, candidates from ballot where motion_id = :m and effective order by id").param("m", motionId)
			.query((rs, n) -> ballots.put(rs.getString(1), rs.getString(2) != null ? Ballot.on(rs.getString(1), Choice.valueOf(rs.getString(2)))
					: Ballot.forCandidates(rs.getString(1), rs.getString(3) == null || rs.getString(3).isEmpty() ? List.of()
							: List.of(rs.getString(3).split("\\|")))))
			.list();
		return ballots;
	}
}
