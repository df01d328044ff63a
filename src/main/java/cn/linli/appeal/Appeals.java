package cn.linli.appeal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.registry.RegistryApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.upload.UploadStore;

/**
 * The use cases of 你呼我应: raise, handle, supervise, rate. Each one loads the appeal within the
 * caller's scope, lets the aggregate make the change, saves it (optimistic lock), writes the
 * timeline row and publishes the event, in one transaction, before the caller gets an answer.
 */
@Service
@Transactional
public class Appeals {

	public static final int MAX_PHOTOS = 6;
	/** Appeals handed over per transaction when a contract ended; the job repeats until fewer are left. */
	static final int HANDOVER_BATCH = 500;
	static final Duration REPEAT_WINDOW = Duration.ofDays(30);

	private final AppealRepository appeals;
	private final RegistryApi registry;
	private final SlaPolicies policies;
	private final AppealText text;
	private final UploadStore uploads;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final AppealInsert inserts;

	Appeals(AppealRepository appeals, RegistryApi registry, SlaPolicies policies, AppealText text, UploadStore uploads,
			JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock, AppealInsert inserts) {
		this.inserts = inserts;
		this.appeals = appeals;
		this.registry = registry;
		this.policies = policies;
		this.text = text;
		this.uploads = uploads;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	// ---- intake ----

	/** A resident for its house or its compound's common parts; staff and grid workers for a compound they serve. */
	/** What the caller learns at once about the appeal it raised. */
	public record Raised(long id, AppealStatus status, Instant acceptDueAt, Long repeatOf) {
	}

	public Raised raise(Actor actor, NewAppeal n, List<MultipartFile> photos) {
		var earlier = n.clientKey() == null ? Optional.<Long>empty() : inserts.byClientKey(actor.userId(), null, n.clientKey());
		if (earlier.isPresent()) {
			var a = appeals.findById(earlier.get()).orElseThrow();
			return new Raised(a.id, a.status, a.acceptDueAt, a.repeatOf);
		}
		var place = placeFor(actor, n);
		String channel = actor.role() == Role.RESIDENT ? "APP" : "PATROL";
		var a = intake(n, place, channel, actor.userId(), actor.role().name(), null, photos, actor);
		return new Raised(a.id, a.status, a.acceptDueAt, a.repeatOf);
	}

	/** An Open311 client's request; the place comes from the address the client gave. */
	long raiseFromOpen311(long clientId, NewAppeal n, Placement place) {
		return intake(n, place, "OPEN311", null, null, clientId, List.of(), null).id;
	}

	private Appeal intake(NewAppeal n, Placement place, String channel, Long userId, String role, Long clientId,
			List<MultipartFile> photos, Actor actor) {
		var files = photos == null ? List.<MultipartFile>of() : photos.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (files.size() > MAX_PHOTOS) {
			throw DomainException.invalid("photos", "最多上传 " + MAX_PHOTOS + " 张照片");
		}
		var now = clock.instant();
		var policy = policies.effective(place.communityCode(), n.category(), n.urgency());
		String attributes = json.writeValueAsString(new TreeMap<>(n.attributes()));
		if (attributes.length() > 2000) {
			throw DomainException.invalid("attributes", "补充信息过长");
		}
		var appeal = Appeal.raise(n, place, policy.minutes(), attributes, now);
		appeal.channel = channel;
		appeal.raisedBy = userId;
		appeal.raisedByRole = role;
		appeal.open311Client = clientId;
		appeal.terms = text.terms(n.body());
		linkRepeat(appeal, now);
		var inserted = inserts.insert(appeal);
		if (inserted.isEmpty()) {
			// a double tap or a retry racing its first attempt: the first one's appeal is the answer to both
			long first = inserts.byClientKey(userId, clientId, n.clientKey()).orElseThrow();
			return appeals.findById(first).orElseThrow();
		}
		appeal = inserted.get();
		storePhotos(appeal.id, files, "INTAKE", 0);
		record(appeal, appeal.submitted(), actor, now);
		return appeal;
	}

	private Placement placeFor(Actor actor, NewAppeal n) {
		var scope = actor.scope();
		if (n.houseId() != null) {
			var house = registry.houseFacts(n.houseId()).orElseThrow(() -> DomainException.notFound("房屋"));
			boolean allowed = actor.role() == Role.RESIDENT ? scope.houseIds().contains(house.houseId())
					: actor.role() == Role.STAFF && scope.compoundIds().contains(house.compoundId());
			if (!allowed) {
				throw DomainException.notFound("房屋");
			}
			var compound = registry.compoundFacts(house.compoundId()).orElseThrow(() -> DomainException.notFound("小区"));
			return new Placement(compound.id(), compound.communityCode(), house.buildingId(), house.houseId(), compound.companyId());
		}
		if (!(actor.role() == Role.RESIDENT || actor.role() == Role.STAFF) || !scope.compoundIds().contains(n.compoundId())) {
			throw DomainException.notFound("小区");
		}
		var compound = registry.compoundFacts(n.compoundId()).orElseThrow(() -> DomainException.notFound("小区"));
		return new Placement(compound.id(), compound.communityCode(), null, null, compound.companyId());
	}

	/**
	 * 重复诉求: the same house (or the same compound's common parts) and category within 30 days;
	 * otherwise the most similar text in the compound within 30 days, if its cosine reaches the
	 * threshold. Linked to the first of the chain, so that a group has one original.
	 */
	void linkRepeat(Appeal a, Instant now) {
		var since = Timestamp.from(now.minus(REPEAT_WINDOW));
		var samePlace = jdbc.sql("""
				select coalesce(repeat_of, id) from appeal
				where compound_id = :c and category = :cat and created_at >= :since
				  and (house_id = :h or (cast(:h as bigint) is null and house_id is null))
				order by created_at desc limit 1""")
			.param("c", a.compoundId).param("cat", a.category).param("since", since).param("h", a.houseId)
			.query(Long.class).optional();
		if (samePlace.isPresent()) {
			a.repeatOf = samePlace.get();
			a.repeatReason = "SAME_PLACE";
			return;
		}
		record Candidate(long root, String terms) {
		}
		var candidates = jdbc.sql("""
				select coalesce(repeat_of, id), terms from appeal where compound_id = :c and created_at >= :since
				order by created_at desc limit 200""")
			.param("c", a.compoundId).param("since", since)
			.query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2))).list();
		double best = 0;
		Long bestRoot = null;
		for (var c : candidates) {
			double s = AppealText.similarity(a.terms, c.terms());
			if (s > best) {
				best = s;
				bestRoot = c.root();
			}
		}
		if (bestRoot != null && best >= AppealText.REPEAT_THRESHOLD) {
			a.repeatOf = bestRoot;
			a.repeatReason = "SIMILAR_TEXT";
			a.repeatSimilarity = (float) best;
		}
	}

	/** +1: a resident backs an open appeal of its compound instead of filing the same one again. */
	public void support(Actor actor, long appealId) {
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("只有居民可以附议");
		}
		// only appeals about common parts: backing one gives a view of it, and a flat's repair is its owner's business
		var a = appeals.findById(appealId).filter(x -> x.houseId == null && actor.scope().compoundIds().contains(x.compoundId))
			.orElseThrow(() -> DomainException.notFound("诉求"));
		if (!a.status.isOpen()) {
			throw DomainException.conflict("not-open", "该诉求已办结，不能再附议");
		}
		if (actor.userId() == (a.raisedBy == null ? -1 : a.raisedBy)) {
			throw DomainException.conflict("own-appeal", "这是您自己提交的诉求");
		}
		int added = jdbc.sql("insert into appeal_supporter (appeal_id, user_id, at) values (:a, :u, :at) on conflict do nothing")
			.param("a", appealId).param("u", actor.userId()).param("at", Timestamp.from(clock.instant())).update();
		if (added == 1) {
			// a counter beside the aggregate's state: it must not turn the handler's open page stale, nor two backers into a conflict
			var now = clock.instant();
			a.supporters = jdbc.sql("update appeal set supporters = supporters + 1 where id = :id returning supporters").param("id", appealId)
				.query(Integer.class).single();
			// the raiser sees its timeline in full; a backer's name is none of its business
			record(a, new Appeal.Step("SUPPORTED", a.status, a.status, a.level, "又有一位居民反映同一问题（+1）", null), null, "一位居民", now);
		}
	}

	// ---- the handler ----

	public void accept(Actor actor, long id, Integer version) {
		handle(actor, id, version, (a, now) -> a.accept(now));
	}

	public void start(Actor actor, long id, Integer version) {
		handle(actor, id, version, (a, now) -> a.start(now));
	}

	public void assign(Actor actor, long id, Integer version, long staffId) {
		handle(actor, id, version, (a, now) -> {
			if (a.handlerKind != HandlerKind.COMPANY) {
				throw DomainException.conflict("not-a-company", "只有物业企业承办的诉求可以指派人员");
			}
			var staff = registry.staffServing(a.handlerCompanyId, a.compoundId).stream().filter(s -> s.id() == staffId).findFirst()
				.orElseThrow(() -> DomainException.invalid("staffId", "只能指派本企业服务该小区的人员"));
			return a.assign(staffId, staff.name(), now);
		});
	}

	public void note(Actor actor, long id, String note) {
		String text = required(note, "note", "请填写备注");
		handle(actor, id, null, (a, now) -> {
			if (a.status == AppealStatus.CLOSED) {
				throw DomainException.conflict("illegal-transition", "诉求已办结，不能再添加备注");
			}
			a.updatedAt = now;
			return new Appeal.Step("NOTE", a.status, a.status, a.level, text, null);
		});
	}

	public void pause(Actor actor, long id, Integer version, String reason) {
		String why = required(reason, "reason", "请说明需要居民配合的事项（如入户时间）", 200);
		handle(actor, id, version, (a, now) -> a.pause(why, now));
	}

	public void resume(Actor actor, long id, Integer version) {
		handle(actor, id, version, (a, now) -> a.resume(now));
	}

	public void resolve(Actor actor, long id, Integer version, String result, List<MultipartFile> photos) {
		String text = required(result, "result", "请填写办理结果");
		var files = photos == null ? List.<MultipartFile>of() : photos.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (files.size() > MAX_PHOTOS) {
			throw DomainException.invalid("photos", "最多上传 " + MAX_PHOTOS + " 张照片");
		}
		handle(actor, id, version, (a, now) -> {
			var step = a.resolve(text, now);
			int seq = jdbc.sql("select coalesce(max(seq), 0) from appeal_photo where appeal_id = :a").param("a", a.id).query(Integer.class).single();
			storePhotos(a.id, files, "RESULT", seq);
			return step;
		});
	}

	public void rejectRoute(Actor actor, long id, Integer version, String reason) {
		String why = required(reason, "reason", "请说明不属于本单位处理的理由");
		handle(actor, id, version, (a, now) -> a.rejectRoute(why, now));
	}

	private void handle(Actor actor, long id, Integer version, Action action) {
		var a = visible(actor, id, version);
		if (!AppealPermissions.canHandle(actor, a)) {
			throw DomainException.forbidden("您不是该诉求的承办人");
		}
		apply(actor, a, action);
	}

	// ---- the community and the supervisors ----

	public void redispatch(Actor actor, long id, Integer version, Long companyId, String external, String note) {
		supervise(actor, id, version, (a, now) -> {
			checkTarget(actor, a, companyId, external, note);
			var step = a.redispatch(companyId, external, note, now);
			a.routedOutsideContract = outsideContract(a);
			return step;
		});
	}

	public void reassign(Actor actor, long id, Integer version, Long companyId, String external, String note) {
		superviseFromAbove(actor, id, version, (a, now) -> {
			checkTarget(actor, a, companyId, external, note);
			var step = a.reassign(companyId, external, note, now);
			a.routedOutsideContract = outsideContract(a);
			return step;
		});
	}

	/** Whether the company now handling holds no contract for the compound: then only the supervisor's choice keeps it there. */
	private boolean outsideContract(Appeal a) {
		return a.handlerKind == HandlerKind.COMPANY && !a.handlerCompanyId.equals(contractedCompany(a.compoundId));
	}

	/** The company serving the compound under a contract in force, as intake routes to it; null when the community serves it. */
	private Long contractedCompany(long compoundId) {
		return registry.compoundFacts(compoundId).map(RegistryApi.CompoundFacts::companyId).orElse(null);
	}

	public void order(Actor actor, long id, Integer version, String note) {
		String text = required(note, "note", "请填写督办要求");
		superviseFromAbove(actor, id, version, (a, now) -> a.order(text, now));
	}

	public void superviseNote(Actor actor, long id, String note) {
		String text = required(note, "note", "请填写督办意见");
		supervise(actor, id, null, (a, now) -> a.superviseNote(text, now));
	}

	public void confirmSolved(Actor actor, long id, Integer version, String note) {
		String text = required(note, "note", "请写明核实情况");
		superviseFromAbove(actor, id, version, (a, now) -> a.confirmSolved(text, now));
	}

	/**
	 * 督办令, 改派 and 核实办结 restart or end a clock, so a level below the one holding the appeal
	 * must not use them (a community could otherwise keep the street's clock from running out), nor
	 * may the acting handler supervise itself.
	 */
	private void superviseFromAbove(Actor actor, long id, Integer version, Action action) {
		supervise(actor, id, version, (a, now) -> {
			if (AppealPermissions.canHandle(actor, a)) {
				throw DomainException.forbidden("承办单位不能督办、改派或核实办结自己承办的诉求");
			}
			if (!AppealPermissions.atOrAbove(actor, a)) {
				throw DomainException.forbidden("该诉求已升级至" + a.level.label() + "督办，只有" + a.level.label() + "或其上级可以下达督办令、改派或核实办结");
			}
			return action.apply(a, now);
		});
	}

	private void supervise(Actor actor, long id, Integer version, Action action) {
		var a = visible(actor, id, version);
		if (!AppealPermissions.canSupervise(actor, a)) {
			throw DomainException.forbidden("只有社区、街道、区县和市住建局可以督办");
		}
		apply(actor, a, action);
	}

	/**
	 * An appeal carries a resident's house, phone and photos, so it may only go to a company that
	 * serves the neighbourhood (a contract in force in the appeal's street, or in the supervisor's
	 * region when that is larger) — a mistyped number must not hand it to a stranger.
	 */
	private void checkTarget(Actor actor, Appeal a, Long companyId, String external, String note) {
		limited(external, "external", 100);
		limited(note, "note", 1000);
		if (companyId != null) {
			String street = a.communityCode.substring(0, 9);
			String region = actor.scope().regionCode().length() < street.length() ? actor.scope().regionCode() : street;
			if (!registry.companyServesIn(companyId, region)) {
				throw DomainException.invalid("companyId", "只能派给在本街道（或本辖区）有在管项目的物业企业");
			}
		}
	}

	/** Companies an appeal may be sent to by this supervisor, for the page's choice. */
	@Transactional(readOnly = true)
	public java.util.Map<Long, String> dispatchTargets(Actor actor, long id) {
		var a = visible(actor, id, null);
		String street = a.communityCode.substring(0, 9);
		String region = actor.scope().regionCode() != null && actor.scope().regionCode().length() < street.length() ? actor.scope().regionCode()
				: street;
		return registry.companiesServingIn(region);
	}

	// ---- the resident ----

	public void rate(Actor actor, long id, Integer version, Rating rating, String reason) {
		if (rating == null) {
			throw DomainException.invalid("rating", "请选择满意、基本满意或不满意");
		}
		var a = visible(actor, id, version);
		// a patrol's own report is not a resident's verdict: counting it would let a company rate its own work
		if (actor.role() != Role.RESIDENT || a.raisedBy == null || a.raisedBy != actor.userId()) {
			throw DomainException.forbidden("只有提出诉求的居民可以评价");
		}
		limited(reason, "reason", 500);
		apply(actor, a, (x, now) -> {
			var step = x.rate(rating, reason, now);
			jdbc.sql("insert into appeal_rating (appeal_id, rating, reason, at) values (:a, :r, :why, :at)").param("a", x.id)
				.param("r", rating.name()).param("why", x.ratingReason).param("at", Timestamp.from(now)).update();
			return step;
		});
		if (rating == Rating.DISSATISFIED) {
			var reopened = appeals.findById(id).orElseThrow();
			if (reopened.dissatisfiedAgain()) {
				apply(null, reopened, (x, now) -> x.escalate("居民再次评价不满意", now));
			}
		}
	}

	// ---- the system ----

	/** RESOLVED and not rated within the window → CLOSED as UNRATED. */
	public int closeUnrated(Duration window) {
		var now = clock.instant();
		var due = jdbc.sql("select id from appeal where status = 'RESOLVED' and resolved_at < :t order by resolved_at limit 500 for update skip locked")
			.param("t", Timestamp.from(now.minus(window))).query(Long.class).list();
		for (long id : due) {
			apply(null, appeals.findById(id).orElseThrow(), (a, t) -> a.closeUnrated(t));
		}
		return due.size();
	}

	/**
	 * 合同到期移交: open appeals still with a company whose contract for the compound has ended (and
	 * that no supervisor sent there) go to whoever serves the compound now — the new company, or
	 * the community. Without this the company would lose sight of them and nobody would act until
	 * a clock ran out.
	 */
	public int handOverEndedContracts() {
		var due = jdbc.sql("select a.id from appeal a where a.handler_kind = 'COMPANY' and a.status in ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'REOPENED')"
				+ " and not " + AppealScope.CONTRACT_IN_FORCE + " and not " + AppealScope.ROUTED_BY_SUPERVISOR
				+ " order by a.id limit " + HANDOVER_BATCH + " for update of a skip locked")
			.param("today", AppealScope.today()).query(Long.class).list();
		var successors = new HashMap<Long, Optional<Long>>();
		for (long id : due) {
			var a = appeals.findById(id).orElseThrow();
			Long successor = successors.computeIfAbsent(a.compoundId, c -> Optional.ofNullable(contractedCompany(c))).orElse(null);
			apply(null, a, (x, now) -> x.handOverAtContractEnd(successor, now));
		}
		return due.size();
	}

	// ---- plumbing ----

	interface Action {
		Appeal.Step apply(Appeal appeal, Instant now);
	}

	private void apply(Actor actor, Appeal a, Action action) {
		var now = clock.instant();
		var step = action.apply(a, now);
		var saved = appeals.save(a);
		record(saved, step, actor, now);
	}

	/** The appeal if the caller's scope contains it, at the version the caller saw. */
	private Appeal visible(Actor actor, long id, Integer version) {
		var scope = AppealScope.of(actor);
		boolean inScope = jdbc.sql("select exists (select 1 from appeal a where a.id = :id and " + scope.sql() + ")")
			.params(scope.params()).param("id", id).query(Boolean.class).single();
		if (!inScope) {
			throw DomainException.notFound("诉求");
		}
		var a = appeals.findById(id).orElseThrow(() -> DomainException.notFound("诉求"));
		if (version != null && !version.equals(a.version)) {
			throw DomainException.staleVersion();
		}
		return a;
	}

	private void record(Appeal a, Appeal.Step step, Actor actor, Instant now) {
		record(a, step, actor, actor == null ? "系统" : actor.displayName(), now);
	}

	private void record(Appeal a, Appeal.Step step, Actor actor, String actorName, Instant now) {
		jdbc.sql("""
				insert into appeal_event (appeal_id, at, action, from_status, to_status, level, actor_user, actor_name, actor_role, note, due_at)
				values (:a, :at, :action, :from, :to, :level, :uid, :name, :role, :note, :due)""")
			.param("a", a.id).param("at", Timestamp.from(now)).param("action", step.action())
			.param("from", step.from() == null ? null : step.from().name()).param("to", step.to().name())
			.param("level", step.level().name()).param("uid", actor == null ? null : actor.userId())
			.param("name", actorName).param("role", actor == null ? null : actor.role().name())
			.param("note", step.note()).param("due", step.dueAt() == null ? null : Timestamp.from(step.dueAt())).update();
		events.publishEvent(AppealChanged.of(a, step));
	}

	private void storePhotos(long appealId, List<MultipartFile> files, String stage, int after) {
		int seq = after;
		for (var f : files) {
			String key = uploads.store(f, "photos", UploadStore.Type.JPEG, UploadStore.Type.PNG, UploadStore.Type.WEBP);
			jdbc.sql("insert into appeal_photo (appeal_id, seq, stage, storage_key) values (:a, :s, :st, :k)").param("a", appealId)
				.param("s", ++seq).param("st", stage).param("k", key).update();
		}
	}

	private static String required(String value, String field, String message) {
		return required(value, field, message, 2000);
	}

	private static String required(String value, String field, String message, int max) {
		if (value == null || value.isBlank()) {
			throw DomainException.invalid(field, message);
		}
		return limited(value, field, max).strip();
	}

	private static String limited(String value, String field, int max) {
		if (value != null && value.strip().length() > max) {
			throw DomainException.invalid(field, "内容不能超过 " + max + " 字");
		}
		return value;
	}

	/**
	 * For pages: whether the caller may act as handler / supervisor on an appeal it can see.
	 *
	 * @param direct may also order, reassign and confirm: the level holding the appeal or one above, and not its handler
	 */
	public record Abilities(boolean handle, boolean supervise, boolean direct, boolean rate, boolean support) {
	}

	@Transactional(readOnly = true)
	public Abilities abilities(Actor actor, long id) {
		var a = visible(actor, id, null);
		boolean handle = AppealPermissions.canHandle(actor, a);
		boolean supervise = AppealPermissions.canSupervise(actor, a);
		return new Abilities(handle, supervise, supervise && !handle && AppealPermissions.atOrAbove(actor, a),
				actor.role() == Role.RESIDENT && a.raisedBy != null && a.raisedBy == actor.userId() && a.status == AppealStatus.RESOLVED, false);
	}
}
