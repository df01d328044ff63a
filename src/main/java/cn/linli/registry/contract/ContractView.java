package cn.linli.registry.contract;

import java.time.LocalDate;

public record ContractView(long id, long compoundId, String compoundName, long companyId, String companyName,
		LocalDate startsOn, LocalDate endsOn, Long feeFen, boolean inForce, int version) {
}
