package cn.linli.fund.project;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.fund.ledger.FundAccess;
import cn.linli.fund.ledger.PayingFromTheFund;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.upload.UploadStore;

/** The project rows as the use cases read and lock them, and the rules of who acts on a project. */
@Component
class Projects {

	record Project(long id, long accountId, long compoundId, String kind, String title, ProjectStatus status, long budgetFen, Instant proposedAt,
			Instant planPostedUntil, String proposerKind, Long motionId, Long advancePostingId, Instant approvalDue, int escalationLevel, int version) {

		boolean emergency() {
			return "EMERGENCY".equals(kind);
		}
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final UploadStore uploads;

	Projects(JdbcClient jdbc, RegistryDirectory directory, UploadStore uploads) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.uploads = uploads;
	}

	CompoundFacts compound(Scope scope, long compoundId) {
		return directory.compoundFacts(compoundId).filter(c -> FundAccess.maySeeAccount(scope, c)).orElseThrow(() -> DomainException.notFound("小区"));
	}

	/** The project, locked, when the caller may see it and it is still as the caller read it. */
	Project lock(Actor actor, long projectId, Integer readVersion) {
		// the caller's right first: an outsider neither waits on the row nor learns that it exists
		var compound = jdbc.sql("select compound_id from fund_project where id = :id").param("id", projectId).query(Long.class).optional();
		if (compound.isEmpty() || directory.compoundFacts(compound.get()).filter(c -> FundAccess.maySeeAccount(actor.scope(), c)).isEmpty()) {
			throw DomainException.notFound("维修资金使用项目");
		}
		var p = jdbc.sql("""
				select id, account_id, compound_id, kind, title, status, budget_fen, proposed_at, plan_posted_until, proposer_kind, motion_id,
				  advance_posting_id, approval_due, escalation_level, version from fund_project where id = :id for update""")
			.param("id", projectId).query((rs, n) -> new Project(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					ProjectStatus.valueOf(rs.getString(6)), rs.getLong(7), rs.getTimestamp(8).toInstant(), instant(rs.getTimestamp(9)), rs.getString(10),
					(Long) rs.getObject(11, Long.class), (Long) rs.getObject(12, Long.class), instant(rs.getTimestamp(13)), rs.getInt(14), rs.getInt(15)))
			.single();
		if (readVersion != null && readVersion != p.version()) {
			throw DomainException.staleVersion();
		}
		return p;
	}

	/** Writes the new state; the version was checked under the lock. */
	void update(long projectId, String assignments, java.util.Map<String, Object> params) {
		var spec = jdbc.sql("update fund_project set " + assignments + ", version = version + 1 where id = :id").param("id", projectId);
		for (var e : params.entrySet()) {
			spec = spec.param(e.getKey(), e.getValue() instanceof Instant i ? Timestamp.from(i) : e.getValue());
		}
		spec.update();
	}

	/** As whom the caller proposes for the compound: its company (head office or staff on site) or its committee. */
	static String proposer(Scope scope, CompoundFacts c) {
		if (c.servedBy(scope)) {
			return "COMPANY";
		}
		return scope.role() == Role.COMMITTEE && c.ownersSide(scope) ? "COMMITTEE" : null;
	}

	/** Approves and pays: the bureau; the committee once the fund has been handed to the owners' assembly. */
	boolean mayApprove(Scope scope, CompoundFacts c, long accountId) {
		String managedBy = jdbc.sql("select managed_by from fund_account where id = :a").param("a", accountId).query(String.class).single();
		return "ASSEMBLY".equals(managedBy) ? scope.role() == Role.COMMITTEE && scope.compoundIds().contains(c.id()) : FundAccess.mayBook(scope, c);
	}

	/** The benefiting houses fixed at the proposal. */
	List<PayingFromTheFund.Beneficiary> beneficiaries(long projectId) {
		return jdbc.sql("select house_id, area_centi, developer_held from fund_project_house where project_id = :p order by house_id").param("p", projectId)
			.query((rs, n) -> new PayingFromTheFund.Beneficiary(rs.getLong(1), rs.getLong(2), rs.getBoolean(3))).list();
	}

	/** Stores the files in the caller's transaction (a refusal afterwards removes them); problems go to {@code errors}. */
	void attach(long projectId, String purpose, List<MultipartFile> files, String field, FieldErrors errors) {
		for (var file : files) {
			String key = errors.collect(() -> uploads.store(file, field, UploadStore.Type.PDF, UploadStore.Type.JPEG, UploadStore.Type.PNG));
			if (key != null) {
				String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "附件" : file.getOriginalFilename().strip();
				jdbc.sql("insert into fund_project_file (project_id, purpose, file_key, title) values (:p, :u, :k, :t)").param("p", projectId)
					.param("u", purpose).param("k", key).param("t", name.length() > 200 ? name.substring(0, 200) : name).update();
			}
		}
	}

	static String district(CompoundFacts c) {
		return c.communityCode().substring(0, 6);
	}

	static String city(CompoundFacts c) {
		return c.communityCode().substring(0, 4);
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
