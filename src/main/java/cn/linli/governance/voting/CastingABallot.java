package cn.linli.governance.voting;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.governance.GovernanceChanged;
import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Rolls;
import cn.linli.identity.IdentityApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * 在线投票: a verified owner votes for a voter of the roll it belongs to — an owner of 101 alone and
 * of 102 with a spouse belongs to two voters and casts a ballot for each separately; a later ballot
 * (in any channel) supersedes the earlier until the close.
 */
@Service
@Transactional
public class CastingABallot {

	private final MotionAccess access;
	private final BallotBox box;
	private final Rolls rolls;
	private final IdentityApi identity;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	CastingABallot(MotionAccess access, BallotBox box, Rolls rolls, IdentityApi identity, Clock clock, ApplicationEventPublisher events) {
		this.access = access;
		this.box = box;
		this.rolls = rolls;
		this.identity = identity;
		this.clock = clock;
		this.events = events;
	}

	/** {@code voterId} may be left out when the caller belongs to one voter only. */
	public Receipt vote(Actor actor, long motionId, String voterId, Choice choice, List<String> candidates) {
		access.visible(actor, motionId);
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("只有已认证的业主可以投票");
		}
		var motion = box.lockOpen(motionId, clock.instant());
		var roll = rolls.of(motion);
		var owners = identity.ownerIdsOf(actor.userId()).stream().map(String::valueOf).toList();
		var mine = roll.votableBy(owners);
		if (mine.isEmpty()) {
			throw DomainException.forbidden("您不在本次表决名册中（仅认证业主可投票，租户不可）");
		}
		Roll.Voter voter;
		if (voterId == null || voterId.isBlank()) {
			if (mine.size() > 1) {
				throw DomainException.invalid("voterId", "您在本次表决中可为 " + mine.size() + " 户表决，请选择为哪一户投票");
			}
			voter = mine.get(0);
		}
		else {
			voter = mine.stream().filter(v -> v.id().equals(voterId.trim())).findFirst()
				.orElseThrow(() -> DomainException.invalid("voterId", "您不能为该户表决"));
		}
		String castBy = owners.stream().filter(voter.ownerIds()::contains).sorted().findFirst().orElseThrow();
		var receipt = box.cast(motion, voter, castBy, BallotBox.Channel.ONLINE, BallotBox.marks(motion, choice, candidates), false, null,
				clock.instant());
		events.publishEvent(GovernanceChanged.of("ballot-cast", motionId, "ONLINE ballot " + receipt.ballotId() + " receipt "
				+ receipt.hash().substring(0, 12) + (receipt.replacedChannel() == null ? "" : " replacing a " + receipt.replacedChannel() + " ballot")));
		return receipt;
	}
}
