package cn.linli.registry.committee;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/** 业主委员会: formed on a date for a term of at most five years, 5–11 members (odd), filed (备案). */
@Table("owners_committee")
class OwnersCommittee {

	@Id
	Long id;
	long compoundId;
	LocalDate formedOn;
	LocalDate termEndsOn;
	LocalDate filedOn;
	@Version
	Integer version;
	@MappedCollection(idColumn = "committee_id")
	Set<Member> members = new HashSet<>();

	@Table("committee_member")
	record Member(String name, Position position, Long ownerId) {
	}

	enum Position {
		DIRECTOR("主任"), DEPUTY("副主任"), MEMBER("委员");

		private final String label;

		Position(String label) {
			this.label = label;
		}

		String label() {
			return label;
		}
	}

	static OwnersCommittee form(long compoundId, int households, LocalDate formedOn, LocalDate termEndsOn,
			LocalDate filedOn, List<Member> members) {
		if (formedOn == null || termEndsOn == null || !termEndsOn.isAfter(formedOn)
				|| termEndsOn.isAfter(formedOn.plusYears(5))) {
			throw DomainException.invalid("termEndsOn", "任期应晚于成立日期，且不超过5年");
		}
		if (filedOn != null && filedOn.isBefore(formedOn)) {
			throw DomainException.invalid("filedOn", "备案日期不能早于成立日期");
		}
		int n = members.size();
		boolean smallCompound = households <= 100;
		if (!((n >= 5 && n <= 11 && n % 2 == 1) || (smallCompound && n == 3))) {
			throw DomainException.invalid("members", "委员人数应为5–11人的单数（100户以下的小区可为3人）");
		}
		if (members.stream().map(Member::name).distinct().count() != n) {
			throw DomainException.invalid("members", "委员姓名重复");
		}
		if (members.stream().filter(m -> m.position() == Position.DIRECTOR).count() != 1) {
			throw DomainException.invalid("members", "应有且仅有一名主任");
		}
		var c = new OwnersCommittee();
		c.compoundId = compoundId;
		c.formedOn = formedOn;
		c.termEndsOn = termEndsOn;
		c.filedOn = filedOn;
		c.members = new HashSet<>(members);
		return c;
	}

	/** 备案: the filing with the street office or the housing bureau, on a date after the committee was formed. */
	void file(LocalDate filedOn, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		if (filedOn == null || filedOn.isBefore(formedOn)) {
			throw DomainException.invalid("filedOn", "备案日期不能早于成立日期");
		}
		this.filedOn = filedOn;
	}
}
