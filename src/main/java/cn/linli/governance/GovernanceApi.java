package cn.linli.governance;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.governance.convening.ConveningAMotion;
import cn.linli.governance.domain.Matter;
import cn.linli.governance.domain.MotionDraft;
import cn.linli.governance.domain.MotionRepository;
import cn.linli.governance.domain.Rolls;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/** What other modules may ask about owners' decisions. */
@Service
@Transactional(readOnly = true)
public class GovernanceApi {

	private final MotionRepository motions;
	private final Rolls rolls;
	private final ConveningAMotion convening;

	GovernanceApi(MotionRepository motions, Rolls rolls, ConveningAMotion convening) {
		this.motions = motions;
		this.rolls = rolls;
		this.convening = convening;
	}

	/** The registry owner ids of every voter on a published motion's frozen roll. */
	public List<Long> ownersOnRoll(long motionId) {
		var motion = motions.findById(motionId).orElseThrow(() -> DomainException.notFound("表决事项"));
		return rolls.of(motion).voters().stream().flatMap(v -> v.ownerIds().stream()).distinct().map(Long::valueOf).toList();
	}

	/**
	 * A motion another module drafts for the owners to decide (e.g. a fee change, matter 9), on the
	 * whole compound's roll; convened, reviewed and published like any other. Answers its id.
	 */
	@Transactional
	public long convene(Actor actor, long compoundId, int matter, String title, String body, Instant opensAt, Instant closesAt) {
		return convening.draft(actor, compoundId, new MotionDraft(matter, title, body, null, List.of(), opensAt, closesAt, false, false, List.of()));
	}

	/**
	 * A matter-5 motion (使用维修资金) drafted from a fund project, its roll limited to the benefiting
	 * houses; convened, reviewed and published like any other motion. Answers its id.
	 */
	@Transactional
	public long conveneFundUse(Actor actor, long compoundId, String title, String body, List<Long> benefitingHouses, Instant opensAt,
			Instant closesAt) {
		long id = convening.draft(actor, compoundId,
				new MotionDraft(Matter.USE_MAINTENANCE_FUND.number(), title, body, null, List.of(), opensAt, closesAt, false, false, List.of()));
		var motion = motions.findById(id).orElseThrow();
		motion.limitToHouses(benefitingHouses);
		motions.save(motion);
		return id;
	}
}
