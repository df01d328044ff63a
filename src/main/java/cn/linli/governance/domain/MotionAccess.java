package cn.linli.governance.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.registry.OwnerRolls;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * Who may see and act on a motion: supervising regions, the compound's committee and, once
 * published, the owners of the compound see it; nobody else learns it exists.
 */
@Component
public class MotionAccess {

	private final MotionRepository motions;
	private final OwnerRolls rolls;
	private final JdbcClient jdbc;

	MotionAccess(MotionRepository motions, OwnerRolls rolls, JdbcClient jdbc) {
		this.motions = motions;
		this.rolls = rolls;
		this.jdbc = jdbc;
	}

	public Motion visible(Actor actor, long motionId) {
		var motion = motions.findById(motionId).orElseThrow(() -> DomainException.notFound("表决事项"));
		if (!canSee(actor, motion)) {
			throw DomainException.notFound("表决事项");
		}
		return motion;
	}

	public boolean canSee(Actor actor, Motion m) {
		var scope = actor.scope();
		return switch (actor.role()) {
			case CITY, DISTRICT, STREET, COMMUNITY -> scope.coversRegion(rolls.communityOf(m.compoundId()));
			case COMMITTEE -> scope.compoundIds().contains(m.compoundId());
			case RESIDENT -> !m.status().isDraft() && scope.compoundIds().contains(m.compoundId());
			default -> false;
		};
	}

	/** Whoever convened the motion (its committee, or the community that convened it) changes the draft. */
	public void requireConvener(Actor actor, Motion m) {
		if (!isConvener(actor, m)) {
			throw DomainException.forbidden("由召集人操作");
		}
	}

	public boolean isConvener(Actor actor, Motion m) {
		return switch (m.convenedBy()) {
			case "COMMITTEE" -> actor.role() == Role.COMMITTEE && actor.scope().compoundIds().contains(m.compoundId());
			default -> actor.role() == Role.COMMUNITY && actor.scope().coversRegion(rolls.communityOf(m.compoundId()));
		};
	}

	/**
	 * Who runs the vote on the ground — the committee, or the community when it convened — enters
	 * paper ballots and records service of the notice.
	 */
	public void requireBallotKeeper(Actor actor, Motion m) {
		if (!isBallotKeeper(actor, m)) {
			throw DomainException.forbidden("纸质表决票与送达记录由业委会（或召集的社区）录入");
		}
	}

	public boolean isBallotKeeper(Actor actor, Motion m) {
		boolean committee = actor.role() == Role.COMMITTEE && actor.scope().compoundIds().contains(m.compoundId());
		boolean convener = actor.role() == Role.COMMUNITY && "COMMUNITY".equals(m.convenedBy())
				&& actor.scope().coversRegion(rolls.communityOf(m.compoundId()));
		return committee || convener;
	}

	/** Takes the motion's row lock (ballots are chained one at a time) and reads it under the lock. */
	public Motion lock(long motionId) {
		jdbc.sql("select id from motion where id = :id for update").param("id", motionId).query(Long.class).single();
		return motions.findById(motionId).orElseThrow(() -> DomainException.notFound("表决事项"));
	}
}
