package cn.linli.registry.domain;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/** Who may change which registry: the rules in one place, checked by every use case. */
public final class RegistryPermissions {

	private RegistryPermissions() {
	}

	/** Region roles register and revise compounds, contracts and committees inside their area. */
	public static void requireRegionalOver(Scope scope, String communityCode) {
		if (!scope.coversRegion(communityCode)) {
			throw DomainException.forbidden("只有辖区内的住建、街道或社区用户可以登记或修改");
		}
	}

	/** House ledgers are kept by the supervising region and by the company serving the compound. */
	public static void requireHouseKeeper(Scope scope) {
		if (!(scope.isRegional() || scope.role() == Role.COMPANY_ADMIN || scope.role() == Role.STAFF)) {
			throw DomainException.forbidden("无权维护房屋和业主信息");
		}
	}

	public static void requireCompanyRegistrar(Scope scope) {
		if (!(scope.role() == Role.CITY || scope.role() == Role.DISTRICT)) {
			throw DomainException.forbidden("只有市、区县住建部门可以登记物业服务企业");
		}
	}

	public static void requireCompanyEditor(Scope scope, long companyId) {
		boolean own = scope.role() == Role.COMPANY_ADMIN && Long.valueOf(companyId).equals(scope.companyId());
		if (!(own || scope.role() == Role.CITY || scope.role() == Role.DISTRICT)) {
			throw DomainException.forbidden("无权修改该企业信息");
		}
	}

	public static void requireStaffManager(Scope scope, long companyId) {
		if (!(scope.role() == Role.COMPANY_ADMIN && Long.valueOf(companyId).equals(scope.companyId()))) {
			throw DomainException.forbidden("只有本企业管理员可以维护从业人员");
		}
	}
}
