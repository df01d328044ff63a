package cn.linli.appeal.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * The one way an appeal changes: load it within the caller's scope (404 outside it) at the
 * version the caller saw, let the aggregate take the step, save it (optimistic lock), write the
 * timeline row and publish the event — in the caller's transaction, before anyone gets an answer.
 */
@Component
public class AppealSteps {

	/** A step of the aggregate, at the time the use case runs. */
	public interface Action {
		Appeal.Step apply(Appeal appeal, Instant now);
	}

	private final AppealRepository appeals;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	AppealSteps(AppealRepository appeals, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.appeals = appeals;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	public Instant now() {
		return clock.instant();
	}

	/** The appeal if the caller's scope contains it, at the version the caller saw. */
	public Appeal visible(Actor actor, long id, Integer version) {
		var scope = AppealScope.of(actor, clock);
		boolean inScope = jdbc.sql("select exists (select 1 from appeal a where a.id = :id and " + scope.sql() + ")")
			.params(scope.params()).param("id", id).query(Boolean.class).single();
		if (!inScope) {
			throw DomainException.notFound("诉求");
		}
		var a = appeals.findById(id).orElseThrow(() -> DomainException.notFound("诉求"));
		if (version != null && !version.equals(a.version)) {
			throw DomainException.staleVersion();
		}
		return a;
	}

	/** Loads an appeal for the system itself (sweeps, hand-overs), without a caller's scope. */
	public Appeal load(long id) {
		return appeals.findById(id).orElseThrow(() -> DomainException.notFound("诉求"));
	}

	/** Takes the step, saves, records; {@code actor} is null for the system. */
	public Appeal apply(Actor actor, Appeal a, Action action) {
		var now = clock.instant();
		var step = action.apply(a, now);
		var saved = appeals.save(a);
		record(saved, step, actor, actor == null ? "系统" : actor.displayName(), now);
		return saved;
	}

	/** The timeline row and the event of a step already taken (and saved). */
	public void record(Appeal a, Appeal.Step step, Actor actor, String actorName, Instant now) {
		jdbc.sql("""
				insert into appeal_event (appeal_id, at, action, from_status, to_status, level, actor_user, actor_name, actor_role, note, due_at)
				values (:a, :at, :action, :from, :to, :level, :uid, :name, :role, :note, :due)""")
			.param("a", a.id).param("at", Timestamp.from(now)).param("action", step.action())
			.param("from", step.from() == null ? null : step.from().name()).param("to", step.to().name())
			.param("level", step.level().name()).param("uid", actor == null ? null : actor.userId())
			.param("name", actorName).param("role", actor == null ? null : actor.role().name())
			.param("note", step.note()).param("due", step.dueAt() == null ? null : Timestamp.from(step.dueAt())).update();
		events.publishEvent(a.changed(step));
	}

	/** A required free text of at most {@code max} characters, stripped. */
	public static String required(String value, String field, String message, int max) {
		if (value == null || value.isBlank()) {
			throw DomainException.invalid(field, message);
		}
		return limited(value, field, max).strip();
	}

	public static String required(String value, String field, String message) {
		return required(value, field, message, 2000);
	}

	public static String limited(String value, String field, int max) {
		if (value != null && value.strip().codePointCount(0, value.strip().length()) > max) {
			throw DomainException.invalid(field, "内容不能超过 " + max + " 字");
		}
		return value;
	}
}
