package cn.linli.identity;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;

/** A login: a role bound to exactly the scope that role needs (also checked by the database). */
@Table("app_user")
class UserAccount {

	@Id
	Long id;
	String username;
	String passwordHash;
	String displayName;
	Role role;
	String regionCode;
	Long companyId;
	Long staffId;
	Long compoundId;
	String phone;
	boolean enabled = true;
	@Version
	Integer version;

	static UserAccount create(NewUser u, String passwordHash) {
		var a = new UserAccount();
		a.username = u.username();
		a.passwordHash = passwordHash;
		a.displayName = u.displayName();
		a.role = u.role();
		a.regionCode = u.regionCode();
		a.companyId = u.companyId();
		a.staffId = u.staffId();
		a.compoundId = u.compoundId();
		a.phone = u.phone();
		return a;
	}

	static UserAccount resident(String phone, String username) {
		var a = new UserAccount();
		a.username = username;
		a.displayName = "业主" + phone.substring(7);
		a.role = Role.RESIDENT;
		a.phone = phone;
		return a;
	}

	void setEnabled(boolean enabled, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		this.enabled = enabled;
	}
}
