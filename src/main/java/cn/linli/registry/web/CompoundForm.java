package cn.linli.registry.web;

import cn.linli.registry.ServiceMode;
import cn.linli.registry.compound.CompoundDetails;
import cn.linli.registry.compound.CompoundView;
import cn.linli.registry.domain.Cells;
import cn.linli.shared.domain.Area;

/** The compound form and API body as typed: strings, so that bad input becomes a Chinese message, not a binding error. */
public record CompoundForm(String name, String address, String communityCode, String latitude, String longitude,
		String households, String buildingArea, String yearBuilt, Boolean oldCompound, String serviceMode, Integer version) {

	static CompoundForm empty(String communityCode) {
		return new CompoundForm("", "", communityCode, "", "", "", "", "", false, "PROFESSIONAL", null);
	}

	static CompoundForm of(CompoundView c) {
		return new CompoundForm(c.name(), c.address(), c.communityCode(), str(c.latitude()), str(c.longitude()),
				String.valueOf(c.households()), c.buildingArea(), str(c.yearBuilt()), c.oldCompound(), c.serviceMode().name(),
				c.version());
	}

	CompoundDetails details() {
		return new CompoundDetails(name, Cells.blank(address), communityCode,
				Cells.decimal(latitude, "latitude"), Cells.decimal(longitude, "longitude"),
				households == null || households.isBlank() ? -1 : Cells.integer(households, "households"),
				buildingArea == null || buildingArea.isBlank() ? new Area(0) : Area.parse(buildingArea),
				yearBuilt == null || yearBuilt.isBlank() ? null : Cells.integer(yearBuilt, "yearBuilt"),
				Boolean.TRUE.equals(oldCompound), serviceMode == null ? null : Cells.choice(ServiceMode.class, ServiceMode::label, serviceMode, "serviceMode"));
	}

	private static String str(Object o) {
		return o == null ? "" : o.toString();
	}
}
