package cn.linli.identity.account;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.administration.ApiTokenRevocation;
import cn.linli.identity.domain.PasswordPolicy;
import cn.linli.identity.domain.UserRepository;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;

/** A user replaces its own password: the current one, then a strong new one typed twice; its API tokens end. */
@Service
@Transactional
public class ChangingPassword {

	private final UserRepository users;
	private final PasswordEncoder encoder;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final ApiTokenRevocation tokens;
	private final Clock clock;

	ChangingPassword(UserRepository users, PasswordEncoder encoder, JdbcClient jdbc, ApplicationEventPublisher events,
			ApiTokenRevocation tokens, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.jdbc = jdbc;
		this.events = events;
		this.tokens = tokens;
		this.clock = clock;
	}

	public void change(long userId, String current, String next, String repeated) {
		var user = users.findById(userId).orElseThrow(() -> DomainException.notFound("用户"));
		if (user.passwordHash() == null) {
			throw new DomainException(HttpStatus.CONFLICT, "no-password", "该账号使用手机号验证码登录，没有密码", null);
		}
		var errors = new FieldErrors();
		boolean currentMatches = current != null && !current.isEmpty() && encoder.matches(current, user.passwordHash());
		errors.check(current == null || current.isEmpty(), "currentPassword", "请输入当前密码");
		errors.check(current != null && !current.isEmpty() && !currentMatches, "currentPassword", "当前密码不正确");
		var weak = PasswordPolicy.problem(next, user.username());
		weak.ifPresent(message -> errors.add("newPassword", message));
		errors.check(weak.isEmpty() && currentMatches && next.equals(current), "newPassword", "新密码不能与当前密码相同");
		errors.check(repeated == null || !repeated.equals(next), "confirmPassword", "两次输入的新密码不一致");
		errors.throwIfAny();
		var now = clock.instant();
		user.changePassword(encoder.encode(next), now);
		users.save(user);
		// whoever learnt the old password must not keep using the API with it
		tokens.revokeAll(userId, now);
		events.publishEvent(IdentityChanged.of("user", "password-changed", userId, user.username()));
	}

	/** Whether a user still has to replace a temporary password before doing anything else. */
	@Transactional(readOnly = true)
	public boolean mustChange(long userId) {
		return jdbc.sql("select must_change_password from app_user where id = :id").param("id", userId).query(Boolean.class).optional()
			.orElse(false);
	}
}
