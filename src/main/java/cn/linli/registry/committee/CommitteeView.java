package cn.linli.registry.committee;

import java.time.LocalDate;
import java.util.List;

public record CommitteeView(long id, long compoundId, LocalDate formedOn, LocalDate termEndsOn, LocalDate filedOn,
		boolean inTerm, List<MemberView> members, int version) {

	public record MemberView(String name, String position, String positionLabel) {
	}
}
