package cn.linli.appeal.intake;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.domain.Appeal;
import cn.linli.appeal.domain.AppealInsert;
import cn.linli.appeal.domain.AppealPhotos;
import cn.linli.appeal.domain.AppealRepository;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.domain.Placement;
import cn.linli.appeal.policy.SlaPolicies;
import cn.linli.appeal.text.AppealText;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * A resident raises an appeal for its house or its compound's common parts; staff and grid
 * workers for a compound they serve; an Open311 client for the place it names. The appeal is
 * routed (the company under contract, else the community), gets the clocks of its category and
 * urgency, is linked when it repeats an earlier one, and is in the database before the answer.
 */
@Service
@Transactional
public class RaisingAnAppeal {

	/** What the caller learns at once about the appeal it raised. */
	public record Raised(long id, AppealStatus status, java.time.Instant acceptDueAt, Long repeatOf) {

		static Raised of(Appeal a) {
			return new Raised(a.id(), a.status(), a.acceptDueAt(), a.repeatOf());
		}
	}

	private final AppealRepository appeals;
	private final AppealInsert inserts;
	private final AppealSteps steps;
	private final RegistryDirectory directory;
	private final SlaPolicies policies;
	private final AppealText text;
	private final RepeatDetection repeats;
	private final AppealPhotos photoStore;
	private final JsonMapper json;

	RaisingAnAppeal(AppealRepository appeals, AppealInsert inserts, AppealSteps steps, RegistryDirectory directory, SlaPolicies policies,
			AppealText text, RepeatDetection repeats, AppealPhotos photos, JsonMapper json) {
		this.appeals = appeals;
		this.inserts = inserts;
		this.steps = steps;
		this.directory = directory;
		this.policies = policies;
		this.text = text;
		this.repeats = repeats;
		this.photoStore = photos;
		this.json = json;
	}

	public Raised raise(Actor actor, NewAppeal n, List<MultipartFile> photos) {
		var earlier = n.clientKey() == null ? Optional.<Long>empty() : inserts.byClientKey(actor.userId(), null, n.clientKey());
		if (earlier.isPresent()) {
			return Raised.of(appeals.findById(earlier.get()).orElseThrow());
		}
		var place = placeFor(actor, n);
		var origin = new Appeal.Origin(actor.role() == Role.RESIDENT ? "APP" : "PATROL", actor.userId(), actor.role().name(), null);
		return Raised.of(intake(n, place, origin, photos, actor, actor.displayName()));
	}

	/** An Open311 client's request (e.g. the 12345 hotline); the place comes from the address the client gave, the timeline names the client. */
	public long raiseFromOpen311(long clientId, String clientName, NewAppeal n, Placement place) {
		return intake(n, place, new Appeal.Origin("OPEN311", null, null, clientId), List.of(), null, clientName).id();
	}

	private Appeal intake(NewAppeal n, Placement place, Appeal.Origin origin, List<MultipartFile> photos, Actor actor, String actorName) {
		var files = AppealPhotos.chosen(photos);
		var now = steps.now();
		var policy = policies.effective(place.communityCode(), n.category(), n.urgency());
		String attributes = json.writeValueAsString(new TreeMap<>(n.attributes()));
		if (attributes.length() > 2000) {
			throw DomainException.invalid("attributes", "补充信息过长");
		}
		var appeal = Appeal.raise(n, place, policy.minutes(), attributes, text.terms(n.body()), origin, now);
		repeats.link(appeal, now);
		var inserted = inserts.insert(appeal);
		if (inserted.isEmpty()) {
			// a double tap or a retry racing its first attempt: the first one's appeal is the answer to both
			long first = inserts.byClientKey(origin.raisedBy(), origin.open311Client(), n.clientKey()).orElseThrow();
			return appeals.findById(first).orElseThrow();
		}
		appeal = inserted.get();
		photoStore.store(appeal.id(), files, AppealPhotos.Stage.INTAKE);
		steps.record(appeal, appeal.submitted(), actor, actorName, now);
		return appeal;
	}

	private Placement placeFor(Actor actor, NewAppeal n) {
		if (actor.role() != Role.RESIDENT && actor.role() != Role.STAFF) {
			throw DomainException.forbidden("居民、物业人员和网格员可以提交诉求");
		}
		var scope = actor.scope();
		if (n.houseId() != null) {
			var house = directory.houseFacts(n.houseId()).orElseThrow(() -> DomainException.notFound("房屋"));
			boolean allowed = actor.role() == Role.RESIDENT ? scope.houseIds().contains(house.houseId())
					: scope.compoundIds().contains(house.compoundId());
			if (!allowed) {
				throw DomainException.notFound("房屋");
			}
			var compound = directory.compoundFacts(house.compoundId()).orElseThrow(() -> DomainException.notFound("小区"));
			return new Placement(compound.id(), compound.communityCode(), house.buildingId(), house.houseId(), compound.companyId());
		}
		if (!scope.compoundIds().contains(n.compoundId())) {
			throw DomainException.notFound("小区");
		}
		var compound = directory.compoundFacts(n.compoundId()).orElseThrow(() -> DomainException.notFound("小区"));
		return new Placement(compound.id(), compound.communityCode(), null, null, compound.companyId());
	}
}
