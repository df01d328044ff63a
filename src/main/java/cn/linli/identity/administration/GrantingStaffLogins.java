package cn.linli.identity.administration;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.NewUser;
import cn.linli.identity.domain.TemporaryPassword;
import cn.linli.identity.domain.UserAccount;
import cn.linli.identity.domain.UserRepository;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffView;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.security.Scope;

/**
 * A company's admin gives one of its own staff members a login (the {@code STAFF} role bound to
 * that staff record, with a temporary password told once), withdraws it, and gives it back. Only
 * the company's own staff: another company's are not found, as everywhere else.
 */
@Service
@Transactional
public class GrantingStaffLogins {

	private final RegisteringStaff staff;
	private final UserRepository users;
	private final PasswordEncoder encoder;
	private final ResettingPasswords passwords;
	private final ApiTokenRevocation tokens;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	GrantingStaffLogins(RegisteringStaff staff, UserRepository users, PasswordEncoder encoder, ResettingPasswords passwords,
			ApiTokenRevocation tokens, ApplicationEventPublisher events, Clock clock) {
		this.staff = staff;
		this.users = users;
		this.encoder = encoder;
		this.passwords = passwords;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
	}

	/** A staff member and its login, if it was ever given one. */
	public record StaffLogin(StaffView member, Optional<Login> login) {
	}

	public record Login(long id, String username, boolean enabled, boolean mustChangePassword, int version) {

		public String statusLabel() {
			return !enabled ? "已收回" : mustChangePassword ? "待本人修改临时密码" : "正常";
		}
	}

	/** A login given, with the temporary password to tell its owner once. */
	public record Granted(String username, String temporaryPassword) {
	}

	@Transactional(readOnly = true)
	public StaffLogin loginOf(Scope scope, long staffId) {
		var member = staff.getManaged(scope, staffId);
		return new StaffLogin(member, login(staffId).map(GrantingStaffLogins::view));
	}

	public Granted grant(Scope scope, long staffId, String username) {
		var member = staff.getManaged(scope, staffId);
		if (login(staffId).isPresent()) {
			throw DomainException.conflict("staff-login-exists", "该从业人员已有登录账号");
		}
		String name = username == null ? null : username.trim();
		var errors = new FieldErrors();
		NewUser.usernameProblem(name).ifPresentOrElse(message -> errors.add("username", message),
				() -> errors.check(users.findByUsername(name).isPresent(), "username", "用户名已存在"));
		errors.throwIfAny();
		String temporary = TemporaryPassword.generate();
		var saved = users.save(UserAccount.staffLogin(name, member.name(), member.companyId(), staffId, encoder.encode(temporary),
				clock.instant()));
		events.publishEvent(IdentityChanged.of("user", "staff-login-granted", saved.id(), saved.username() + " staff " + staffId));
		return new Granted(saved.username(), temporary);
	}

	public String withdraw(Scope scope, long staffId, Integer version) {
		staff.getManaged(scope, staffId);
		var login = login(staffId).filter(UserAccount::enabled)
			.orElseThrow(() -> DomainException.conflict("no-staff-login", "该从业人员没有可收回的登录账号"));
		login.setEnabled(false, version);
		users.save(login);
		tokens.revokeAll(login.id(), clock.instant());
		events.publishEvent(IdentityChanged.of("user", "staff-login-withdrawn", login.id(), login.username() + " staff " + staffId));
		return login.username();
	}

	/** Gives a withdrawn login back, or a forgotten password anew: either way with a fresh temporary password. */
	public Granted reissue(Scope scope, long staffId, Integer version) {
		staff.getManaged(scope, staffId);
		var login = login(staffId).orElseThrow(() -> DomainException.conflict("no-staff-login", "该从业人员还没有登录账号"));
		if (!login.enabled()) {
			login.setEnabled(true, version);
		}
		String temporary = passwords.reissue(login, version, "staff-login-reissued");
		return new Granted(login.username(), temporary);
	}

	private Optional<UserAccount> login(long staffId) {
		return users.findFirstByStaffIdOrderByEnabledDescIdDesc(staffId);
	}

	private static Login view(UserAccount u) {
		return new Login(u.id(), u.username(), u.enabled(), u.mustChangePassword(), u.version());
	}
}
