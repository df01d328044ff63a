package cn.linli.governance.domain;

import java.util.List;

import cn.linli.shared.domain.DomainException;

/**
 * A house (专有部分) as the roll sees it: kind, exclusive area in 1/100 m², its owners (the first
 * represents co-owners) and whether the developer still holds it.
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
		// voter ids are made of owner ids (Roll.Voter): these would make two voters' ids collide
		for (String owner : ownerIds) {
			if (owner.equals(Roll.DEVELOPER) || owner.startsWith(Roll.UNKNOWN_OWNER_PREFIX) || owner.contains(Roll.OWNER_SEPARATOR)) {
				throw DomainException.invalid("owner_ids",
						"业主编号「" + owner + "」不可用：不能为 " + Roll.DEVELOPER + "、不能以 " + Roll.UNKNOWN_OWNER_PREFIX + " 开头、不能含 " + Roll.OWNER_SEPARATOR);
			}
		}
	}

	boolean isStallOrParking() {
		return kind == Kind.PARKING || kind == Kind.STALL;
	}
}
