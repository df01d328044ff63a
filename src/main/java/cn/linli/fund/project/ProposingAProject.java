package cn.linli.fund.project;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.fund.FundProjectChanged;
import cn.linli.governance.GovernanceApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.security.Actor;
import cn.linli.shared.domain.Money;

/**
 * 申请使用维修资金. The normal way: the company or the committee proposes a repair (what, why, the
 * benefiting houses, budget, quotes, the Art. 25 statement), the plan is posted for at least seven
 * days, then the committee (or the community where none is in term) puts it to the benefiting
 * houses' matter-5 vote. The emergency way: a hazard reported with photos and the affected owners,
 * confirmed on site by the other party, goes to approval on a short clock without a vote.
 */
@Service
@Transactional
public class ProposingAProject {

	/** The plan stays on the notice board at least this long before it may be put to the vote (DOMAIN.md §6a). */
	public static final Duration PLAN_POSTING = Duration.ofDays(7);

	/** What is proposed. {@code scope}: COMPOUND, BUILDINGS (with {@code buildingIds}) or HOUSES (with {@code houseIds}, e.g. a unit). */
	public record Proposal(String title, String reason, String scope, List<Long> buildingIds, List<Long> houseIds, Long budgetFen, String quotes,
			boolean notExcluded, List<MultipartFile> files) {

		public Proposal {
			title = title == null ? null : title.strip();
			reason = reason == null ? null : reason.strip();
			buildingIds = buildingIds == null ? List.of() : buildingIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
			houseIds = houseIds == null ? List.of() : houseIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
			quotes = quotes == null ? "" : quotes.strip();
			files = files == null ? List.of() : files.stream().filter(f -> f != null && !f.isEmpty()).toList();
		}
	}

	/** An emergency: the hazard, who on site are affected, photos; an emergency appeal it comes from, if any. */
	public record Emergency(String hazard, String affectedOwners, Long appealId) {
	}

	private final JdbcClient jdbc;
	private final Projects projects;
	private final RegistryDirectory directory;
	private final GovernanceApi governance;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Duration approvalClock;

	ProposingAProject(JdbcClient jdbc, Projects projects, RegistryDirectory directory, GovernanceApi governance, ApplicationEventPublisher events,
			Clock clock, @Value("${linli.fund.emergency-approval:PT24H}") Duration approvalClock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.directory = directory;
		this.governance = governance;
		this.events = events;
		this.clock = clock;
		this.approvalClock = approvalClock;
	}

	/** A normal project; its plan goes on the notice board at once. Answers its id. */
	public long propose(Actor actor, long compoundId, Proposal p) {
		var c = projects.compound(actor.scope(), compoundId);
		String proposer = proposer(actor, c);
		var errors = problems(p);
		long id = insert(actor, c, p, proposer, null, null, errors);
		Instant until = clock.instant().plus(PLAN_POSTING);
		jdbc.sql("update fund_project set plan_posted_until = :u where id = :id").param("u", Timestamp.from(until)).param("id", id).update();
		int houses = projects.beneficiaries(id).size();
		events.publishEvent(new NoticeRequested(compoundId, "FUND_USE", "维修资金使用方案公示：" + p.title(),
				"""
						项目：%s
						原因：%s
						受益范围：%d 户（费用按专有部分面积分摊，开发建设单位承担未售房屋的份额）
						预算：%s 元
						报价：%s
						申请人声明：本项目费用不属于保修期内由建设单位承担、专业经营单位负责的设施设备或人为损坏应由责任人承担的范围（建设部、财政部令第165号第二十五条）。
						公示期满后由业委会（或社区）发起业主表决，须经受益房屋专有面积和人数三分之二以上参与、参与表决者过半数同意。"""
					.formatted(p.title(), p.reason(), houses, Money.yuan(p.budgetFen()), p.quotes().isEmpty() ? "见附件" : p.quotes()),
				(int) PLAN_POSTING.toDays(), proposer, actor.displayName(), "fund_project:" + id + ":plan"));
		events.publishEvent(FundProjectChanged.of("proposed", id, compoundId, p.title(), actor.displayName() + " 提出维修资金使用方案，预算 " + Money.yuan(p.budgetFen())
				+ " 元，" + houses + " 户受益；公示至 " + until, null));
		return id;
	}

	/** An emergency, reported by the company or the committee; the other party confirms it on site. Answers its id. */
	public long reportEmergency(Actor actor, long compoundId, Proposal p, Emergency e) {
		var c = projects.compound(actor.scope(), compoundId);
		String proposer = proposer(actor, c);
		var errors = problems(p);
		Hazard hazard = errors.collect(() -> Hazard.parse(e.hazard()));
		String affected = e.affectedOwners() == null ? "" : e.affectedOwners().strip();
		errors.check(affected.isEmpty() || affected.length() > 500, "affectedOwners", "请填写到场确认的受影响业主（不超过500字）");
		errors.check(p.files().isEmpty(), "files", "应急使用须附现场照片");
		// the emergency appeal it starts from must be this compound's
		errors.check(e.appealId() != null && !jdbc.sql("select exists (select 1 from appeal where id = :a and compound_id = :c)").param("a", e.appealId())
			.param("c", compoundId).query(Boolean.class).single(), "appealId", "所选诉求不是本小区的诉求");
		long id = insert(actor, c, p, proposer, hazard, e.appealId(), errors);
		jdbc.sql("update fund_project set affected_owners = :a where id = :id").param("a", affected).param("id", id).update();
		events.publishEvent(FundProjectChanged.of("reported", id, compoundId, p.title(),
				actor.displayName() + " 报告紧急情况（" + hazard.label() + "），申请应急使用维修资金，预算 " + Money.yuan(p.budgetFen()) + " 元", null));
		return id;
	}

	/**
	 * The other party confirms the emergency on site: the committee or the community when the company
	 * reported it, the company when the committee did. The approval clock starts.
	 */
	public void confirmEmergency(Actor actor, long projectId, Integer version) {
		var p = projects.lock(actor, projectId, version);
		var c = directory.compoundFacts(p.compoundId()).orElseThrow();
		if (p.status() != ProjectStatus.REPORTED) {
			throw DomainException.conflict("project-state", "只有待联合确认的应急项目可以确认（当前：" + p.status().label() + "）");
		}
		boolean other = "COMPANY".equals(p.proposerKind()) ? c.ownersSide(actor.scope()) : c.servedBy(actor.scope());
		if (!other) {
			throw DomainException.forbidden("应急使用须由另一方现场联合确认：物业报告的由业委会或社区确认，业委会报告的由物业确认");
		}
		Instant now = clock.instant();
		projects.update(projectId, "status = 'CONFIRMED', confirmed_by_name = :n, confirmed_at = :at, approval_due = :due",
				Map.of("n", actor.displayName(), "at", now, "due", now.plus(approvalClock)));
		events.publishEvent(FundProjectChanged.of("confirmed", projectId, p.compoundId(), p.title(),
				actor.displayName() + " 现场联合确认；住建部门应于 " + approvalClock.toHours() + " 小时内审核", Projects.district(c)));
	}

	/** The committee (or the community) puts a plan posted for seven days to the benefiting houses' matter-5 vote. Answers the motion's id. */
	public long putToVote(Actor actor, long projectId, Instant opensAt, Instant closesAt, Integer version) {
		var p = projects.lock(actor, projectId, version);
		if (p.status() != ProjectStatus.PLAN_POSTED) {
			throw DomainException.conflict("project-state", "只有公示中的方案可以发起表决（当前：" + p.status().label() + "）");
		}
		if (clock.instant().isBefore(p.planPostedUntil())) {
			throw DomainException.conflict("plan-posting", "方案公示不满 " + PLAN_POSTING.toDays() + " 天，公示期至 " + p.planPostedUntil() + "，期满后才能发起表决");
		}
		var houses = projects.beneficiaries(projectId).stream().map(b -> b.houseId()).toList();
		String body = jdbc.sql("select reason || chr(10) || '预算：' || (budget_fen / 100.0)::numeric(20, 2) || ' 元' || chr(10) || quotes from fund_project where id = :id")
			.param("id", projectId).query(String.class).single();
		long motion = governance.conveneFundUse(actor, p.compoundId(), "使用维修资金：" + p.title(), body, houses, opensAt, closesAt);
		projects.update(projectId, "status = 'VOTING', motion_id = :m", Map.of("m", motion));
		events.publishEvent(FundProjectChanged.of("voting", projectId, p.compoundId(), p.title(), "发起业主表决（表决事项 " + motion + "），" + houses.size() + " 户受益", null));
		return motion;
	}

	private String proposer(Actor actor, CompoundFacts c) {
		String proposer = Projects.proposer(actor.scope(), c);
		if (proposer == null) {
			throw DomainException.forbidden("维修资金使用由本小区的物业服务企业或业委会提出");
		}
		return proposer;
	}

	private static FieldErrors problems(Proposal p) {
		var errors = new FieldErrors();
		errors.check(p.title() == null || p.title().isEmpty() || p.title().length() > 200, "title", "项目名称必填，且不超过200字");
		errors.check(p.reason() == null || p.reason().isEmpty() || p.reason().length() > 5_000, "reason", "请说明维修原因（不超过5000字）");
		errors.check(p.budgetFen() == null || p.budgetFen() <= 0 || p.budgetFen() > 100_000_000_000L, "budget", "预算须大于 0 元且不超过 10 亿元");
		errors.check(p.quotes().length() > 5_000, "quotes", "报价说明不超过5000字");
		errors.check(!p.notExcluded(), "notExcluded", "须声明本项目费用不属于保修、专业经营单位或人为损坏的责任范围（165号令第二十五条）");
		errors.check(p.files().size() > 6, "files", "附件最多 6 个");
		return errors;
	}

	/** The project with its benefiting houses; every problem, the scope's included, is reported at once. */
	private long insert(Actor actor, CompoundFacts c, Proposal p, String proposer, Hazard hazard, Long appealId, FieldErrors errors) {
		// the houses with an open ledger in the compound's account: a lost house's is closed and shares no cost; a house
		// registered since the last deposit has none yet and joins with its first deposit
		var ledgers = new HashSet<>(jdbc.sql("select l.house_id from fund_ledger l join fund_account a on a.id = l.account_id where a.compound_id = :c and l.closed_at is null")
			.param("c", c.id()).query(Long.class).list());
		var all = directory.housesOfCompound(c.id()).stream().filter(h -> ledgers.contains(h.houseId())).toList();
		String scope = p.scope() == null || p.scope().isBlank() ? "COMPOUND" : p.scope().strip();
		List<RegistryDirectory.HouseArea> benefiting = switch (scope) {
			case "COMPOUND" -> all;
			case "BUILDINGS" -> {
				var ids = new HashSet<>(p.buildingIds());
				var found = all.stream().filter(h -> ids.contains(h.buildingId())).toList();
				errors.check(ids.isEmpty(), "buildingIds", "请选择受益楼栋");
				errors.check(!ids.isEmpty() && found.stream().map(RegistryDirectory.HouseArea::buildingId).distinct().count() != ids.size(), "buildingIds",
						"受益楼栋中有不属于本小区（或没有房屋）的楼栋");
				yield found;
			}
			case "HOUSES" -> {
				var ids = new HashSet<>(p.houseIds());
				var found = all.stream().filter(h -> ids.contains(h.houseId())).toList();
				errors.check(ids.isEmpty(), "houseIds", "请选择受益房屋");
				errors.check(found.size() != ids.size(), "houseIds", "受益房屋中有不属于本小区（或尚无维修资金分户账）的房屋");
				yield found;
			}
			default -> {
				errors.add("scope", "受益范围只能是全小区、楼栋或指定房屋");
				yield List.of();
			}
		};
		errors.check(errors.isEmpty() && benefiting.isEmpty(), "scope", "受益范围内没有房屋");
		var account = jdbc.sql("select id from fund_account where compound_id = :c").param("c", c.id()).query(Long.class).optional();
		if (account.isEmpty()) {
			errors.add("scope", "该小区尚未开立维修资金账户");
		}
		errors.throwIfAny();
		long id = jdbc.sql("""
				insert into fund_project (account_id, compound_id, kind, title, reason, hazard, scope_kind, building_ids, budget_fen, quotes, not_excluded,
				  status, proposed_by, proposed_by_name, proposer_kind, proposed_at, appeal_id)
				values (:a, :c, :k, :t, :r, :hz, :s, :b, :budget, :q, true, :st, :by, :name, :pk, :at, :appeal) returning id""")
			.param("a", account.get()).param("c", c.id()).param("k", hazard == null ? "NORMAL" : "EMERGENCY").param("t", p.title()).param("r", p.reason())
			.param("hz", hazard == null ? null : hazard.name()).param("s", scope)
			.param("b", "BUILDINGS".equals(scope) ? p.buildingIds().toArray(Long[]::new) : null).param("budget", p.budgetFen()).param("q", p.quotes())
			.param("st", hazard == null ? "PLAN_POSTED" : "REPORTED").param("by", actor.userId()).param("name", actor.displayName()).param("pk", proposer)
			.param("at", Timestamp.from(clock.instant())).param("appeal", appealId).query(Long.class).single();
		jdbc.sql("""
				insert into fund_project_house (project_id, house_id, area_centi, developer_held)
				select :p, * from unnest(:h::bigint[], :a::bigint[], :d::boolean[])""")
			.param("p", id).param("h", benefiting.stream().map(RegistryDirectory.HouseArea::houseId).toArray(Long[]::new))
			.param("a", benefiting.stream().map(RegistryDirectory.HouseArea::exclusiveAreaCenti).toArray(Long[]::new))
			.param("d", benefiting.stream().map(RegistryDirectory.HouseArea::developerHeld).toArray(Boolean[]::new)).update();
		projects.attach(id, hazard == null ? "QUOTE" : "PHOTO", p.files(), "files", errors);
		errors.throwIfAny();
		return id;
	}

}
