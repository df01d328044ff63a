package cn.linli.registry.company;

import cn.linli.registry.PartyOrg;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.DomainException;

public record CompanyDetails(String name, CreditCode creditCode, PartyOrg partyOrg, String phone, String address) {

	public CompanyDetails {
		if (name == null || name.isBlank() || name.length() > 200) {
			throw DomainException.invalid("name", "企业名称必填，且不超过200字");
		}
		name = name.trim();
		if (creditCode == null) {
			throw DomainException.invalid("creditCode", "统一社会信用代码必填");
		}
		if (partyOrg == null) {
			throw DomainException.invalid("partyOrg", "请选择党组织建立情况");
		}
		if (phone != null && (phone.isBlank() || phone.length() > 20)) {
			phone = phone.isBlank() ? null : phone.substring(0, 20);
		}
		if (address != null && address.length() > 300) {
			throw DomainException.invalid("address", "地址不超过300字");
		}
	}
}
