package cn.linli.registry.house;

import java.util.List;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;

/** A house as its keepers see it; owners carry only masked personal data. */
public record HouseView(long id, long compoundId, long buildingId, String buildingName, String unit, String number,
		String exclusiveArea, long exclusiveAreaCenti, AreaSource areaSource, HouseKind kind, boolean developerHeld,
		String certificateNo, int version, List<OwnerView> owners) {

	public String label() {
		return label(buildingName, unit, number);
	}

	/** 1号楼-1单元-301, or 1号楼-301 without a unit: how a house is named wherever it is shown. */
	public static String label(String building, String unit, String number) {
		return building + (unit.isEmpty() ? "" : "-" + unit) + "-" + number;
	}

	public record OwnerView(long id, String name, String phoneMasked, String idMasked, boolean representative) {
	}
}
