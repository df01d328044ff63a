package cn.linli.registry.company;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.registry.PartyOrg;
import cn.linli.shared.domain.DomainException;

/** 物业服务企业. */
@Table("property_company")
class PropertyCompany {

	@Id
	Long id;
	String name;
	String creditCode;
	PartyOrg partyOrg;
	String phone;
	String address;
	@Version
	Integer version;

	static PropertyCompany register(CompanyDetails details) {
		var c = new PropertyCompany();
		c.apply(details);
		return c;
	}

	void revise(CompanyDetails details, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		apply(details);
	}

	private void apply(CompanyDetails d) {
		name = d.name();
		creditCode = d.creditCode().value();
		partyOrg = d.partyOrg();
		phone = d.phone();
		address = d.address();
	}
}
