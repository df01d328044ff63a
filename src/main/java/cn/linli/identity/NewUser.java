package cn.linli.identity;

import java.util.Optional;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Role;

/** A user to create, with the one scope its role is bound to; a refusal names every wrong field at once. */
public record NewUser(String username, String displayName, Role role, String regionCode, Long companyId, Long staffId,
		Long compoundId, String phone) {

	public NewUser {
		var errors = new FieldErrors();
		usernameProblem(username).ifPresent(message -> errors.add("username", message));
		errors.check(displayName == null || displayName.isBlank() || displayName.length() > 60, "displayName", "姓名/名称必填，且不超过60字");
		regionCode = blank(regionCode);
		String rawPhone = blank(phone);
		phone = rawPhone == null ? null : errors.collect(() -> PhoneNumber.of(rawPhone).value());
		if (role == null) {
			errors.add("role", "请选择角色");
		}
		else {
			switch (role.scopeKind()) {
				case REGION -> {
					errors.check(regionCode == null || !regionCode.matches("\\d+") || regionCode.length() != role.regionCodeLength(),
							"regionCode", role.label() + "须绑定 " + role.regionCodeLength() + " 位区划代码");
					companyId = null;
					staffId = null;
					compoundId = null;
				}
				case COMPANY -> {
					errors.check(companyId == null, "companyId", "物业企业管理员须选择所属企业");
					regionCode = null;
					staffId = null;
					compoundId = null;
				}
				case STAFF -> {
					errors.check(staffId == null, "staffId", "项目物业人员须选择其从业人员档案");
					regionCode = null;
					compoundId = null;
				}
				case COMPOUND -> {
					errors.check(compoundId == null, "compoundId", "业委会委员须选择所在小区");
					regionCode = null;
					companyId = null;
					staffId = null;
				}
				case HOUSES -> errors.add("role", "业主/住户通过手机号自助注册并认证房屋");
				case PLATFORM -> {
					regionCode = null;
					companyId = null;
					staffId = null;
					compoundId = null;
				}
			}
		}
		errors.throwIfAny();
	}

	static void requireValidUsername(String username) {
		usernameProblem(username).ifPresent(message -> {
			throw DomainException.invalid("username", message);
		});
	}

	/** What is wrong with a username, if anything. */
	public static Optional<String> usernameProblem(String username) {
		if (username == null || !username.matches("[A-Za-z0-9_.\\-]{2,60}")) {
			return Optional.of("用户名应为2–60位字母、数字、下划线、点或连字符");
		}
		if (username.matches("\\d+") || username.startsWith("r-")) {
			return Optional.of("用户名不能是纯数字或以 r- 开头（留给业主账号）");
		}
		return Optional.empty();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
