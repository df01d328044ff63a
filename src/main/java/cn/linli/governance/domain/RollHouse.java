package cn.linli.governance;

import java.util.List;

import cn.linli.shared.domain.DomainException;

/**
 * A house as the roll sees it: kind, exclusive area in 1/100 m², its owners (the first represents
 * co-owners) and whether the developer still holds it.
 */
public record RollHouse(String houseId, Kind kind, long areaCenti, List<String> ownerIds, boolean developerHeld) {

	public enum Kind {
		RESIDENTIAL, COMMERCIAL, PARKING, STALL
	}

	public RollHouse {
		if (houseId == null || houseId.isBlank()) {
			throw DomainException.invalid("house_id", "house_id 必填");
		}
		if (kind == null) {
			throw DomainException.invalid("kind", "kind 必填");
		}
		if (areaCenti <= 0) {
			throw DomainException.invalid("area_centi", "area_centi 应为正整数（1/100 平方米）");
		}
		ownerIds = ownerIds == null ? List.of() : List.copyOf(ownerIds);
		if (ownerIds.contains(Roll.DEVELOPER)) {
			throw DomainException.invalid("owner_ids", "业主编号不能为 " + Roll.DEVELOPER);
		}
	}

	boolean isStallOrParking() {
		return kind == Kind.PARKING || kind == Kind.STALL;
	}
}
