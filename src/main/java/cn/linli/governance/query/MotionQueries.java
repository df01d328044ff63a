package cn.linli.governance.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.governance.convening.ConveningAMotion.Attachment;
import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.BallotRecord;
import cn.linli.governance.domain.Motion;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.MotionRepository;
import cn.linli.governance.domain.MotionStatus;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Rolls;
import cn.linli.governance.domain.Tally;
import cn.linli.governance.domain.Thresholds;
import cn.linli.identity.IdentityApi;
import cn.linli.registry.OwnerRolls;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Hashes;
import cn.linli.shared.security.Actor;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Reading motions: the notice and its numbers, my ballots, the roll for those who run the vote, the board and the chain. */
@Service
@Transactional(readOnly = true)
public class MotionQueries {

	private final MotionRepository motions;
	private final MotionAccess access;
	private final Rolls rolls;
	private final OwnerRolls ownerRolls;
	private final IdentityApi identity;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final RegistryDirectory directory;

	MotionQueries(MotionRepository motions, MotionAccess access, Rolls rolls, OwnerRolls ownerRolls, IdentityApi identity, JdbcClient jdbc,
			JsonMapper json, Clock clock, RegistryDirectory directory) {
		this.directory = directory;
		this.motions = motions;
		this.access = access;
		this.rolls = rolls;
		this.ownerRolls = ownerRolls;
		this.identity = identity;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	public MotionView get(Actor actor, long motionId) {
		return view(actor, access.visible(actor, motionId), clock.instant());
	}

	public List<MotionView> forCompound(Actor actor, long compoundId) {
		Instant now = clock.instant();
		return visible(actor, compoundId).stream().map(m -> view(actor, m, now)).toList();
	}

	/** One page of them: only the motions on the page get their view (names, counts) built. */
	public PageResponse<MotionView> forCompound(Actor actor, long compoundId, PageRequest page) {
		Instant now = clock.instant();
		return PageResponse.slice(visible(actor, compoundId), page).map(m -> view(actor, m, now));
	}

	private List<Motion> visible(Actor actor, long compoundId) {
		return jdbc.sql("select id from motion where compound_id = :c order by id desc").param("c", compoundId).query(Long.class).list()
			.stream().map(id -> motions.findById(id).orElseThrow()).filter(m -> access.canSee(actor, m)).toList();
	}

	/** Whether the caller convened this motion, and whether it runs the vote (paper ballots, service). */
	public record Roles(boolean convener, boolean ballotKeeper) {
	}

	public Roles roles(Actor actor, long motionId) {
		var motion = access.visible(actor, motionId);
		return new Roles(access.isConvener(actor, motion), access.isBallotKeeper(actor, motion));
	}

	/** The voters the caller (an owner) may vote for, with each one's ballots. */
	public List<MyVoter> myVoters(Actor actor, long motionId) {
		var motion = access.visible(actor, motionId);
		if (motion.status().isDraft()) {
			return List.of();
		}
		var owners = identity.ownerIdsOf(actor.userId()).stream().map(String::valueOf).toList();
		if (owners.isEmpty()) {
			return List.of();
		}
		var voters = rolls.of(motion).votableBy(owners);
		var labels = houseLabels(actor, voters);
		var names = candidateNames(actor, motion);
		return voters.stream().map(v -> new MyVoter(v.id(), label(v, labels), v.areaCenti(), ballotsOf(motion.id(), v.id(), names))).toList();
	}

	private List<MyVoter.Cast> ballotsOf(long motionId, String voterId, Map<String, String> names) {
		return jdbc.sql("select id, cast_at, channel, proxy, choice, candidates, effective, hash from ballot where motion_id = :m and voter_id = :v order by id desc")
			.param("m", motionId).param("v", voterId)
			.query((rs, n) -> {
				var candidates = rs.getString(6) == null || rs.getString(6).isEmpty() ? List.<String>of() : List.of(rs.getString(6).split("\\|"));
				String marks = rs.getString(5) != null ? Choice.valueOf(rs.getString(5)).label()
						: candidates.isEmpty() ? "空白票" : String.join("、", candidates.stream().map(c -> names.getOrDefault(c, c)).toList());
				return new MyVoter.Cast(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getBoolean(4), rs.getString(5), candidates,
						marks, rs.getBoolean(7), rs.getString(8));
			})
			.list();
	}

	/** A voter of the roll as the committee sees it when entering paper ballots or service: its houses and owners' names. */
	public record RollVoter(String voterId, String label, long areaCenti, boolean served) {
	}

	public List<RollVoter> rollVoters(Actor actor, long motionId) {
		var motion = access.visible(actor, motionId);
		access.requireBallotKeeper(actor, motion);
		if (motion.status().isDraft()) {
			return List.of();
		}
		var voters = rolls.of(motion).voters().stream().filter(Roll.Voter::canVote).toList();
		var labels = houseLabels(actor, voters);
		var names = ownerRolls.ownerNames(actor.scope(), voters.stream().flatMap(v -> v.ownerIds().stream()).map(Long::valueOf).distinct().toList());
		var served = new java.util.HashSet<>(jdbc.sql("select voter_id from motion_notice_served where motion_id = :m").param("m", motionId)
			.query(String.class).list());
		return voters.stream().map(v -> new RollVoter(v.id(), label(v, labels) + (v.isDeveloper() ? ""
				: "（" + String.join("、", v.ownerIds().stream().map(o -> names.getOrDefault(Long.valueOf(o), o)).toList()) + "）"),
				v.areaCenti(), served.contains(v.id()))).toList();
	}

	/** A paper ballot as the committee that entered it sees it (never how an owner voted online). */
	public record PaperEntry(long ballotId, String voter, Instant castAt, boolean proxy, boolean effective, int files) {
	}

	public List<PaperEntry> paperBallots(Actor actor, long motionId) {
		var motion = access.visible(actor, motionId);
		access.requireBallotKeeper(actor, motion);
		if (motion.status().isDraft()) {
			return List.of();
		}
		var roll = rolls.of(motion);
		record Row(long id, Roll.Voter voter, Instant castAt, boolean proxy, boolean effective, int files) {
		}
		var rows = jdbc.sql("select id, voter_id, cast_at, proxy, effective, attachment from ballot where motion_id = :m and channel = 'PAPER' order by id desc")
			.param("m", motionId)
			.query((rs, n) -> new Row(rs.getLong(1), roll.voter(rs.getString(2)).orElseThrow(), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
					rs.getBoolean(5), rs.getString(6).split("\\|").length))
			.list();
		var labels = houseLabels(actor, rows.stream().map(Row::voter).toList());
		return rows.stream().map(r -> new PaperEntry(r.id(), label(r.voter(), labels), r.castAt(), r.proxy(), r.effective(), r.files())).toList();
	}

	/** The n-th file (0 the sheet, 1 the authorisation) of a paper ballot, for those who run the vote. */
	public String paperFile(Actor actor, long motionId, long ballotId, int n) {
		access.requireBallotKeeper(actor, access.visible(actor, motionId));
		var files = jdbc.sql("select attachment from ballot where id = :b and motion_id = :m and channel = 'PAPER'").param("b", ballotId)
			.param("m", motionId).query(String.class).optional().map(a -> a.split("\\|")).orElseThrow(() -> DomainException.notFound("纸质表决票"));
		if (n < 0 || n >= files.length) {
			throw DomainException.notFound("文件");
		}
		return files[n];
	}

	public List<Attachment> attachments(Actor actor, long motionId) {
		access.visible(actor, motionId);
		return jdbc.sql("select id, title, file_key from motion_attachment where motion_id = :m order by id").param("m", motionId)
			.query((rs, n) -> new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	/** Who voted (not how), for the published participation list: each voter by its houses. */
	public List<String> participation(Actor actor, long motionId) {
		var motion = access.visible(actor, motionId);
		if (motion.status() != MotionStatus.CLOSED) {
			throw DomainException.conflict("not-closed", "表决截止后公布参与名单");
		}
		var roll = rolls.of(motion);
		var voters = jdbc.sql("select voter_id from ballot where motion_id = :m and effective").param("m", motionId).query(String.class)
			.list().stream().map(v -> roll.voter(v).orElseThrow()).toList();
		var labels = houseLabels(actor, voters);
		return voters.stream().map(v -> label(v, labels)).sorted().toList();
	}

	/** Recomputes the chain; returns the id of the first ballot whose hash or link does not hold. */
	public Optional<Long> firstBrokenBallot(Actor actor, long motionId) {
		access.visible(actor, motionId);
		var broken = new ArrayList<Long>();
		var previous = new String[] { BallotRecord.genesis(motionId) };
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

	public List<BoardEntry> board(Actor actor, long motionId) {
		access.visible(actor, motionId);
		return jdbc.sql("select id, hash, previous_hash, cast_at, effective from ballot where motion_id = :m order by id").param("m", motionId)
			.query((rs, n) -> new BoardEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
			.list();
	}

	private Map<Long, String> houseLabels(Actor actor, List<Roll.Voter> voters) {
		return directory.houseLabels(actor.scope(), voters.stream().filter(v -> !v.isDeveloper()).flatMap(v -> v.houseIds().stream()).map(Long::valueOf).toList());
	}

	private static String label(Roll.Voter v, Map<Long, String> labels) {
		if (v.isDeveloper()) {
			return "开发建设单位（" + v.houseIds().size() + " 套未售或未交付）";
		}
		return String.join("、", v.houseIds().stream().map(h -> labels.getOrDefault(Long.valueOf(h), h)).sorted().toList());
	}

	private Map<String, String> candidateNames(Actor actor, Motion m) {
		var names = new HashMap<String, String>();
		ownerRolls.ownerNames(actor.scope(), m.candidates().stream().map(Long::valueOf).toList()).forEach((id, name) -> names.put(String.valueOf(id), name));
		return names;
	}

	private MotionView view(Actor actor, Motion m, Instant now) {
		Tally.Outcome outcome = m.result() == null ? null : json.readValue(m.result(), Tally.Outcome.class);
		long ballots = jdbc.sql("select count(*) from ballot where motion_id = :m and effective").param("m", m.id()).query(Long.class).single();
		var names = candidateNames(actor, m);
		var candidates = m.candidates().stream().map(c -> new MotionView.Candidate(c, names.getOrDefault(c, c))).toList();
		String scope = "全体业主";
		if (!m.buildingIds().isEmpty()) {
			var buildings = directory.buildingNames(m.buildingIds());
			scope = String.join("、", m.buildingIds().stream().map(b -> buildings.getOrDefault(b, "#" + b)).toList()) + "的业主";
		}
		if (!m.houseIds().isEmpty()) {
			scope = "维修资金使用项目受益的 " + m.houseIds().size() + " 户业主";
		}
		var thresholds = m.rollHead() == null ? null : Thresholds.of(m.matter(), m.rollArea(), m.rollHead());
		boolean open = m.isOpenAt(now);
		return new MotionView(m.id(), m.compoundId(), m.matter().number(), m.matter().label(), m.title(), m.body(), m.seats(), m.buildingIds(),
				scope, m.opensAt(), m.closesAt(), m.convenedBy(), m.status(), statusLabel(m, now), m.returnReason(), m.returnedAt(),
				m.includeParking(), m.followMajority(), m.rollArea(), m.rollHead(), thresholds, m.publishedAt(), outcome, m.objectionsUntil(),
				m.isFinalAt(now), ballots, open, m.version(), candidates);
	}

	private static String statusLabel(Motion m, Instant now) {
		return switch (m.status()) {
			case DRAFT -> "待社区审核发布";
			case RETURNED -> "已退回召集人修改";
			case PUBLISHED -> m.isOpenAt(now) ? "投票中" : now.isBefore(m.opensAt()) ? "已公告，未开始" : "已截止，待计票";
			case CLOSED -> m.isFinalAt(now) ? "结果已生效" : "已计票，异议期内";
		};
	}
}
