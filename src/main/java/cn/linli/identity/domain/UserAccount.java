package cn.linli.identity.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.identity.NewUser;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;

/**
 * A login: a role bound to exactly the scope that role needs (also checked by the database).
 * Internal to the identity module; public only because its sub-packages change it.
 */
@Table("app_user")
public class UserAccount {

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
	boolean mustChangePassword;
	Instant passwordChangedAt;
	Instant createdAt;

	/** A user with a password; a temporary one (set by someone else) must be replaced at the next login. */
	public static UserAccount create(NewUser u, String passwordHash, boolean temporary, Instant at) {
		var a = new UserAccount();
		a.username = u.username();
		a.passwordHash = passwordHash;
		a.mustChangePassword = temporary;
		a.passwordChangedAt = at;
		a.displayName = u.displayName();
		a.role = u.role();
		a.regionCode = u.regionCode();
		a.companyId = u.companyId();
		a.staffId = u.staffId();
		a.compoundId = u.compoundId();
		a.phone = u.phone();
		a.createdAt = at;
		return a;
	}

	public static UserAccount resident(String phone, String username, Instant at) {
		var a = new UserAccount();
		a.username = username;
		a.displayName = "业主" + phone.substring(7);
		a.role = Role.RESIDENT;
		a.phone = phone;
		a.createdAt = at;
		return a;
	}

	/** The login a company gives one of its staff members, with a temporary password. */
	public static UserAccount staffLogin(String username, String displayName, long companyId, long staffId, String temporaryHash,
			Instant at) {
		return create(new NewUser(username, displayName, Role.STAFF, null, companyId, staffId, null, null), temporaryHash, true, at);
	}

	/** A resident registered at the office on their behalf (代办): their name and, if given, a password. */
	public UserAccount assisted(String displayName, String passwordHash, Instant at) {
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.passwordChangedAt = passwordHash == null ? null : at;
		return this;
	}

	public void setEnabled(boolean enabled, Integer expectedVersion) {
		requireVersion(expectedVersion);
		this.enabled = enabled;
	}

	/** The user chose a new password: it is its own now. */
	public void changePassword(String newHash, Instant at) {
		passwordHash = newHash;
		mustChangePassword = false;
		passwordChangedAt = at;
	}

	/**
	 * Someone else set a temporary password (an operator's reset, a company restoring a login):
	 * the user must replace it. Pauses left by someone guessing the old one are lifted by the
	 * caller ({@code Accounts#liftPauses}), as they live beside the account.
	 */
	public void resetPassword(String temporaryHash, Instant at, Integer expectedVersion) {
		requireVersion(expectedVersion);
		passwordHash = temporaryHash;
		mustChangePassword = true;
		passwordChangedAt = at;
	}

	private void requireVersion(Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
	}

	public Long id() {
		return id;
	}

	public String username() {
		return username;
	}

	public String displayName() {
		return displayName;
	}

	public Role role() {
		return role;
	}

	public Long staffId() {
		return staffId;
	}

	public boolean enabled() {
		return enabled;
	}

	public Integer version() {
		return version;
	}

	public String passwordHash() {
		return passwordHash;
	}

	public boolean mustChangePassword() {
		return mustChangePassword;
	}
}
