package cn.linli.registry.house;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.DomainException;

public record HouseDetails(String unit, String number, Area exclusiveArea, AreaSource areaSource, HouseKind kind,
		boolean developerHeld, String certificateNo) {

	public HouseDetails {
		unit = unit == null ? "" : unit.trim();
		if (unit.length() > 20) {
			throw DomainException.invalid("unit", "单元不超过20字");
		}
		if (number == null || number.isBlank() || number.length() > 20) {
			throw DomainException.invalid("number", "房号必填，且不超过20字");
		}
		number = number.trim();
		if (exclusiveArea == null || exclusiveArea.centi() <= 0) {
			throw DomainException.invalid("exclusiveArea", "专有部分面积必须大于0");
		}
		if (areaSource == null) {
			throw DomainException.invalid("areaSource", "请选择面积来源");
		}
		if (kind == null) {
			throw DomainException.invalid("kind", "请选择房屋类型");
		}
		certificateNo = certificateNo == null || certificateNo.isBlank() ? null : certificateNo.trim();
		if (certificateNo != null && certificateNo.length() > 50) {
			throw DomainException.invalid("certificateNo", "不动产权证号不超过50字");
		}
	}
}
