package cn.linli.registry.compound;

import java.math.BigDecimal;

import cn.linli.registry.ServiceMode;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionCode;
import cn.linli.shared.domain.RegionLevel;

/** What a compound is registered with; validated as a whole. */
public record CompoundDetails(String name, String address, String communityCode, BigDecimal latitude,
		BigDecimal longitude, int households, Area buildingArea, Integer yearBuilt, boolean oldCompound,
		ServiceMode serviceMode) {

	public CompoundDetails {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw DomainException.invalid("name", "小区名称必填，且不超过100字");
		}
		name = name.trim();
		if (address != null && address.length() > 300) {
			throw DomainException.invalid("address", "地址不超过300字");
		}
		if (communityCode == null || !RegionCode.isValid(communityCode.trim())
				|| RegionCode.of(communityCode).level() != RegionLevel.COMMUNITY) {
			throw DomainException.invalid("communityCode", "所属社区代码应为12位社区/村级区划代码");
		}
		communityCode = communityCode.trim();
		if (latitude != null && (latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0 || latitude.scale() > 6)) {
			throw DomainException.invalid("latitude", "纬度应在 -90 到 90 之间，最多6位小数");
		}
		if (longitude != null && (longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0 || longitude.scale() > 6)) {
			throw DomainException.invalid("longitude", "经度应在 -180 到 180 之间，最多6位小数");
		}
		if (households < 0 || households > 100_000) {
			throw DomainException.invalid("households", "户数应为 0–100000");
		}
		if (buildingArea == null) {
			buildingArea = new Area(0);
		}
		if (yearBuilt != null && (yearBuilt < 1900 || yearBuilt > 2100)) {
			throw DomainException.invalid("yearBuilt", "建成年份应在 1900–2100 之间");
		}
		if (serviceMode == null) {
			throw DomainException.invalid("serviceMode", "请选择物业服务模式");
		}
	}
}
