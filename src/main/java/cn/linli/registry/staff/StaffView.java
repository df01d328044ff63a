package cn.linli.registry.staff;

import java.util.List;

public record StaffView(long id, long companyId, String companyName, String name, String phoneMasked, boolean gridWorker,
		boolean partyMember, List<Long> compoundIds, int version) {
}
