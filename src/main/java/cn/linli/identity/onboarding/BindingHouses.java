package cn.linli.identity.onboarding;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.IdentityChanged;
import cn.linli.identity.domain.ValidBindings;
import cn.linli.registry.RegistryAccess;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Hashes;

/**
 * 业主身份认证: a signed-in resident binds a house by matching the registry (owner's name, last six
 * of the ID number, property certificate number); a tenant binds through an owner's invitation.
 */
@Service
@Transactional(noRollbackFor = DomainException.class)
public class BindingHouses {

	static final int MAX_BINDING_FAILURES = 5;
	static final int MAX_FAILURES_PER_CERTIFICATE = 10;
	static final Duration BINDING_LOCK = Duration.ofMinutes(30);
	static final Duration INVITATION_TTL = Duration.ofDays(7);

	private final JdbcClient jdbc;
	private final RegistryAccess access;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	BindingHouses(JdbcClient jdbc, RegistryAccess access, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	/** Binds a house as its owner; a mismatch does not say which field was wrong, and repeated mismatches lock binding. */
	public long bindAsOwner(long userId, String ownerName, String idTail, String certificateNo) {
		Instant now = clock.instant();
		var since = Timestamp.from(now.minus(BINDING_LOCK));
		long failures = jdbc.sql("select count(*) from binding_attempt where user_id = :u and not succeeded and at > :since")
			.param("u", userId).param("since", since).query(Long.class).single();
		String certificate = certificateNo == null ? "" : certificateNo.trim();
		long againstHouse = jdbc.sql("select count(*) from binding_attempt where certificate_no = :c and not succeeded and at > :since")
			.param("c", certificate).param("since", since).query(Long.class).single();
		if (failures >= MAX_BINDING_FAILURES || againstHouse >= MAX_FAILURES_PER_CERTIFICATE) {
			throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "认证失败次数过多，请 30 分钟后再试", null);
		}
		var match = access.matchOwner(ownerName, idTail, certificateNo);
		jdbc.sql("insert into binding_attempt (user_id, succeeded, certificate_no, at) values (:u, :ok, :c, :now)").param("u", userId)
			.param("ok", match.isPresent()).param("c", certificate.length() > 50 ? certificate.substring(0, 50) : certificate)
			.param("now", Timestamp.from(now)).update();
		if (match.isEmpty()) {
			throw DomainException.invalid("match", "信息与房屋登记不一致，请核对后重试");
		}
		var m = match.get();
		jdbc.sql("""
				insert into resident_binding (user_id, house_id, relation, owner_id, created_at) values (:u, :h, 'OWNER', :o, :now)
				on conflict (user_id, house_id) do update set relation = 'OWNER', owner_id = excluded.owner_id, invited_by = null""")
			.param("u", userId).param("h", m.houseId()).param("o", m.ownerId()).param("now", Timestamp.from(now)).update();
		events.publishEvent(IdentityChanged.of("binding", "owner-bound", m.houseId(), "user " + userId));
		return m.houseId();
	}

	/** An owner invites family or a tenant to its house: a code valid for seven days, used once. */
	public String invite(long ownerUserId, long houseId) {
		boolean owner = jdbc.sql("select exists (select 1 from resident_binding rb where rb.user_id = :u and rb.house_id = :h and rb.relation = 'OWNER' and "
				+ ValidBindings.CONDITION + ")")
			.param("u", ownerUserId).param("h", houseId).query(Boolean.class).single();
		if (!owner) {
			throw DomainException.notFound("房屋");
		}
		Instant now = clock.instant();
		String code = Codes.random(8);
		jdbc.sql("""
				insert into tenant_invitation (code_hash, house_id, owner_user_id, created_at, expires_at)
				values (:c, :h, :u, :now, :expires)""")
			.param("c", Hashes.sha256(code)).param("h", houseId).param("u", ownerUserId).param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(INVITATION_TTL))).update();
		events.publishEvent(IdentityChanged.of("invitation", "created", houseId, "by user " + ownerUserId));
		return code;
	}

	public long acceptInvitation(long tenantUserId, String code) {
		Instant now = clock.instant();
		var invitation = jdbc.sql("""
				select id, house_id, owner_user_id from tenant_invitation
				where code_hash = :c and used_at is null and expires_at > :now for update""")
			.param("c", Hashes.sha256(code == null ? "" : code.trim().toUpperCase())).param("now", Timestamp.from(now))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }).optional()
			.orElseThrow(() -> DomainException.invalid("code", "邀请码无效或已过期"));
		jdbc.sql("update tenant_invitation set used_by = :u, used_at = :now where id = :id").param("u", tenantUserId)
			.param("now", Timestamp.from(now)).param("id", invitation[0]).update();
		jdbc.sql("""
				insert into resident_binding (user_id, house_id, relation, invited_by, created_at) values (:u, :h, 'TENANT', :o, :now)
				on conflict (user_id, house_id) do nothing""")
			.param("u", tenantUserId).param("h", invitation[1]).param("o", invitation[2]).param("now", Timestamp.from(now)).update();
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
}
