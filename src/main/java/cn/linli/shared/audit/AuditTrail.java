package cn.linli.shared.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.linli.shared.security.Actor;
import cn.linli.shared.security.CurrentActor;

/**
 * Writes who, when, what and from where for every domain event, in the publishing transaction. The
 * "when" is the database's transaction time (the column's default), not the platform's {@code Clock}:
 * every row of one transaction carries the same time, and a test that moves the clock cannot
 * back-date the audit trail.
 */
@Component
class AuditTrail {

	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

	private final JdbcClient jdbc;

	AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(DomainEvent event) {
		var actor = CurrentActor.find();
		jdbc.sql("""
				insert into audit_log (actor_user_id, actor_name, actor_role, source_ip, action, subject_type, subject_id, summary)
				values (:uid, :name, :role, :ip, :action, :type, :id, :summary)
				""")
			.param("uid", actor.map(Actor::userId).orElse(null))
			.param("name", actor.map(Actor::username).orElse("system"))
			.param("role", actor.map(a -> a.role().name()).orElse(null))
			.param("ip", clientAddress())
			.param("action", event.action())
			.param("type", event.subjectType())
			.param("id", event.subjectId())
			.param("summary", event.summary())
			.update();
		log.debug("audit {} {}:{}", event.action(), event.subjectType(), event.subjectId());
	}

	static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			HttpServletRequest request = attrs.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}
}
