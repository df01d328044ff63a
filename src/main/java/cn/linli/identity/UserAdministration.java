package cn.linli.identity;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.domain.TemporaryPassword;
import cn.linli.identity.domain.UserAccount;
import cn.linli.identity.domain.UserRepository;
import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryAccess;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Role;

/**
 * Creating users, each bound to its role's scope: the operator's form (a temporary password the
 * user replaces at the first login), the demo data and tests (a given password), and residents
 * registered on their behalf.
 */
@Service
@Transactional
public class UserAdministration {

	private final UserRepository users;
	private final PasswordEncoder encoder;
	private final RegionApi regions;
	private final RegistryAccess access;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	UserAdministration(UserRepository users, PasswordEncoder encoder, RegionApi regions, RegistryAccess access, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.regions = regions;
		this.access = access;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** The operator's form as typed: ids are what the pickers submitted. */
	public record UserForm(String username, String displayName, String role, String regionCode, String companyId, String staffId,
			String compoundId, String phone) {
	}

	/** A created user and the temporary password to tell it, once. */
	public record Created(long id, String username, String temporaryPassword) {
	}

	/** Creates a user from the operator's form, refusing it with every field error at once. */
	public Created create(UserForm form) {
		var errors = new FieldErrors();
		Role role = roleOf(form.role());
		Long companyId = id(form.companyId(), "companyId", "请从列表中选择企业", errors);
		Long staffId = id(form.staffId(), "staffId", "请从列表中选择从业人员", errors);
		Long compoundId = id(form.compoundId(), "compoundId", "请从列表中选择小区", errors);
		NewUser user = errors.collect(() -> new NewUser(form.username(), form.displayName(), role, form.regionCode(), companyId,
				staffId, compoundId, form.phone()));
		checkReferences(errors, form.username(), role, form.regionCode(), companyId, staffId, compoundId);
		errors.throwIfAny();
		String temporary = TemporaryPassword.generate();
		var saved = users.save(UserAccount.create(user, encoder.encode(temporary), true, clock.instant()));
		events.publishEvent(IdentityChanged.of("user", "created", saved.id(), saved.username() + " " + saved.role()));
		return new Created(saved.id(), saved.username(), temporary);
	}

	/** Creates a user with a password of the caller's choosing: the demo data and tests, not people. */
	public long create(NewUser user, String password) {
		var errors = new FieldErrors();
		errors.check(password == null || password.length() < 8 || password.length() > 128, "password", "密码至少8位");
		checkReferences(errors, user.username(), user.role(), user.regionCode(), user.companyId(), user.staffId(), user.compoundId());
		errors.throwIfAny();
		var saved = users.save(UserAccount.create(user, encoder.encode(password), false, clock.instant()));
		events.publishEvent(IdentityChanged.of("user", "created", saved.id(), saved.username() + " " + saved.role()));
		return saved.id();
	}

	/**
	 * Registers a resident on their behalf (代办, e.g. at the community office), bound as owner of a
	 * house they are registered for.
	 */
	public long createBoundResident(String username, String phone, String displayName, String password, long houseId, long ownerId) {
		var number = PhoneNumber.of(phone);
		if (!access.isOwnerOf(ownerId, houseId)) {
			throw DomainException.invalid("ownerId", "该业主未登记为此房屋的业主");
		}
		NewUser.requireValidUsername(username);
		var now = clock.instant();
		var account = UserAccount.resident(number.value(), username, now).assisted(displayName, password == null ? null : encoder.encode(password), now);
		var saved = users.save(account);
		jdbc.sql("insert into resident_binding (user_id, house_id, relation, owner_id, created_at) values (:u, :h, 'OWNER', :o, :now)")
			.param("u", saved.id()).param("h", houseId).param("o", ownerId).param("now", java.sql.Timestamp.from(now)).update();
		events.publishEvent(IdentityChanged.of("user", "resident-registered", saved.id(), "house " + houseId));
		return saved.id();
	}

	/** What only the database knows: the region, company, staff record or compound exists, the username is free. */
	private void checkReferences(FieldErrors errors, String username, Role role, String regionCode, Long companyId, Long staffId,
			Long compoundId) {
		if (NewUser.usernameProblem(username).isEmpty() && users.findByUsername(username).isPresent()) {
			errors.add("username", "用户名已存在");
		}
		if (role == null) {
			return;
		}
		switch (role.scopeKind()) {
			case REGION -> {
				String code = regionCode == null ? "" : regionCode.trim();
				if (code.matches("\\d{" + role.regionCodeLength() + "}") && regions.find(code).isEmpty()) {
					errors.add("regionCode", "区划代码 " + code + " 不存在");
				}
			}
			case COMPANY -> errors.check(companyId != null && !access.companyExists(companyId), "companyId", "所选企业不存在");
			case STAFF -> {
				if (staffId != null && !access.staffExists(staffId)) {
					errors.add("staffId", "所选从业人员不存在");
				}
				else if (staffId != null && hasWorkingLogin(staffId)) {
					errors.add("staffId", "该从业人员已有登录账号");
				}
			}
			case COMPOUND -> errors.check(compoundId != null && !access.compoundExists(compoundId), "compoundId", "所选小区不存在");
			default -> {
			}
		}
	}

	private boolean hasWorkingLogin(long staffId) {
		return users.findFirstByStaffIdOrderByEnabledDescIdDesc(staffId).filter(UserAccount::enabled).isPresent();
	}

	/** An unknown role is no choice: {@link NewUser} then asks for one. */
	private static Role roleOf(String role) {
		if (role == null) {
			return null;
		}
		try {
			return Role.valueOf(role.trim());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static Long id(String value, String field, String message, FieldErrors errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException e) {
			errors.add(field, message);
			return null;
		}
	}
}
