package cn.linli.governance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.governance.Ballot.Choice;
import cn.linli.identity.IdentityApi;
import cn.linli.registry.RegistryApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Hashes;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * 业主共同决定: a committee (or, without one, the community) drafts a motion; the community
 * publishes it, which freezes the roll; verified owners vote online, one effective ballot each,
 * changeable until the close, every ballot chained to the one before by its hash; at the close the
 * same {@link Tally} that recounts exported files counts it.
 */
@Service
@Transactional
public class OwnersDecisions {

	private final MotionRepository motions;
	private final RegistryApi registry;
	private final IdentityApi identity;
	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.JdbcTemplate template;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;

	OwnersDecisions(MotionRepository motions, RegistryApi registry, IdentityApi identity, JdbcClient jdbc,
			org.springframework.jdbc.core.JdbcTemplate template, JsonMapper json, ApplicationEventPublisher events) {
		this.template = template;
		this.motions = motions;
		this.registry = registry;
		this.identity = identity;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	// ---- who may see and act ----

	/** Supervising regions, the compound's committee and the owners on its roll see a motion; nobody else. */
	private Motion visible(Actor actor, long motionId) {
		var motion = motions.findById(motionId).orElseThrow(() -> DomainException.notFound("表决事项"));
		if (!canSee(actor, motion)) {
			throw DomainException.notFound("表决事项");
		}
		return motion;
	}

	private boolean canSee(Actor actor, Motion m) {
		Scope scope = actor.scope();
		return switch (actor.role()) {
			case CITY, DISTRICT, STREET, COMMUNITY -> scope.coversRegion(registry.communityOf(m.compoundId));
			case COMMITTEE -> scope.compoundIds().contains(m.compoundId);
			case RESIDENT -> m.status != MotionStatus.DRAFT && scope.compoundIds().contains(m.compoundId);
			default -> false;
		};
	}

	// ---- use cases ----

	public MotionView draft(Actor actor, long compoundId, MotionDraft draft) {
		String convenedBy;
		if (actor.role() == Role.COMMITTEE && actor.scope().compoundIds().contains(compoundId)) {
			convenedBy = "COMMITTEE";
		}
		else if (actor.role() == Role.COMMUNITY && actor.scope().coversRegion(registry.communityOf(compoundId))) {
			if (registry.hasCommitteeInTerm(compoundId)) {
				throw DomainException.forbidden("本小区有任期内的业委会，应由业委会发起表决");
			}
			convenedBy = "COMMUNITY";
		}
		else {
			throw DomainException.forbidden("只有本小区业委会或所在社区（筹备组/居委会）可以发起表决");
		}
		if (!draft.candidateIds().isEmpty()) {
			var owners = registry.ownersOfCompound(compoundId).stream().map(o -> String.valueOf(o.ownerId())).collect(java.util.stream.Collectors.toSet());
			for (String candidate : draft.candidateIds()) {
				if (!owners.contains(candidate)) {
					throw DomainException.invalid("candidateIds", "候选人须为本小区业主：「" + candidate + "」");
				}
			}
		}
		var rules = registry.assemblyRules(compoundId);
		if (draft.followMajority() && !rules.followMajority()) {
			throw DomainException.invalid("followMajority", "本小区议事规则未规定从众，不能采用");
		}
		if (draft.includeParking() && !rules.parkingInRoll()) {
			throw DomainException.invalid("includeParking", "本小区议事规则未将车位、摊位计入表决");
		}
		var motion = motions.save(Motion.draft(compoundId, draft, convenedBy));
		events.publishEvent(GovernanceChanged.of("drafted", motion.id, motion.title));
		return view(actor, motion);
	}

	/** The community reviews and publishes: the roll is frozen from the registry as it stands now. */
	public MotionView publish(Actor actor, long motionId) {
		var motion = visible(actor, motionId);
		if (actor.role() != Role.COMMUNITY) {
			throw DomainException.forbidden("由社区审核并发布表决事项");
		}
		jdbc.sql("select id from motion where id = :id for update").param("id", motionId).query(Long.class).single();
		var buildings = motion.buildingIds == null ? null : new HashSet<>(Arrays.asList(motion.buildingIds));
		var houses = registry.housesForRoll(motion.compoundId).stream()
			.filter(h -> buildings == null || buildings.contains(h.buildingId())).toList();
		if (houses.isEmpty()) {
			throw DomainException.invalid("buildingIds", "表决范围内没有登记的房屋");
		}
		jdbc.sql("delete from roll_entry where motion_id = :m").param("m", motionId).update();
		var batch = new ArrayList<Object[]>();
		for (var h : houses) {
			batch.add(new Object[] { motionId, h.houseId(), h.kind(), h.areaCenti(),
					String.join("|", h.ownerIds().stream().map(String::valueOf).toList()), h.developerHeld() });
		}
		template.batchUpdate("insert into roll_entry (motion_id, house_id, kind, area_centi, owner_ids, developer_held) values (?, ?, ?, ?, ?, ?)",
				batch);
		var roll = Roll.freeze(houses.stream().map(h -> new RollHouse(String.valueOf(h.houseId()), RollHouse.Kind.valueOf(h.kind()),
				h.areaCenti(), h.ownerIds().stream().map(String::valueOf).toList(), h.developerHeld())).toList(), motion.includeParking);
		for (String candidate : motion.candidates()) {
			if (!roll.isOwner(candidate) || Roll.DEVELOPER.equals(candidate)) {
				throw DomainException.invalid("candidateIds", "候选人 " + candidate + " 不是本次表决名册中的业主");
			}
		}
		motion.publish(roll.totalArea(), roll.totalHead(), Hashes.sha256("motion:" + motionId), Instant.now());
		motions.save(motion);
		events.publishEvent(GovernanceChanged.of("published", motionId, "roll " + roll.totalHead() + " voters, " + roll.totalArea() + " centi-m²"));
		return view(actor, motion);
	}

	/**
	 * A published motion's roll never changes, and every ballot needs it: it is read from the
	 * database once per motion. Only committed rolls get here (publishing builds its own).
	 */
	Roll roll(long motionId, boolean includeParking) {
		if (rolls.size() > MAX_CACHED_ROLLS) {
			rolls.clear();
		}
		return rolls.computeIfAbsent(motionId + (includeParking ? ":p" : ""), key -> loadRoll(motionId, includeParking));
	}

	private static final int MAX_CACHED_ROLLS = 200;

	private final java.util.concurrent.ConcurrentHashMap<String, Roll> rolls = new java.util.concurrent.ConcurrentHashMap<>();

	private Roll loadRoll(long motionId, boolean includeParking) {
		var houses = jdbc.sql("select * from roll_entry where motion_id = :m order by house_id").param("m", motionId)
			.query((rs, n) -> new RollHouse(String.valueOf(rs.getLong("house_id")), RollHouse.Kind.valueOf(rs.getString("kind")),
					rs.getLong("area_centi"), rs.getString("owner_ids").isEmpty() ? List.of() : List.of(rs.getString("owner_ids").split("\\|")),
					rs.getBoolean("developer_held")))
			.list();
		return Roll.freeze(houses, includeParking);
	}

	public record Receipt(long ballotId, String hash, Instant castAt) {
	}

	/** An owner votes online; a later vote replaces the earlier one until the close (both are kept). */
	public Receipt vote(Actor actor, long motionId, Choice choice, List<String> candidates) {
		visible(actor, motionId);
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.forbidden("只有已认证的业主可以投票");
		}
		var motion = lockOpen(motionId);
		var roll = roll(motionId, motion.includeParking);
		var owners = identity.ownerIdsOf(actor.userId());
		var voter = owners.stream().sorted().map(String::valueOf).map(roll::voterOf).flatMap(Optional::stream).findFirst()
			.orElseThrow(() -> DomainException.forbidden("您不在本次表决名册中（仅认证业主可投票，租户不可）"));
		String castBy = owners.stream().map(String::valueOf).filter(o -> voter.ownerIds().contains(o)).sorted().findFirst().orElseThrow();
		var previous = jdbc.sql("select channel from ballot where motion_id = :m and voter_id = :v and effective")
			.param("m", motionId).param("v", voter.id()).query(String.class).optional();
		if (previous.isPresent() && previous.get().equals("PAPER")) {
			throw DomainException.conflict("paper-ballot", "已录入纸质表决票，不能再在线投票");
		}
		return cast(motion, roll, voter.id(), castBy, "ONLINE", choice, candidates, false, null);
	}

	/**
	 * The committee (or the convening community) enters a paper ballot with its scanned sheet; a
	 * proxy's or guardian's ballot also needs the uploaded authorisation. Refused when the voter has
	 * already voted in any channel.
	 */
	public Receipt enterPaperBallot(Actor actor, long motionId, String ownerId, Choice choice, List<String> candidates,
			String sheetKey, boolean proxy, String authorisationKey) {
		var seen = visible(actor, motionId);
		boolean committee = actor.role() == Role.COMMITTEE;
		boolean convener = actor.role() == Role.COMMUNITY && "COMMUNITY".equals(seen.convenedBy);
		if (!(committee || convener)) {
			throw DomainException.forbidden("纸质表决票由业委会（或召集的社区）录入");
		}
		if (sheetKey == null) {
			throw DomainException.invalid("sheet", "须上传纸质表决票扫描件");
		}
		if (proxy && authorisationKey == null) {
			throw DomainException.invalid("authorisation", "代理或监护投票须上传授权委托书");
		}
		var motion = lockOpen(motionId);
		var roll = roll(motionId, motion.includeParking);
		var voter = roll.voterOf(ownerId == null ? "" : ownerId.trim())
			.orElseThrow(() -> DomainException.invalid("ownerId", "该业主不在本次表决名册中"));
		boolean voted = jdbc.sql("select exists (select 1 from ballot where motion_id = :m and voter_id = :v and effective)")
			.param("m", motionId).param("v", voter.id()).query(Boolean.class).single();
		if (voted) {
			throw DomainException.conflict("already-voted", "该业主已投票（在线或纸质），不能重复录入");
		}
		String attachment = proxy ? sheetKey + "|" + authorisationKey : sheetKey;
		return cast(motion, roll, voter.id(), ownerId.trim(), "PAPER", choice, candidates, proxy, attachment);
	}

	/** Ballots of one motion are chained, so they are written one at a time under the motion's row lock. */
	private Motion lockOpen(long motionId) {
		jdbc.sql("select id from motion where id = :id for update").param("id", motionId).query(Long.class).single();
		var motion = motions.findById(motionId).orElseThrow();
		if (!motion.openAt(Instant.now())) {
			throw DomainException.conflict("voting-closed", "不在投票时间内");
		}
		return motion;
	}

	private Receipt cast(Motion motion, Roll roll, String voterId, String castBy, String channel, Choice choice,
			List<String> candidates, boolean proxy, String attachment) {
		long motionId = motion.id;
		boolean election = motion.matter() == Matter.ELECT_COMMITTEE;
		String candidateList = null;
		if (election) {
			var chosen = new java.util.LinkedHashSet<String>(candidates == null ? List.of()
					: candidates.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).toList());
			if (chosen.size() > motion.seats) {
				throw DomainException.invalid("candidates", "最多选择 " + motion.seats + " 名候选人");
			}
			for (String c : chosen) {
				if (!motion.candidates().contains(c)) {
					throw DomainException.invalid("candidates", "只能在提名的候选人中选择");
				}
			}
			candidateList = String.join("|", chosen);
		}
		else if (choice == null) {
			throw DomainException.invalid("choice", "请选择同意、反对或弃权");
		}
		jdbc.sql("update ballot set effective = false where motion_id = :m and voter_id = :v and effective").param("m", motionId)
			.param("v", voterId).update();
		Instant castAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String choiceText = election ? null : choice.name();
		String hash = Hashes.sha256(BallotRecord.canonical(motion.lastHash, motionId, voterId, castBy, channel, choiceText, candidateList, proxy, castAt));
		long id = jdbc.sql("""
				insert into ballot (motion_id, voter_id, cast_by_owner, channel, choice, candidates, proxy, attachment, cast_at, previous_hash, hash)
				values (:m, :v, :o, :ch, :c, :k, :proxy, :a, :t, :p, :h) returning id""")
			.param("m", motionId).param("v", voterId).param("o", castBy).param("ch", channel).param("c", choiceText)
			.param("k", candidateList).param("proxy", proxy).param("a", attachment).param("t", java.sql.Timestamp.from(castAt))
			.param("p", motion.lastHash).param("h", hash).query(Long.class).single();
		jdbc.sql("update motion set last_hash = :h, version = version + 1 where id = :m").param("h", hash).param("m", motionId).update();
		events.publishEvent(GovernanceChanged.of("ballot-cast", motionId, channel + (proxy ? " proxy" : "") + " ballot " + id + " receipt " + hash.substring(0, 12)));
		return new Receipt(id, hash, castAt);
	}

	public record Attachment(long id, String title, String fileKey) {
	}

	/** The convener attaches documents while the motion is a draft; after publication the notice is fixed. */
	public Attachment attach(Actor actor, long motionId, String title, String fileKey) {
		var motion = visible(actor, motionId);
		requireConvener(actor, motion);
		if (motion.status != MotionStatus.DRAFT) {
			throw DomainException.conflict("motion-state", "发布后不能再添加附件");
		}
		if (title == null || title.isBlank() || title.length() > 200) {
			throw DomainException.invalid("title", "附件名称必填，且不超过200字");
		}
		long id = jdbc.sql("insert into motion_attachment (motion_id, file_key, title) values (:m, :k, :t) returning id").param("m", motionId)
			.param("k", fileKey).param("t", title.trim()).query(Long.class).single();
		events.publishEvent(GovernanceChanged.of("attached", motionId, title.trim()));
		return new Attachment(id, title.trim(), fileKey);
	}

	@Transactional(readOnly = true)
	public List<Attachment> attachments(Actor actor, long motionId) {
		visible(actor, motionId);
		return jdbc.sql("select id, title, file_key from motion_attachment where motion_id = :m order by id").param("m", motionId)
			.query((rs, n) -> new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	private void requireConvener(Actor actor, Motion motion) {
		boolean convener = (actor.role() == Role.COMMITTEE && "COMMITTEE".equals(motion.convenedBy)
				&& actor.scope().compoundIds().contains(motion.compoundId))
				|| (actor.role() == Role.COMMUNITY && actor.scope().coversRegion(registry.communityOf(motion.compoundId)));
		if (!convener) {
			throw DomainException.forbidden("由召集人操作");
		}
	}

	/** The convener records that owners were served with the notice (送达), which 从众 needs. */
	public int recordServed(Actor actor, long motionId, List<String> ownerIds) {
		var motion = visible(actor, motionId);
		requireConvener(actor, motion);
		if (motion.status != MotionStatus.PUBLISHED) {
			throw DomainException.conflict("motion-state", "只能在发布后、计票前记录送达");
		}
		var roll = roll(motionId, motion.includeParking);
		int recorded = 0;
		for (String ownerId : ownerIds) {
			var voter = roll.voterOf(ownerId.trim()).orElseThrow(() -> DomainException.invalid("ownerIds", "业主「" + ownerId + "」不在表决名册中"));
			recorded += jdbc.sql("insert into motion_notice_served (motion_id, voter_id) values (:m, :v) on conflict do nothing")
				.param("m", motionId).param("v", voter.id()).update();
		}
		events.publishEvent(GovernanceChanged.of("served", motionId, recorded + " voters served"));
		return recorded;
	}

	/** Counts every motion whose closing time has passed; safe to run on several instances at once. */
	public int closeDue() {
		var due = jdbc.sql("select id from motion where status = 'PUBLISHED' and closes_at <= now() for update skip locked")
			.query(Long.class).list();
		for (long id : due) {
			count(id);
		}
		return due.size();
	}

	private void count(long motionId) {
		var motion = motions.findById(motionId).orElseThrow();
		var outcome = tally(motion);
		motion.count(json.writeValueAsString(outcome), Instant.now());
		motions.save(motion);
		events.publishEvent(GovernanceChanged.of("counted", motionId, String.valueOf(outcome.result())));
	}

	private Tally.Outcome tally(Motion motion) {
		var roll = roll(motion.id, motion.includeParking);
		var ballots = effectiveBallots(motion.id);
		if (motion.matter() == Matter.ELECT_COMMITTEE) {
			return Tally.election(roll, ballots, motion.seats);
		}
		var served = new HashSet<>(jdbc.sql("select voter_id from motion_notice_served where motion_id = :m").param("m", motion.id)
			.query(String.class).list());
		served.removeAll(ballots.keySet());
		return Tally.motion(motion.matter(), roll, ballots, served, motion.followMajority);
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

	// ---- reading ----

	@Transactional(readOnly = true)
	public MotionView get(Actor actor, long motionId) {
		return view(actor, visible(actor, motionId));
	}

	@Transactional(readOnly = true)
	public List<MotionView> forCompound(Actor actor, long compoundId) {
		return jdbc.sql("select id from motion where compound_id = :c order by id desc").param("c", compoundId).query(Long.class).list()
			.stream().map(id -> motions.findById(id).orElseThrow()).filter(m -> canSee(actor, m)).map(m -> view(actor, m)).toList();
	}

	/** Who voted (not how), for the published participation list: each voter by its houses. */
	@Transactional(readOnly = true)
	public List<String> participation(Actor actor, long motionId) {
		var motion = visible(actor, motionId);
		if (motion.status != MotionStatus.CLOSED) {
			throw DomainException.conflict("not-closed", "表决截止后公布参与名单");
		}
		var roll = roll(motionId, motion.includeParking);
		var voters = jdbc.sql("select voter_id from ballot where motion_id = :m and effective").param("m", motionId).query(String.class)
			.list().stream().map(v -> roll.voterOf(v).orElseThrow()).toList();
		var labels = registry.houseLabels(voters.stream().flatMap(v -> v.houseIds().stream()).map(Long::valueOf).toList());
		return voters.stream()
			.map(v -> Roll.DEVELOPER.equals(v.id()) ? "开发建设单位"
					: String.join("、", v.houseIds().stream().map(h -> labels.getOrDefault(Long.valueOf(h), h)).sorted().toList()))
			.sorted().toList();
	}

	/** Recomputes the chain; returns the id of the first ballot whose hash or link does not hold. */
	@Transactional(readOnly = true)
	public Optional<Long> firstBrokenBallot(Actor actor, long motionId) {
		visible(actor, motionId);
		var broken = new ArrayList<Long>();
		var previous = new String[] { Hashes.sha256("motion:" + motionId) };
		jdbc.sql("select * from ballot where motion_id = :m order by id").param("m", motionId).query((rs, n) -> {
			String expected = Hashes.sha256(BallotRecord.canonical(previous[0], motionId, rs.getString("voter_id"), rs.getString("cast_by_owner"),
					rs.getString("channel"), rs.getString("choice"), rs.getString("candidates"), rs.getBoolean("proxy"),
					rs.getTimestamp("cast_at").toInstant()));
			if (!rs.getString("previous_hash").equals(previous[0]) || !rs.getString("hash").equals(expected)) {
				broken.add(rs.getLong("id"));
			}
			previous[0] = rs.getString("hash");
			return null;
		}).list();
		return broken.stream().findFirst();
	}

	/** 选票公示板: every ballot's receipt in order, effective or replaced, without voter or choice. */
	public record BoardEntry(long ballotId, String hash, String previousHash, Instant castAt, boolean effective) {
	}

	@Transactional(readOnly = true)
	public List<BoardEntry> board(Actor actor, long motionId) {
		visible(actor, motionId);
		return jdbc.sql("select id, hash, previous_hash, cast_at, effective from ballot where motion_id = :m order by id").param("m", motionId)
			.query((rs, n) -> new BoardEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Receipt> myReceipt(Actor actor, long motionId) {
		visible(actor, motionId);
		var owners = identity.ownerIdsOf(actor.userId()).stream().map(String::valueOf).toList();
		if (owners.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("select id, hash, cast_at from ballot where motion_id = :m and effective and cast_by_owner in (:o) order by id desc limit 1")
			.param("m", motionId).param("o", owners)
			.query((rs, n) -> new Receipt(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional();
	}

	private MotionView view(Actor actor, Motion m) {
		Tally.Outcome outcome = null;
		if (m.result != null) {
			outcome = json.readValue(m.result, Tally.Outcome.class);
		}
		long ballots = jdbc.sql("select count(*) from ballot where motion_id = :m and effective").param("m", m.id).query(Long.class).single();
		var names = registry.ownerNames(m.candidates().stream().map(Long::valueOf).toList());
		var candidates = m.candidates().stream().map(c -> new MotionView.Candidate(c, names.getOrDefault(Long.valueOf(c), c))).toList();
		return new MotionView(m.id, m.compoundId, m.matter, m.matter().label(), m.title, m.body, m.seats, m.opensAt, m.closesAt,
				m.convenedBy, m.status, m.rollArea, m.rollHead, m.publishedAt, outcome, m.objectionsUntil, ballots,
				m.openAt(Instant.now()), m.version, candidates);
	}
}
