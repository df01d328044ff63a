package cn.linli.governance.convening;

import java.time.Clock;
import java.util.HashSet;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.governance.GovernanceChanged;
import cn.linli.governance.MotionAwaitingReview;
import cn.linli.governance.domain.Motion;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.MotionDraft;
import cn.linli.governance.domain.MotionRepository;
import cn.linli.registry.OwnerRolls;
import cn.linli.registry.RegistryAccess;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;

/**
 * 发起表决: the owners' committee (or, where no committee is in term, the community) drafts a
 * motion, attaches documents, and revises it — after a return, revising resubmits it for review.
 */
@Service
@Transactional
public class ConveningAMotion {

	private final MotionRepository motions;
	private final MotionAccess access;
	private final OwnerRolls rolls;
	private final RegisteringHouses houses;
	private final UploadStore uploads;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final RegistryAccess registryAccess;

	ConveningAMotion(MotionRepository motions, MotionAccess access, OwnerRolls rolls, RegisteringHouses houses, UploadStore uploads,
			JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, RegistryAccess registryAccess) {
		this.registryAccess = registryAccess;
		this.motions = motions;
		this.access = access;
		this.rolls = rolls;
		this.houses = houses;
		this.uploads = uploads;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Answers the new motion's id. */
	public long draft(Actor actor, long compoundId, MotionDraft draft) {
		String convenedBy;
		if (actor.role() == Role.COMMITTEE && actor.scope().compoundIds().contains(compoundId)) {
			convenedBy = "COMMITTEE";
		}
		else if (actor.role() == Role.COMMUNITY && actor.scope().coversRegion(rolls.communityOf(compoundId))) {
			if (registryAccess.hasCommitteeInTerm(compoundId)) {
				throw DomainException.forbidden("本小区有任期内的业委会，应由业委会发起表决");
			}
			convenedBy = "COMMUNITY";
		}
		else {
			throw DomainException.forbidden("只有本小区业委会或所在社区（筹备组/居委会）可以发起表决");
		}
		check(actor, compoundId, draft);
		var motion = motions.save(Motion.draft(compoundId, draft, convenedBy));
		events.publishEvent(new MotionAwaitingReview(motion.id(), compoundId, rolls.communityOf(compoundId), motion.title(), false));
		return motion.id();
	}

	/** The convener changes a draft it read at {@code version}; a returned draft is resubmitted for review (answers true). */
	public boolean revise(Actor actor, long motionId, MotionDraft draft, Integer version) {
		var motion = access.visible(actor, motionId);
		access.requireConvener(actor, motion);
		check(actor, motion.compoundId(), draft);
		boolean resubmitted = motion.revise(draft, version);
		motions.save(motion);
		if (resubmitted) {
			events.publishEvent(new MotionAwaitingReview(motionId, motion.compoundId(), rolls.communityOf(motion.compoundId()),
					motion.title(), true));
		}
		else {
			events.publishEvent(GovernanceChanged.of("revised", motionId, motion.title()));
		}
		return resubmitted;
	}

	/** Every problem of the draft at once: its own, and those only the compound can tell. */
	private void check(Actor actor, long compoundId, MotionDraft draft) {
		FieldErrors errors = draft.problems();
		var owners = rolls.ownersOfCompound(actor.scope(), compoundId).stream().map(o -> String.valueOf(o.ownerId())).collect(Collectors.toSet());
		draft.candidateIds().stream().filter(c -> c != null && !c.isBlank()).map(String::trim).filter(c -> !owners.contains(c)).findFirst()
			.ifPresent(c -> errors.add("candidateIds", "候选人须为本小区业主：「" + c + "」"));
		var buildings = houses.buildings(actor.scope(), compoundId).stream().map(b -> b.id()).collect(Collectors.toCollection(HashSet::new));
		errors.check(!buildings.containsAll(draft.buildingIds()), "buildingIds", "表决范围中有不属于本小区的楼栋");
		var rules = rolls.assemblyRules(compoundId);
		errors.check(draft.followMajority() && !rules.followMajority(), "followMajority", "本小区议事规则未规定从众，不能采用");
		errors.check(draft.includeParking() && !rules.parkingInRoll(), "includeParking", "本小区议事规则未将车位、摊位计入表决");
		errors.check(draft.closesAt() != null && !draft.closesAt().isAfter(clock.instant()), "closesAt", "截止时间应晚于现在");
		errors.throwIfAny();
	}

	public record Attachment(long id, String title, String fileKey) {
	}

	/** The convener attaches a document (PDF or image) while the motion is a draft; after publication the notice is fixed. */
	public Attachment attach(Actor actor, long motionId, String title, MultipartFile file) {
		var motion = access.visible(actor, motionId);
		access.requireConvener(actor, motion);
		if (!motion.status().isDraft()) {
			throw DomainException.conflict("motion-state", "发布后不能再添加附件");
		}
		var errors = new FieldErrors();
		errors.check(title == null || title.isBlank() || title.strip().length() > 200, "title", "附件名称必填，且不超过200字");
		// stored inside the transaction: a refusal below removes the file with the rollback
		String key = errors.collect(() -> uploads.store(file, "file", UploadStore.Type.PDF, UploadStore.Type.JPEG, UploadStore.Type.PNG));
		errors.throwIfAny();
		long id = jdbc.sql("insert into motion_attachment (motion_id, file_key, title, uploaded_at) values (:m, :k, :t, :at) returning id")
			.param("m", motionId).param("k", key).param("t", title.strip()).param("at", java.sql.Timestamp.from(clock.instant()))
			.query(Long.class).single();
		events.publishEvent(GovernanceChanged.of("attached", motionId, title.strip()));
		return new Attachment(id, title.strip(), key);
	}
}
