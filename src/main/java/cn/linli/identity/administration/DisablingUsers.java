package cn.linli.identity.administration;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.domain.UserAccount;
import cn.linli.identity.domain.UserRepository;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/** The operator stops a user from signing in (at once: the scope is resolved on every request), and lets it in again. */
@Service
@Transactional
public class DisablingUsers {

	private final UserRepository users;
	private final ApiTokenRevocation tokens;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	DisablingUsers(UserRepository users, ApiTokenRevocation tokens, ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
	}

	public UserAccount disable(Actor operator, long userId, Integer version) {
		var user = users.findById(userId).orElseThrow(() -> DomainException.notFound("用户"));
		if (user.id() == operator.userId()) {
			throw DomainException.conflict("own-account", "不能停用自己的账号");
		}
		user.setEnabled(false, version);
		users.save(user);
		tokens.revokeAll(userId, clock.instant());
		events.publishEvent(IdentityChanged.of("user", "disabled", userId, user.username()));
		return user;
	}

	public UserAccount enable(long userId, Integer version) {
		var user = users.findById(userId).orElseThrow(() -> DomainException.notFound("用户"));
		if (user.role() == Role.STAFF && user.staffId() != null && users.findFirstByStaffIdOrderByEnabledDescIdDesc(user.staffId())
			.filter(other -> other.enabled() && !other.id().equals(user.id())).isPresent()) {
			throw DomainException.conflict("staff-login-taken", "该从业人员已有另一个可用的登录账号");
		}
		user.setEnabled(true, version);
		users.save(user);
		events.publishEvent(IdentityChanged.of("user", "enabled", userId, user.username()));
		return user;
	}
}
