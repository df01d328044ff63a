package cn.linli.governance.voting;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.BallotRecord;
import cn.linli.governance.domain.Candidates;
import cn.linli.governance.domain.Motion;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.MotionRepository;
import cn.linli.governance.domain.Roll;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Hashes;

/**
 * The ballots of a motion, whatever the channel: one effective ballot per voter, the latest
 * superseding the earlier (online or paper, until the close), every ballot kept and chained to the
 * one before by its hash. Ballots of one motion are written one at a time under its row lock.
 */
@Component
class BallotBox {

	enum Channel {
		ONLINE, PAPER
	}

	private final MotionAccess access;
	private final MotionRepository motions;
	private final JdbcClient jdbc;

	BallotBox(MotionAccess access, MotionRepository motions, JdbcClient jdbc) {
		this.access = access;
		this.motions = motions;
		this.jdbc = jdbc;
	}

	Motion lockOpen(long motionId, Instant now) {
		var motion = access.lock(motionId);
		if (!motion.isOpenAt(now)) {
			throw DomainException.conflict("voting-closed", "不在投票时间内");
		}
		return motion;
	}

	/** What a ballot says, checked against the motion: a choice, or for an election up to N of the nominated candidates. */
	record Marks(String choice, String candidates) {
	}

	static Marks marks(Motion motion, Choice choice, List<String> candidates) {
		if (!motion.matter().isElection()) {
			if (choice == null) {
				throw DomainException.invalid("choice", "请选择同意、反对或弃权");
			}
			return new Marks(choice.name(), null);
		}
		var chosen = Candidates.of(candidates, "candidates");
		if (chosen.size() > motion.seats()) {
			throw DomainException.invalid("candidates", "最多选择 " + motion.seats() + " 名候选人");
		}
		if (!motion.candidates().containsAll(chosen)) {
			throw DomainException.invalid("candidates", "只能在提名的候选人中选择");
		}
		return new Marks(null, String.join("|", chosen));
	}

	/** Casts the ballot, superseding the voter's effective one; answers its receipt and the channel of the ballot it replaced. */
	Receipt cast(Motion motion, Roll.Voter voter, String castBy, Channel channel, Marks marks, boolean proxy, String attachment,
			Instant now) {
		long motionId = motion.id();
		var replaced = jdbc.sql("update ballot set effective = false where motion_id = :m and voter_id = :v and effective returning channel")
			.param("m", motionId).param("v", voter.id()).query(String.class).optional();
		Instant castAt = now.truncatedTo(ChronoUnit.MICROS);
		String hash = Hashes.sha256(BallotRecord.canonical(motion.lastHash(), motionId, voter.id(), castBy, channel.name(), marks.choice(),
				marks.candidates(), proxy, castAt));
		long id = jdbc.sql("""
				insert into ballot (motion_id, voter_id, cast_by_owner, channel, choice, candidates, proxy, attachment, cast_at, previous_hash, hash)
				values (:m, :v, :o, :ch, :c, :k, :proxy, :a, :t, :p, :h) returning id""")
			.param("m", motionId).param("v", voter.id()).param("o", castBy).param("ch", channel.name()).param("c", marks.choice())
			.param("k", marks.candidates()).param("proxy", proxy).param("a", attachment).param("t", Timestamp.from(castAt))
			.param("p", motion.lastHash()).param("h", hash).query(Long.class).single();
		motion.chained(hash);
		motions.save(motion);
		return new Receipt(id, voter.id(), hash, castAt, replaced.orElse(null));
	}
}
