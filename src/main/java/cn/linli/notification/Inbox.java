package cn.linli.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Each user's in-app messages. A user reads and marks only its own. */
@Service
@Transactional
public class Inbox {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Notifier notifier;
	private final Clock clock;

	Inbox(JdbcClient jdbc, JdbcTemplate template, Notifier notifier, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.notifier = notifier;
		this.clock = clock;
	}

	public record Message(long id, Long appealId, String title, String body, Instant createdAt, boolean read) {
	}

	record Delivery(long userId, Long appealId, String title, String body) {
	}

	void deliver(Collection<Delivery> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		var now = Timestamp.from(clock.instant());
		var args = new ArrayList<Object[]>(deliveries.size());
		for (var d : deliveries) {
			args.add(new Object[] { d.userId(), d.appealId(), cut(d.title(), 200), cut(d.body(), 1000), now });
		}
		template.batchUpdate("insert into inbox_message (user_id, appeal_id, title, body, created_at) values (?, ?, ?, ?, ?)", args);
		for (var d : deliveries) {
			notifier.send(d.userId(), d.title(), d.body());
		}
	}

	/** A user's messages, newest first, one page at a time. */
	@Transactional(readOnly = true)
	public PageResponse<Message> page(long userId, PageRequest page) {
		long total = jdbc.sql("select count(*) from inbox_message where user_id = :u").param("u", userId).query(Long.class).single();
		var content = jdbc.sql("""
				select id, appeal_id, title, body, created_at, read_at is not null from inbox_message where user_id = :u
				order by id desc limit :l offset :o""")
			.param("u", userId).param("l", page.size()).param("o", page.offset())
			.query((rs, n) -> new Message(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), rs.getBoolean(6)))
			.list();
		return new PageResponse<>(content, page.page(), page.size(), total);
	}

	@Transactional(readOnly = true)
	public long unread(long userId) {
		return jdbc.sql("select count(*) from inbox_message where user_id = :u and read_at is null").param("u", userId).query(Long.class).single();
	}

	public void markRead(long userId, long messageId) {
		int n = jdbc.sql("update inbox_message set read_at = coalesce(read_at, :now) where id = :id and user_id = :u").param("id", messageId)
			.param("u", userId).param("now", Timestamp.from(clock.instant())).update();
		if (n == 0) {
			throw DomainException.notFound("消息");
		}
	}

	public void markAllRead(long userId) {
		jdbc.sql("update inbox_message set read_at = :now where user_id = :u and read_at is null").param("u", userId)
			.param("now", Timestamp.from(clock.instant())).update();
	}

	private static String cut(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}
