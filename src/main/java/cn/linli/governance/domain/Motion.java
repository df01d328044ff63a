package cn.linli.governance.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/** 表决事项: owns its life cycle; the roll and the ballots hang off it. Every transition takes the clock's instant. */
@Table("motion")
public class Motion {

	public static final Duration OBJECTION_PERIOD = Duration.ofDays(7);

	@Id
	private Long id;
	private long compoundId;
	private int matter;
	private String title;
	private String body;
	private Integer seats;
	private Long[] buildingIds;
	private Long[] houseIds;
	private Instant opensAt;
	private Instant closesAt;
	private String convenedBy;
	private MotionStatus status;
	private boolean includeParking;
	private boolean followMajority;
	private Long rollArea;
	private Long rollHead;
	private Instant publishedAt;
	private String result;
	private Instant countedAt;
	private Instant objectionsUntil;
	private String lastHash;
	private String candidateIds;
	private String returnReason;
	private Instant returnedAt;
	@Version
	private Integer version;

	/** A draft without problems ({@link MotionDraft#problems()}), convened by {@code COMMITTEE} or {@code COMMUNITY}. */
	public static Motion draft(long compoundId, MotionDraft d, String convenedBy) {
		var m = new Motion();
		m.compoundId = compoundId;
		m.convenedBy = convenedBy;
		m.status = MotionStatus.DRAFT;
		m.take(d);
		return m;
	}

	private void take(MotionDraft d) {
		matter = d.kind().number();
		title = d.title();
		body = d.body();
		seats = d.seats();
		buildingIds = d.buildingIds().isEmpty() ? null : d.buildingIds().toArray(Long[]::new);
		opensAt = d.opensAt();
		closesAt = d.closesAt();
		includeParking = d.includeParking();
		followMajority = d.followMajority();
		var candidates = d.candidates();
		candidateIds = candidates.isEmpty() ? null : String.join("|", candidates);
	}

	/**
	 * The convener changes its draft, as read at {@code readVersion}; a returned draft goes back to
	 * the community for review. Answers whether it was resubmitted.
	 */
	public boolean revise(MotionDraft d, Integer readVersion) {
		if (!status.isDraft()) {
			throw DomainException.conflict("motion-state", "发布后不能再修改表决事项");
		}
		if (readVersion != null && !readVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		take(d);
		if (status == MotionStatus.RETURNED) {
			move(MotionStatus.DRAFT);
			return true;
		}
		return false;
	}

	/** The community sends a draft back to its convener with the reason, instead of publishing it. */
	public void returnToConvener(String reason, Instant now) {
		if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
			throw DomainException.invalid("reason", "请填写退回理由（不超过500字）");
		}
		if (status == MotionStatus.RETURNED) {
			throw DomainException.conflict("motion-state", "已退回召集人，待其修改后重新提交");
		}
		move(MotionStatus.RETURNED);
		returnReason = reason.strip();
		returnedAt = now;
	}

	public void publish(long area, long head, Instant now) {
		if (status == MotionStatus.RETURNED) {
			throw DomainException.conflict("motion-state", "已退回召集人修改，重新提交后才能发布");
		}
		move(MotionStatus.PUBLISHED);
		if (!closesAt.isAfter(now)) {
			throw DomainException.invalid("closesAt", "截止时间已过，不能发布");
		}
		rollArea = area;
		rollHead = head;
		publishedAt = now;
		lastHash = BallotRecord.genesis(id);
	}

	public boolean isOpenAt(Instant now) {
		return status == MotionStatus.PUBLISHED && !now.isBefore(opensAt) && now.isBefore(closesAt);
	}

	/** After the objection period (异议期) the result is final. */
	public boolean isFinalAt(Instant now) {
		return objectionsUntil != null && now.isAfter(objectionsUntil);
	}

	public void count(String resultJson, Instant now) {
		if (now.isBefore(closesAt)) {
			throw DomainException.conflict("not-closed", "表决尚未截止");
		}
		move(MotionStatus.CLOSED);
		result = resultJson;
		countedAt = now;
		objectionsUntil = now.plus(OBJECTION_PERIOD);
	}

	/** The ballot just chained onto this motion: the next ballot links to it. */
	public void chained(String hash) {
		lastHash = hash;
	}

	private void move(MotionStatus next) {
		if (!status.canTransitionTo(next)) {
			throw DomainException.conflict("motion-state", "表决事项当前状态不允许此操作");
		}
		status = next;
	}

	public Long id() {
		return id;
	}

	public long compoundId() {
		return compoundId;
	}

	public Matter matter() {
		return Matter.of(matter);
	}

	public String title() {
		return title;
	}

	public String body() {
		return body;
	}

	public Integer seats() {
		return seats;
	}

	/** The buildings voting; empty for the whole compound. */
	/** The houses the roll is limited to (a fund project's benefiting houses); empty: the buildings' or the compound's. */
	public List<Long> houseIds() {
		return houseIds == null ? List.of() : List.of(houseIds);
	}

	/** Limits a draft's roll to these houses; only a fund project's motion, drafted from it, is so limited. */
	public void limitToHouses(List<Long> houses) {
		if (!status.isDraft()) {
			throw DomainException.conflict("motion-state", "发布后不能再修改表决范围");
		}
		houseIds = houses.isEmpty() ? null : houses.stream().distinct().sorted().toArray(Long[]::new);
	}

	public List<Long> buildingIds() {
		return buildingIds == null ? List.of() : List.of(buildingIds);
	}

	public Instant opensAt() {
		return opensAt;
	}

	public Instant closesAt() {
		return closesAt;
	}

	public String convenedBy() {
		return convenedBy;
	}

	public MotionStatus status() {
		return status;
	}

	public boolean includeParking() {
		return includeParking;
	}

	public boolean followMajority() {
		return followMajority;
	}

	public Long rollArea() {
		return rollArea;
	}

	public Long rollHead() {
		return rollHead;
	}

	public Instant publishedAt() {
		return publishedAt;
	}

	/** The published outcome as JSON, once counted. */
	public String result() {
		return result;
	}

	public Instant objectionsUntil() {
		return objectionsUntil;
	}

	public String lastHash() {
		return lastHash;
	}

	public List<String> candidates() {
		return candidateIds == null ? List.of() : List.of(candidateIds.split("\\|"));
	}

	public String returnReason() {
		return returnReason;
	}

	public Instant returnedAt() {
		return returnedAt;
	}

	public int version() {
		return version == null ? 0 : version;
	}
}
