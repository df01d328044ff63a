package cn.linli.registry.staff;

import java.util.HashSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/** 项目物业人员, possibly a part-time grid worker (兼职网格员). */
@Table("staff")
class Staff {

	@Id
	Long id;
	long companyId;
	String name;
	String phone;
	boolean gridWorker;
	boolean partyMember;
	@Version
	Integer version;
	@MappedCollection(idColumn = "staff_id")
	Set<Assignment> compounds = new HashSet<>();

	@Table("staff_compound")
	record Assignment(long compoundId) {
	}

	static Staff hire(long companyId, StaffDetails details) {
		var s = new Staff();
		s.companyId = companyId;
		s.apply(details);
		return s;
	}

	/** A revision without a phone number keeps the one on file (it is only ever shown masked). */
	void revise(StaffDetails details, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		String kept = phone;
		apply(details);
		if (details.phone() == null) {
			phone = kept;
		}
	}

	private void apply(StaffDetails d) {
		name = d.name();
		phone = d.phone() == null ? null : d.phone().value();
		gridWorker = d.gridWorker();
		partyMember = d.partyMember();
		compounds = new HashSet<>(d.compoundIds().stream().map(Assignment::new).toList());
	}
}
