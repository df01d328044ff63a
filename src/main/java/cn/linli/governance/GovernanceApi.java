package cn.linli.governance;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.governance.domain.MotionRepository;
import cn.linli.governance.domain.Rolls;
import cn.linli.shared.domain.DomainException;

/** What other modules may ask about owners' decisions. */
@Service
@Transactional(readOnly = true)
public class GovernanceApi {

	private final MotionRepository motions;
	private final Rolls rolls;

	GovernanceApi(MotionRepository motions, Rolls rolls) {
		this.motions = motions;
		this.rolls = rolls;
	}

	/** The registry owner ids of every voter on a published motion's frozen roll. */
	public List<Long> ownersOnRoll(long motionId) {
		var motion = motions.findById(motionId).orElseThrow(() -> DomainException.notFound("表决事项"));
		return rolls.of(motion).voters().stream().flatMap(v -> v.ownerIds().stream()).distinct().map(Long::valueOf).toList();
	}
}
