package cn.linli.governance;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/** 表决事项: owns its life cycle; the roll and the ballots hang off it. */
@Table("motion")
class Motion {

	static final java.time.Duration OBJECTION_PERIOD = java.time.Duration.ofDays(7);

	@Id
	Long id;
	long compoundId;
	int matter;
	String title;
	String body;
	Integer seats;
	Long[] buildingIds;
	Instant opensAt;
	Instant closesAt;
	String convenedBy;
	MotionStatus status;
	boolean includeParking;
	boolean followMajority;
	Long rollArea;
	Long rollHead;
	Instant publishedAt;
	String result;
	Instant countedAt;
	Instant objectionsUntil;
	String lastHash;
	String candidateIds;
	@Version
	Integer version;

	static Motion draft(long compoundId, MotionDraft d, String convenedBy) {
		var m = new Motion();
		m.compoundId = compoundId;
		m.matter = d.matter().number();
		m.title = d.title();
		m.body = d.body();
		m.seats = d.seats();
		m.buildingIds = d.buildingIds() == null || d.buildingIds().isEmpty() ? null : d.buildingIds().toArray(Long[]::new);
		m.opensAt = d.opensAt();
		m.closesAt = d.closesAt();
		m.includeParking = d.includeParking();
		m.followMajority = d.followMajority();
		m.convenedBy = convenedBy;
		m.status = MotionStatus.DRAFT;
		m.candidateIds = d.candidateIds().isEmpty() ? null : String.join("|", d.candidateIds());
		return m;
	}

	void publish(long area, long head, String genesisHash, Instant now) {
		move(MotionStatus.PUBLISHED);
		if (!closesAt.isAfter(now)) {
			throw DomainException.invalid("closesAt", "截止时间已过，不能发布");
		}
		rollArea = area;
		rollHead = head;
		publishedAt = now;
		lastHash = genesisHash;
	}

	boolean openAt(Instant now) {
		return status == MotionStatus.PUBLISHED && !now.isBefore(opensAt) && now.isBefore(closesAt);
	}

	void count(String resultJson, Instant now) {
		if (now.isBefore(closesAt)) {
			throw DomainException.conflict("not-closed", "表决尚未截止");
		}
		move(MotionStatus.CLOSED);
		result = resultJson;
		countedAt = now;
		objectionsUntil = now.plus(OBJECTION_PERIOD);
	}

	java.util.List<String> candidates() {
		return candidateIds == null ? java.util.List.of() : java.util.List.of(candidateIds.split("\\|"));
	}

	Matter matter() {
		return Matter.of(matter);
	}

	private void move(MotionStatus next) {
		if (!status.canTransitionTo(next)) {
			throw DomainException.conflict("motion-state", "表决事项当前状态不允许此操作");
		}
		status = next;
	}
}
