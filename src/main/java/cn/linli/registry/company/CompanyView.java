package cn.linli.registry.company;

import cn.linli.registry.PartyOrg;

public record CompanyView(long id, String name, String creditCode, PartyOrg partyOrg, String phone, String address,
		long compoundsServed, long staffCount, int version) {

	public String partyOrgLabel() {
		return partyOrg.label();
	}
}
