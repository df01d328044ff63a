package cn.linli.registry.house;

import java.util.List;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;

/** A house as its keepers see it; owners carry only masked personal data. */
public record HouseView(long id, long compoundId, long buildingId, String buildingName, String unit, String number,
		String exclusiveArea, long exclusiveAreaCenti, AreaSource areaSource, HouseKind kind, boolean developerHeld,
		String certificateNo, int version, List<OwnerView> owners) {

	public String label() {
		return buildingName + (unit.isEmpty() ? "" : "-" + unit) + "-" + number;
	}

	public record OwnerView(long id, String name, String phoneMasked, String idMasked, boolean representative) {
	}
}
