package cn.linli.appeal.open311;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.query.AppealQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Hashes;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * The civic apps allowed to file appeals over Open311, one API key each. The city housing bureau
 * issues and revokes them; the key is shown once and only its SHA-256 is kept, so that a leaked
 * database does not leak working keys. SHA-256 without salt suffices because the key is 256
 * random bits, not something a person chose.
 */
@Service
@Transactional
public class Open311Clients {

	public static final String DEMO_CLIENT = "演示客户端";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Open311Clients(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** A client as the city sees it; {@code hint} is the key's last characters, to tell keys apart. */
	public record Client(long id, String name, String hint, String createdBy, Instant createdAt, Instant revokedAt, long appeals) {

		public boolean active() {
			return revokedAt == null;
		}
	}

	/** The only moment the plain key exists outside the client. */
	public record IssuedKey(long id, String name, String key) {
	}

	public IssuedKey issue(Actor actor, String name) {
		requireCity(actor);
		String n = name == null ? "" : name.strip();
		if (n.isEmpty()) {
			throw DomainException.invalid("name", "请填写客户端名称（使用该密钥的应用或单位）");
		}
		if (n.length() > 100) {
			throw DomainException.invalid("name", "客户端名称不能超过 100 字");
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		long id = insert(n, key, actor.username());
		events.publishEvent(new Open311ClientChanged("open311-client.issued", id, n + "（密钥尾号 " + hint(key) + "）"));
		return new IssuedKey(id, n, key);
	}

	public void revoke(Actor actor, long id) {
		requireCity(actor);
		var name = jdbc.sql("select name from open311_client where id = :id").param("id", id).query(String.class).optional()
			.orElseThrow(() -> DomainException.notFound("Open311 客户端"));
		int revoked = jdbc.sql("update open311_client set revoked_at = :at where id = :id and revoked_at is null").param("id", id)
			.param("at", Timestamp.from(clock.instant())).update();
		if (revoked == 1) {
			events.publishEvent(new Open311ClientChanged("open311-client.revoked", id, name));
		}
	}

	@Transactional(readOnly = true)
	public List<Client> list(Actor actor) {
		requireCity(actor);
		return jdbc.sql("""
				select c.id, c.name, c.key_hint, c.created_by, c.created_at, c.revoked_at,
				  (select count(*) from appeal a where a.open311_client = c.id) as appeals
				from open311_client c order by c.revoked_at nulls first, c.id desc""")
			.query((rs, n) -> new Client(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), AppealQueries.instant(rs, "created_at"),
					AppealQueries.instant(rs, "revoked_at"), rs.getLong(7)))
			.list();
	}

	/** The client's name as the timeline shows who filed (e.g. 12345 政务服务热线). */
	@Transactional(readOnly = true)
	public String nameOf(long clientId) {
		return jdbc.sql("select name from open311_client where id = :id").param("id", clientId).query(String.class).optional().orElse("外部平台");
	}

	/** The client a key belongs to, unless it was revoked. */
	@Transactional(readOnly = true)
	public Optional<Long> clientOf(String key) {
		if (key == null || key.isBlank() || key.length() > 200) {
			return Optional.empty();
		}
		return jdbc.sql("select id from open311_client where key_hash = :h and revoked_at is null").param("h", Hashes.sha256(key.strip()))
			.query(Long.class).optional();
	}

	/**
	 * For the demo data: a client {@value #DEMO_CLIENT} whose key is the configured value, so that
	 * a civic app can be pointed at a fresh installation. Does nothing when the key is already
	 * registered — also when it was revoked since, which must stick across restarts.
	 */
	public void ensureDemoKey(String key) {
		if (key == null || key.isBlank()) {
			return;
		}
		String k = key.strip();
		int added = jdbc.sql("""
				insert into open311_client (name, key_hash, key_hint, created_by, created_at) values (:n, :h, :hint, 'system', :at)
				on conflict (key_hash) do nothing""")
			.param("n", DEMO_CLIENT).param("h", Hashes.sha256(k)).param("hint", hint(k)).param("at", Timestamp.from(clock.instant()))
			.update();
		if (added == 1) {
			long id = jdbc.sql("select id from open311_client where key_hash = :h").param("h", Hashes.sha256(k)).query(Long.class).single();
			events.publishEvent(new Open311ClientChanged("open311-client.issued", id, DEMO_CLIENT + "（演示数据）"));
		}
	}

	private long insert(String name, String key, String by) {
		return jdbc.sql("""
				insert into open311_client (name, key_hash, key_hint, created_by, created_at) values (:n, :h, :hint, :by, :at) returning id""")
			.param("n", name).param("h", Hashes.sha256(key)).param("hint", hint(key)).param("by", by)
			.param("at", Timestamp.from(clock.instant())).query(Long.class).single();
	}

	private static String hint(String key) {
		return key.length() <= 4 ? "" : key.substring(key.length() - 4);
	}

	private static void requireCity(Actor actor) {
		if (actor == null || actor.role() != Role.CITY) {
			throw DomainException.forbidden("只有市住建局可以管理 Open311 客户端密钥");
		}
	}

	record Open311ClientChanged(String action, long clientId, String summary) implements cn.linli.shared.audit.DomainEvent {

		@Override
		public String subjectType() {
			return "open311_client";
		}

		@Override
		public String subjectId() {
			return String.valueOf(clientId);
		}
	}
}
