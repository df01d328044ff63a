package cn.linli.appeal.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The insert of a new appeal as one explicit statement. Intake is the platform's hottest write;
 * Spring Data JDBC rebuilds a sixty-column insert by reflection on every save, which cost a quarter
 * of an intake request's time in the intake benchmark. Later changes still go through the repository
 * (and its optimistic lock).
 */
@Component
public class AppealInsert {

	private final JdbcClient jdbc;

	AppealInsert(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The appeal with its new id, or empty when its client key is taken: a retry of a request
	 * that is being (or has been) written by another thread got there first. PostgreSQL waits for
	 * that one to commit, so its appeal can then be read.
	 */
	public Optional<Appeal> insert(Appeal a) {
		var id = jdbc.sql("""
				insert into appeal (compound_id, community_code, building_id, house_id, kind, category, urgency, body, terms, attributes,
				  channel, raised_by, raised_by_role, open311_client, contact_phone, client_key, intake_token, status, handler_kind,
				  handler_company_id, level, accept_minutes, resolve_minutes, supervise_minutes, created_at, accept_due_at,
				  next_escalation_at, repeat_of, repeat_reason, repeat_similarity, updated_at, first_accept_due_at, first_resolve_due_at)
				values (:compound, :community, :building, :house, :kind, :category, :urgency, :body, :terms, :attributes,
				  :channel, :raisedBy, :raisedByRole, :client, :phone, :clientKey, :token, :status, :handlerKind,
				  :company, :level, :accept, :resolve, :supervise, :createdAt, :acceptDue,
				  :next, :repeatOf, :repeatReason, :similarity, :updatedAt, :firstAcceptDue, :firstResolveDue)
				on conflict do nothing
				returning id""")
			.param("compound", a.compoundId).param("community", a.communityCode).param("building", a.buildingId).param("house", a.houseId)
			.param("kind", a.kind.name()).param("category", a.category).param("urgency", a.urgency.name()).param("body", a.body)
			.param("terms", a.terms).param("attributes", a.attributes).param("channel", a.channel).param("raisedBy", a.raisedBy)
			.param("raisedByRole", a.raisedByRole).param("client", a.open311Client).param("phone", a.contactPhone)
			.param("clientKey", a.clientKey).param("token", a.intakeToken).param("status", a.status.name())
			.param("handlerKind", a.handlerKind.name()).param("company", a.handlerCompanyId).param("level", a.level.name())
			.param("accept", a.acceptMinutes).param("resolve", a.resolveMinutes).param("supervise", a.superviseMinutes)
			.param("createdAt", ts(a.createdAt)).param("acceptDue", ts(a.acceptDueAt)).param("next", ts(a.nextEscalationAt))
			.param("repeatOf", a.repeatOf).param("repeatReason", a.repeatReason).param("similarity", a.repeatSimilarity)
			.param("updatedAt", ts(a.updatedAt)).param("firstAcceptDue", ts(a.firstAcceptDueAt)).param("firstResolveDue", ts(a.firstResolveDueAt))
			.query(Long.class).optional();
		if (id.isEmpty()) {
			return Optional.empty();
		}
		a.id = id.get();
		a.version = 0;
		return Optional.of(a);
	}

	/** The appeal already written under a client key, by a resident or staff member, or by an Open311 client. */
	public Optional<Long> byClientKey(Long raisedBy, Long open311Client, String clientKey) {
		return jdbc.sql(raisedBy != null ? "select id from appeal where raised_by = :u and client_key = :k"
				: "select id from appeal where open311_client = :c and client_key = :k")
			.param("u", raisedBy).param("c", open311Client).param("k", clientKey).query(Long.class).optional();
	}

	private static Timestamp ts(Instant t) {
		return t == null ? null : Timestamp.from(t);
	}
}
