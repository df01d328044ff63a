package cn.linli.governance.review;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.governance.MotionPublished;
import cn.linli.governance.MotionReturned;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.MotionRepository;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Rolls;
import cn.linli.registry.OwnerRolls;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * 审核发布: the community reviews a draft and either publishes it — which freezes the roll from the
 * registry as it stands now — or returns it to its convener with the reason.
 */
@Service
@Transactional
public class ReviewingAMotion {

	private final MotionRepository motions;
	private final MotionAccess access;
	private final Rolls rolls;
	private final OwnerRolls ownerRolls;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	ReviewingAMotion(MotionRepository motions, MotionAccess access, Rolls rolls, OwnerRolls ownerRolls, Clock clock,
			ApplicationEventPublisher events) {
		this.motions = motions;
		this.access = access;
		this.rolls = rolls;
		this.ownerRolls = ownerRolls;
		this.clock = clock;
		this.events = events;
	}

	public void publish(Actor actor, long motionId) {
		requireCommunity(actor, motionId);
		var motion = access.lock(motionId);
		var houses = rolls.housesNow(motion);
		var roll = Roll.freeze(houses, motion.includeParking());
		if (roll.isEmpty()) {
			// e.g. a garage building: its parking spaces are out of the roll, and a roll of nobody would pass anything
			throw DomainException.conflict("empty-roll", "表决范围内没有计入表决的专有部分（车位、摊位不计入），表决名册为空，不能发布");
		}
		for (String candidate : motion.candidates()) {
			if (!roll.isOwner(candidate)) {
				throw DomainException.invalid("candidateIds", "候选人 " + candidate + " 不是本次表决名册中的业主");
			}
		}
		motion.publish(roll.totalArea(), roll.totalHead(), clock.instant());
		rolls.store(motionId, houses);
		motions.save(motion);
		events.publishEvent(new MotionPublished(motionId, motion.compoundId(), motion.title(), motion.opensAt(), motion.closesAt(),
				roll.totalHead(), roll.totalArea()));
	}

	/** Sends the draft back to whoever convened it; the reason is shown on the motion page until it is resubmitted. */
	public void returnToConvener(Actor actor, long motionId, String reason) {
		requireCommunity(actor, motionId);
		var motion = access.lock(motionId);
		motion.returnToConvener(reason, clock.instant());
		motions.save(motion);
		events.publishEvent(new MotionReturned(motionId, motion.compoundId(), ownerRolls.communityOf(motion.compoundId()), motion.title(),
				motion.convenedBy(), motion.returnReason()));
	}

	private void requireCommunity(Actor actor, long motionId) {
		access.visible(actor, motionId);
		if (actor.role() != Role.COMMUNITY) {
			throw DomainException.forbidden("由社区审核表决事项");
		}
	}
}
