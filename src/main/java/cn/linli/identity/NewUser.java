package cn.linli.identity;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Role;

/** A user to create, with the one scope its role is bound to. */
public record NewUser(String username, String displayName, Role role, String regionCode, Long companyId, Long staffId,
		Long compoundId, String phone) {

	public NewUser {
		requireValidUsername(username);
		if (displayName == null || displayName.isBlank() || displayName.length() > 60) {
			throw DomainException.invalid("displayName", "姓名/名称必填，且不超过60字");
		}
		if (role == null) {
			throw DomainException.invalid("role", "请选择角色");
		}
		regionCode = blank(regionCode);
		phone = blank(phone) == null ? null : PhoneNumber.of(phone).value();
		switch (role.scopeKind()) {
			case REGION -> {
				if (regionCode == null || !regionCode.matches("\\d+") || regionCode.length() != role.regionCodeLength()) {
					throw DomainException.invalid("regionCode", role.label() + "须绑定 " + role.regionCodeLength() + " 位区划代码");
				}
				companyId = null;
				staffId = null;
				compoundId = null;
			}
			case COMPANY -> {
				if (companyId == null) {
					throw DomainException.invalid("companyId", "物业企业管理员须绑定企业");
				}
				regionCode = null;
				staffId = null;
				compoundId = null;
			}
			case STAFF -> {
				if (staffId == null) {
					throw DomainException.invalid("staffId", "项目物业人员须绑定从业人员档案");
				}
				regionCode = null;
				compoundId = null;
			}
			case COMPOUND -> {
				if (compoundId == null) {
					throw DomainException.invalid("compoundId", "业委会委员须绑定小区");
				}
				regionCode = null;
				companyId = null;
				staffId = null;
			}
			case HOUSES -> throw DomainException.invalid("role", "业主/住户通过手机号自助注册并认证房屋");
			case PLATFORM -> {
				regionCode = null;
				companyId = null;
				staffId = null;
				compoundId = null;
			}
		}
	}

	static void requireValidUsername(String username) {
		if (username == null || !username.matches("[A-Za-z0-9_.\\-]{2,60}")) {
			throw DomainException.invalid("username", "用户名应为2–60位字母、数字、下划线、点或连字符");
		}
		if (username.matches("\\d+") || username.startsWith("r-")) {
			throw DomainException.invalid("username", "用户名不能是纯数字或以 r- 开头（留给业主账号）");
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
