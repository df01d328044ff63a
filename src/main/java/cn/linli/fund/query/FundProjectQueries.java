package cn.linli.fund.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fund.ledger.FundAccess;
import cn.linli.fund.project.Hazard;
import cn.linli.fund.project.ProjectStatus;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** A compound's repair projects and one project with its files, payments and every house's share — for whoever may see its fund. */
@Service
@Transactional(readOnly = true)
public class FundProjectQueries {

	public record ProjectSummary(long id, String kind, String title, ProjectStatus status, String statusLabel, long budgetFen, Long settledFen,
			Instant proposedAt, int houses) {
	}

	public record FileView(long id, String purpose, String title, @com.fasterxml.jackson.annotation.JsonIgnore String fileKey) {
	}

	public record PaymentView(long postingId, long amountFen, String document, String note, Instant postedAt, String postedBy) {
	}

	public record ProjectView(long id, long compoundId, String compoundName, String kind, String title, String reason, Hazard hazard, String scopeKind,
			long budgetFen, String quotes, ProjectStatus status, String statusLabel, String proposedByName, String proposerKind, Instant proposedAt,
			Instant planPostedUntil, Long appealId, String affectedOwners, String confirmedByName, Instant confirmedAt, Instant approvalDue,
			int escalationLevel, Long motionId, String voteResult, String approvedByName, Instant approvedAt, String acceptedByName, Instant acceptedAt,
			String acceptanceNote, Long settledFen, Instant settledAt, int houses, long areaCenti, List<FileView> files, List<PaymentView> payments,
			int version) {
	}

	public record ShareView(long houseId, String label, long areaCenti, boolean developerHeld, long paidFen) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;

	FundProjectQueries(JdbcClient jdbc, RegistryDirectory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	public List<ProjectSummary> ofCompound(Scope scope, long compoundId) {
		visible(scope, compoundId);
		return jdbc.sql("""
				select p.id, p.kind, p.title, p.status, p.budget_fen, p.settled_fen, p.proposed_at, (select count(*) from fund_project_house h where h.project_id = p.id)
				from fund_project p where p.compound_id = :c order by p.id desc limit 200""")
			.param("c", compoundId).query((rs, n) -> {
				var status = ProjectStatus.valueOf(rs.getString(4));
				return new ProjectSummary(rs.getLong(1), rs.getString(2), rs.getString(3), status, status.label(), rs.getLong(5),
						(Long) rs.getObject(6, Long.class), rs.getTimestamp(7).toInstant(), rs.getInt(8));
			}).list();
	}

	public ProjectView project(Scope scope, long projectId) {
		long compoundId = jdbc.sql("select compound_id from fund_project where id = :id").param("id", projectId).query(Long.class).optional()
			.orElseThrow(() -> DomainException.notFound("维修资金使用项目"));
		// out of scope reads as missing, in the same words
		var compound = directory.compoundFacts(compoundId).filter(c -> FundAccess.maySeeAccount(scope, c))
			.orElseThrow(() -> DomainException.notFound("维修资金使用项目"));
		var files = jdbc.sql("select id, purpose, title, file_key from fund_project_file where project_id = :p order by id").param("p", projectId)
			.query((rs, n) -> new FileView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
		var payments = jdbc.sql("select id, amount_fen, document, note, posted_at, posted_by_name from fund_posting where project_id = :p order by id")
			.param("p", projectId)
			.query((rs, n) -> new PaymentView(rs.getLong(1), -rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)))
			.list();
		return jdbc.sql("""
				select p.id, p.kind, p.title, p.reason, p.hazard, p.scope_kind, p.budget_fen, p.quotes, p.status, p.proposed_by_name, p.proposer_kind,
				  p.proposed_at, p.plan_posted_until, p.appeal_id, p.affected_owners, p.confirmed_by_name, p.confirmed_at, p.approval_due, p.escalation_level,
				  p.motion_id, p.vote_result, p.approved_by_name, p.approved_at, p.accepted_by_name, p.accepted_at, p.acceptance_note, p.settled_fen,
				  p.settled_at, (select count(*) from fund_project_house h where h.project_id = p.id),
				  (select coalesce(sum(area_centi), 0) from fund_project_house h where h.project_id = p.id), p.version
				from fund_project p where p.id = :id""")
			.param("id", projectId).query((rs, n) -> {
				var status = ProjectStatus.valueOf(rs.getString(9));
				return new ProjectView(rs.getLong(1), compoundId, compound.name(), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5) == null ? null : Hazard.valueOf(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getString(8), status, status.label(),
						rs.getString(10), rs.getString(11), at(rs.getTimestamp(12)), at(rs.getTimestamp(13)), (Long) rs.getObject(14, Long.class),
						rs.getString(15), rs.getString(16), at(rs.getTimestamp(17)), at(rs.getTimestamp(18)), rs.getInt(19), (Long) rs.getObject(20, Long.class),
						rs.getString(21), rs.getString(22), at(rs.getTimestamp(23)), rs.getString(24), at(rs.getTimestamp(25)), rs.getString(26),
						(Long) rs.getObject(27, Long.class), at(rs.getTimestamp(28)), rs.getInt(29), rs.getLong(30), files, payments, rs.getInt(31));
			}).single();
	}

	/** Every benefiting house with what it has borne so far, a page at a time (a public register: labels and areas, no owner). */
	public PageResponse<ShareView> shares(Scope scope, long projectId, PageRequest page) {
		var view = project(scope, projectId);
		var labels = new java.util.HashMap<Long, String>();
		directory.housesOfCompound(view.compoundId()).forEach(h -> labels.put(h.houseId(), h.label()));
		var list = jdbc.sql("""
				select h.house_id, h.area_centi, h.developer_held,
				  coalesce((select -sum(e.amount_fen) from fund_entry e join fund_posting fp on fp.id = e.posting_id
				            where fp.project_id = h.project_id and e.house_id = h.house_id), 0)
				from fund_project_house h where h.project_id = :p order by h.house_id limit :l offset :o""")
			.param("p", projectId).param("l", page.size()).param("o", page.offset())
			.query((rs, n) -> new ShareView(rs.getLong(1), labels.getOrDefault(rs.getLong(1), "#" + rs.getLong(1)), rs.getLong(2), rs.getBoolean(3),
					rs.getLong(4)))
			.list();
		return new PageResponse<>(list, page.page(), page.size(), view.houses());
	}

	private RegistryDirectory.CompoundFacts visible(Scope scope, long compoundId) {
		return directory.compoundFacts(compoundId).filter(c -> FundAccess.maySeeAccount(scope, c)).orElseThrow(() -> DomainException.notFound("小区"));
	}

	private static Instant at(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
