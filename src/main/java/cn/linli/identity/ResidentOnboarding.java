package cn.linli.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.PhoneNumber;

/**
 * 业主身份认证: a resident proves a mobile number with a one-time code, then binds a house by
 * matching the registry (owner's name, last six of the ID number, property certificate number);
 * a tenant binds through an owner's invitation.
 */
@Service
@Transactional(noRollbackFor = DomainException.class)
public class ResidentOnboarding {

	static final Duration CODE_TTL = Duration.ofMinutes(5);
	static final Duration RESEND_INTERVAL = Duration.ofSeconds(60);
	static final int CODES_PER_PHONE_HOUR = 5;
	static final int CODES_PER_IP_HOUR = 20;
	static final int MAX_CODE_ATTEMPTS = 5;
	static final int MAX_BINDING_FAILURES = 5;
	static final int MAX_FAILURES_PER_CERTIFICATE = 10;
	static final Duration BINDING_LOCK = Duration.ofMinutes(30);
	static final Duration INVITATION_TTL = Duration.ofDays(7);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final SmsSender sms;
	private final UserRepository users;
	private final RegistryApi registry;
	private final ApplicationEventPublisher events;

	ResidentOnboarding(JdbcClient jdbc, SmsSender sms, UserRepository users, RegistryApi registry,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.sms = sms;
		this.users = users;
		this.registry = registry;
		this.events = events;
	}

	public void requestCode(String rawPhone, String ip) {
		var phone = PhoneNumber.of(rawPhone);
		boolean recent = jdbc.sql("select exists (select 1 from sms_code where phone = :p and created_at > now() - make_interval(secs => :s))")
			.param("p", phone.value()).param("s", RESEND_INTERVAL.toSeconds()).query(Boolean.class).single();
		if (recent) {
			throw tooMany("验证码已发送，请 60 秒后再试");
		}
		long perPhone = jdbc.sql("select count(*) from sms_code where phone = :p and created_at > now() - interval '1 hour'")
			.param("p", phone.value()).query(Long.class).single();
		long perIp = ip == null ? 0 : jdbc.sql("select count(*) from sms_code where source_ip = :ip and created_at > now() - interval '1 hour'")
			.param("ip", ip).query(Long.class).single();
		if (perPhone >= CODES_PER_PHONE_HOUR || perIp >= CODES_PER_IP_HOUR) {
			throw tooMany("获取验证码过于频繁，请一小时后再试");
		}
		String code = String.format("%06d", RANDOM.nextInt(1_000_000));
		jdbc.sql("insert into sms_code (phone, code_hash, source_ip, expires_at) values (:p, :h, :ip, now() + make_interval(secs => :ttl))")
			.param("p", phone.value()).param("h", cn.linli.shared.domain.Hashes.sha256(phone.value() + ":" + code)).param("ip", ip)
			.param("ttl", CODE_TTL.toSeconds()).update();
		sms.send(phone.value(), "【邻里】您的验证码是 " + code + "，5分钟内有效。请勿告诉他人。");
	}

	/** Checks a code (single use, expiring, five tries) and returns the resident's username, creating the account on first use. */
	public String verifyCode(String rawPhone, String code) {
		var phone = PhoneNumber.of(rawPhone);
		var latest = jdbc.sql("""
				select id, code_hash, attempts from sms_code
				where phone = :p and used_at is null and expires_at > now()
				order by created_at desc limit 1 for update""")
			.param("p", phone.value())
			.query((rs, n) -> new Object[] { rs.getLong("id"), rs.getString("code_hash"), rs.getInt("attempts") })
			.optional()
			.orElseThrow(() -> DomainException.invalid("code", "验证码错误或已过期，请重新获取"));
		long id = (Long) latest[0];
		if ((Integer) latest[2] >= MAX_CODE_ATTEMPTS) {
			throw DomainException.invalid("code", "验证码错误次数过多，请重新获取");
		}
		boolean matches = code != null && cn.linli.shared.domain.Hashes.sha256(phone.value() + ":" + code.trim()).equals(latest[1]);
		jdbc.sql("update sms_code set attempts = attempts + 1, used_at = case when :ok then now() end where id = :id")
			.param("ok", matches).param("id", id).update();
		if (!matches) {
			throw DomainException.invalid("code", "验证码错误或已过期，请重新获取");
		}
		var user = users.findByPhone(phone.value());
		if (user.isPresent()) {
			if (!user.get().enabled) {
				throw DomainException.forbidden("该账号已停用");
			}
			if (user.get().role != cn.linli.shared.security.Role.RESIDENT) {
				throw DomainException.forbidden("该手机号属于工作人员账号，请使用用户名密码登录");
			}
			return user.get().username;
		}
		var created = users.save(UserAccount.resident(phone.value(), randomUsername()));
		events.publishEvent(IdentityChanged.of("user", "signed-up", created.id, "resident " + phone.masked()));
		return created.username;
	}

	/** Binds a house as its owner; a mismatch does not say which field was wrong, and repeated mismatches lock binding. */
	public long bindAsOwner(long userId, String ownerName, String idTail, String certificateNo) {
		long failures = jdbc.sql("select count(*) from binding_attempt where user_id = :u and not succeeded and at > now() - make_interval(secs => :s)")
			.param("u", userId).param("s", BINDING_LOCK.toSeconds()).query(Long.class).single();
		String certificate = certificateNo == null ? "" : certificateNo.trim();
		long againstHouse = jdbc.sql("select count(*) from binding_attempt where certificate_no = :c and not succeeded and at > now() - make_interval(secs => :s)")
			.param("c", certificate).param("s", BINDING_LOCK.toSeconds()).query(Long.class).single();
		if (failures >= MAX_BINDING_FAILURES || againstHouse >= MAX_FAILURES_PER_CERTIFICATE) {
			throw tooMany("认证失败次数过多，请 30 分钟后再试");
		}
		var match = registry.matchOwner(ownerName, idTail, certificateNo);
		jdbc.sql("insert into binding_attempt (user_id, succeeded, certificate_no) values (:u, :ok, :c)").param("u", userId)
			.param("ok", match.isPresent()).param("c", certificate.length() > 50 ? certificate.substring(0, 50) : certificate).update();
		if (match.isEmpty()) {
			throw DomainException.invalid("match", "信息与房屋登记不一致，请核对后重试");
		}
		var m = match.get();
		jdbc.sql("""
				insert into resident_binding (user_id, house_id, relation, owner_id) values (:u, :h, 'OWNER', :o)
				on conflict (user_id, house_id) do update set relation = 'OWNER', owner_id = excluded.owner_id, invited_by = null""")
			.param("u", userId).param("h", m.houseId()).param("o", m.ownerId()).update();
		events.publishEvent(IdentityChanged.of("binding", "owner-bound", m.houseId(), "user " + userId));
		return m.houseId();
	}

	public String invite(long ownerUserId, long houseId) {
		boolean owner = jdbc.sql("select exists (select 1 from resident_binding rb where rb.user_id = :u and rb.house_id = :h and rb.relation = 'OWNER' and "
				+ ValidBindings.CONDITION + ")")
			.param("u", ownerUserId).param("h", houseId).query(Boolean.class).single();
		if (!owner) {
			throw DomainException.notFound("房屋");
		}
		String code = randomCode(8);
		jdbc.sql("insert into tenant_invitation (code_hash, house_id, owner_user_id, expires_at) values (:c, :h, :u, now() + make_interval(secs => :ttl))")
			.param("c", cn.linli.shared.domain.Hashes.sha256(code)).param("h", houseId).param("u", ownerUserId)
			.param("ttl", INVITATION_TTL.toSeconds()).update();
		events.publishEvent(IdentityChanged.of("invitation", "created", houseId, "by user " + ownerUserId));
		return code;
	}

	public long acceptInvitation(long tenantUserId, String code) {
		var invitation = jdbc.sql("""
				select id, house_id, owner_user_id from tenant_invitation
				where code_hash = :c and used_at is null and expires_at > now() for update""")
			.param("c", cn.linli.shared.domain.Hashes.sha256(code == null ? "" : code.trim().toUpperCase()))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }).optional()
			.orElseThrow(() -> DomainException.invalid("code", "邀请码无效或已过期"));
		jdbc.sql("update tenant_invitation set used_by = :u, used_at = now() where id = :id").param("u", tenantUserId)
			.param("id", invitation[0]).update();
		jdbc.sql("""
				insert into resident_binding (user_id, house_id, relation, invited_by) values (:u, :h, 'TENANT', :o)
				on conflict (user_id, house_id) do nothing""")
			.param("u", tenantUserId).param("h", invitation[1]).param("o", invitation[2]).update();
		events.publishEvent(IdentityChanged.of("binding", "tenant-bound", invitation[1], "user " + tenantUserId));
		return invitation[1];
	}

	public record Binding(long houseId, String relation) {
		public String relationLabel() {
			return "OWNER".equals(relation) ? "业主" : "住户（租户）";
		}
	}

	@Transactional(readOnly = true)
	public List<Binding> bindings(long userId) {
		return jdbc.sql("select rb.house_id, rb.relation from resident_binding rb where rb.user_id = :u and " + ValidBindings.CONDITION
				+ " order by rb.id").param("u", userId)
			.query((rs, n) -> new Binding(rs.getLong(1), rs.getString(2))).list();
	}

	/** Residents' usernames say nothing about them: the operator's user list must not show phone numbers. */
	private static String randomUsername() {
		return "r-" + randomCode(10).toLowerCase();
	}

	private static String randomCode(int length) {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		var sb = new StringBuilder();
		for (int i = 0; i < length; i++) {
			sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return sb.toString();
	}

	private static DomainException tooMany(String message) {
		return new DomainException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", message, null);
	}
}
