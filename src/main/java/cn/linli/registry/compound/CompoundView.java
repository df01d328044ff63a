package cn.linli.registry.compound;

import java.math.BigDecimal;

import cn.linli.registry.ServiceMode;
import cn.linli.shared.domain.Area;

/** A compound as pages, the API and other modules see it, with its current company. */
public record CompoundView(long id, String name, String address, String communityCode, String communityName,
		BigDecimal latitude, BigDecimal longitude, int households, String buildingArea, Integer yearBuilt,
		boolean oldCompound, ServiceMode serviceMode, Long companyId, String companyName, int version) {

	static CompoundView of(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new CompoundView(rs.getLong("id"), rs.getString("name"), rs.getString("address"),
				rs.getString("community_code"), rs.getString("community_name"), rs.getBigDecimal("latitude"),
				rs.getBigDecimal("longitude"), rs.getInt("households"), new Area(rs.getLong("building_area_centi")).squareMetres(),
				(Integer) rs.getObject("year_built"), rs.getBoolean("old_compound"), ServiceMode.valueOf(rs.getString("service_mode")),
				(Long) rs.getObject("company_id"), rs.getString("company_name"), rs.getInt("version"));
	}

	public String serviceModeLabel() {
		return serviceMode.label();
	}
}
