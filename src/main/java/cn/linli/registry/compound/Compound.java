package cn.linli.registry.compound;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.registry.ServiceMode;
import cn.linli.shared.domain.DomainException;

/** 住宅小区/物业项目. */
@Table("compound")
class Compound {

	@Id
	Long id;
	String name;
	String address;
	String communityCode;
	BigDecimal latitude;
	BigDecimal longitude;
	int households;
	long buildingAreaCenti;
	Integer yearBuilt;
	boolean oldCompound;
	ServiceMode serviceMode;
	@Version
	Integer version;

	static Compound register(CompoundDetails details) {
		var c = new Compound();
		c.apply(details);
		return c;
	}

	void revise(CompoundDetails details, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		apply(details);
	}

	private void apply(CompoundDetails d) {
		name = d.name();
		address = d.address();
		communityCode = d.communityCode();
		latitude = d.latitude();
		longitude = d.longitude();
		households = d.households();
		buildingAreaCenti = d.buildingArea().centi();
		yearBuilt = d.yearBuilt();
		oldCompound = d.oldCompound();
		serviceMode = d.serviceMode();
	}
}
