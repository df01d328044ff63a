package cn.linli.registry.staff;

import java.util.Set;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.PhoneNumber;

public record StaffDetails(String name, PhoneNumber phone, boolean gridWorker, boolean partyMember, Set<Long> compoundIds) {

	public StaffDetails {
		if (name == null || name.isBlank() || name.length() > 50) {
			throw DomainException.invalid("name", "姓名必填，且不超过50字");
		}
		name = name.trim();
		compoundIds = compoundIds == null ? Set.of() : Set.copyOf(compoundIds);
	}
}
