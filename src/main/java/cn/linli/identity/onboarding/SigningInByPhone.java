package cn.linli.identity.onboarding;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.SmsSender;
import cn.linli.identity.domain.UserAccount;
import cn.linli.identity.domain.UserRepository;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.domain.Hashes;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Role;

/**
 * A resident proves a mobile number with a one-time code (single use, expiring, five tries,
 * throttled per number and per address) after agreeing to the privacy notice; the first sign-in
 * creates the account, and the consent is recorded with the notice's version and the time.
 */
@Service
@Transactional(noRollbackFor = DomainException.class)
public class SigningInByPhone {

	static final Duration CODE_TTL = Duration.ofMinutes(5);
	static final Duration RESEND_INTERVAL = Duration.ofSeconds(60);
	static final int CODES_PER_PHONE_HOUR = 5;
	static final int CODES_PER_IP_HOUR = 20;
	static final int MAX_CODE_ATTEMPTS = 5;

	static final String CONSENT_REQUIRED = "请先阅读并同意《个人信息保护说明》";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final SmsSender sms;
	private final UserRepository users;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SigningInByPhone(JdbcClient jdbc, SmsSender sms, UserRepository users, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.sms = sms;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/** Where the code went (138****8000) and when another may be asked for. */
	public record CodeSent(String maskedPhone, Instant resendAt) {

		/** Whole seconds until a resend is allowed, as the page counts them down. */
		public long secondsToResend(Instant now) {
			long millis = Duration.between(now, resendAt).toMillis();
			return millis <= 0 ? 0 : (millis + 999) / 1000;
		}
	}

	public CodeSent requestCode(String rawPhone, String ip, boolean consented) {
		var errors = new FieldErrors();
		var phone = errors.collect(() -> PhoneNumber.of(rawPhone));
		errors.check(!consented, "consent", CONSENT_REQUIRED);
		errors.throwIfAny();
		Instant now = clock.instant();
		var pending = pending(phone, now);
		if (pending.isPresent() && pending.get().resendAt().isAfter(now)) {
			throw tooMany("验证码已发送，请 " + pending.get().secondsToResend(now) + " 秒后再试");
		}
		var hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
		long perPhone = jdbc.sql("select count(*) from sms_code where phone = :p and created_at > :since").param("p", phone.value())
			.param("since", hourAgo).query(Long.class).single();
		long perIp = ip == null ? 0
				: jdbc.sql("select count(*) from sms_code where source_ip = :ip and created_at > :since").param("ip", ip)
					.param("since", hourAgo).query(Long.class).single();
		if (perPhone >= CODES_PER_PHONE_HOUR || perIp >= CODES_PER_IP_HOUR) {
			throw tooMany("获取验证码过于频繁，请一小时后再试");
		}
		String code = String.format("%06d", RANDOM.nextInt(1_000_000));
		jdbc.sql("insert into sms_code (phone, code_hash, source_ip, created_at, expires_at) values (:p, :h, :ip, :now, :expires)")
			.param("p", phone.value()).param("h", Hashes.sha256(phone.value() + ":" + code)).param("ip", ip)
			.param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(CODE_TTL))).update();
		sms.send(phone.value(), "【邻里】您的验证码是 " + code + "，5分钟内有效。请勿告诉他人。");
		return new CodeSent(phone.masked(), now.plus(RESEND_INTERVAL));
	}

	/** The code last sent to a number that can still be used, if any: the page then asks for it instead of a new one. */
	@Transactional(readOnly = true)
	public Optional<CodeSent> pending(String rawPhone) {
		try {
			return pending(PhoneNumber.of(rawPhone), clock.instant());
		}
		catch (DomainException e) {
			return Optional.empty();
		}
	}

	private Optional<CodeSent> pending(PhoneNumber phone, Instant now) {
		return jdbc.sql("select created_at from sms_code where phone = :p and used_at is null and expires_at > :now order by created_at desc limit 1")
			.param("p", phone.value()).param("now", Timestamp.from(now)).query(Timestamp.class).optional()
			.map(created -> new CodeSent(phone.masked(), created.toInstant().plus(RESEND_INTERVAL)));
	}

	/** Checks a code and returns the resident's username, creating the account on first use. */
	public String verifyCode(String rawPhone, String code, boolean consented) {
		var errors = new FieldErrors();
		var phone = errors.collect(() -> PhoneNumber.of(rawPhone));
		errors.check(code == null || !code.trim().matches("\\d{6}"), "code", "请输入短信中的6位验证码");
		errors.check(!consented, "consent", CONSENT_REQUIRED);
		errors.throwIfAny();
		Instant now = clock.instant();
		var latest = jdbc.sql("""
				select id, code_hash, attempts from sms_code
				where phone = :p and used_at is null and expires_at > :now
				order by created_at desc limit 1 for update""")
			.param("p", phone.value()).param("now", Timestamp.from(now))
			.query((rs, n) -> new Code(rs.getLong("id"), rs.getString("code_hash"), rs.getInt("attempts")))
			.optional()
			.orElseThrow(() -> DomainException.invalid("code", "验证码错误或已过期，请重新获取"));
		if (latest.attempts() >= MAX_CODE_ATTEMPTS) {
			throw DomainException.invalid("code", "验证码错误次数过多，请重新获取");
		}
		boolean matches = Hashes.sha256(phone.value() + ":" + code.trim()).equals(latest.hash());
		jdbc.sql("update sms_code set attempts = attempts + 1, used_at = case when :ok then cast(:now as timestamptz) end where id = :id")
			.param("ok", matches).param("now", Timestamp.from(now)).param("id", latest.id()).update();
		if (!matches) {
			throw DomainException.invalid("code", "验证码错误或已过期，请重新获取");
		}
		var existing = users.findByPhone(phone.value());
		UserAccount user;
		if (existing.isPresent()) {
			user = existing.get();
			if (!user.enabled()) {
				throw DomainException.forbidden("该账号已停用");
			}
			if (user.role() != Role.RESIDENT) {
				throw DomainException.forbidden("该手机号属于工作人员账号，请使用用户名密码登录");
			}
		}
		else {
			user = users.save(UserAccount.resident(phone.value(), randomUsername(), now));
			events.publishEvent(IdentityChanged.of("user", "signed-up", user.id(), "resident " + phone.masked()));
		}
		recordConsent(user.id(), now);
		return user.username();
	}

	private record Code(long id, String hash, int attempts) {
	}

	/** Once per version of the notice: signing in again under the same notice adds nothing. */
	private void recordConsent(long userId, Instant now) {
		int added = jdbc.sql("""
				insert into privacy_consent (user_id, notice_version, consented_at) values (:u, :v, :now)
				on conflict (user_id, notice_version) do nothing""")
			.param("u", userId).param("v", PrivacyNotice.VERSION).param("now", Timestamp.from(now)).update();
		if (added > 0) {
			events.publishEvent(IdentityChanged.of("consent", "given", userId, "privacy notice " + PrivacyNotice.VERSION));
		}
	}

	/** Residents' usernames say nothing about them: the operator's user list must not show phone numbers. */
	private static String randomUsername() {
		return "r-" + Codes.random(10).toLowerCase();
	}

	private static DomainException tooMany(String message) {
		return new DomainException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", message, null);
	}
}
