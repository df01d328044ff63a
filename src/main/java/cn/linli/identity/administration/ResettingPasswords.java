package cn.linli.identity.administration;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.domain.TemporaryPassword;
import cn.linli.identity.domain.UserAccount;
import cn.linli.identity.domain.UserRepository;
import cn.linli.identity.security.LoginPauses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * The operator gives a user who forgot its password a temporary one, told once: the user must
 * replace it at the next login, and the API tokens issued under the old one end.
 */
@Service
@Transactional
public class ResettingPasswords {

	private final UserRepository users;
	private final PasswordEncoder encoder;
	private final ApiTokenRevocation tokens;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final LoginPauses pauses;

	ResettingPasswords(UserRepository users, PasswordEncoder encoder, ApiTokenRevocation tokens, ApplicationEventPublisher events,
			Clock clock, LoginPauses pauses) {
		this.pauses = pauses;
		this.users = users;
		this.encoder = encoder;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
	}

	/** Returns the temporary password; it is stored only as a hash. */
	public String reset(Actor operator, long userId, Integer version) {
		var user = users.findById(userId).orElseThrow(() -> DomainException.notFound("用户"));
		if (user.id() == operator.userId()) {
			throw DomainException.conflict("own-password", "自己的密码请在「修改密码」中修改");
		}
		if (user.role() == Role.RESIDENT) {
			throw DomainException.conflict("resident-password", "业主/住户使用手机号验证码登录，无需重置密码");
		}
		return reissue(user, version, "password-reset");
	}

	/** Sets a fresh temporary password on a login; shared with a company restoring its staff member's login. */
	String reissue(UserAccount user, Integer version, String verb) {
		var now = clock.instant();
		String temporary = TemporaryPassword.generate();
		user.resetPassword(encoder.encode(temporary), now, version);
		users.save(user);
		pauses.lift(user.username());
		tokens.revokeAll(user.id(), now);
		events.publishEvent(IdentityChanged.of("user", verb, user.id(), user.username()));
		return temporary;
	}
}
