package cn.linli.fee.query;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fee.FeeAccess;
import cn.linli.fee.FeeIndicators.Collection;
import cn.linli.fee.income.KeepingCommonIncome;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** The price board, bills, the 物业缴费率 and the common income, each for who may see it. */
@Service
@Transactional(readOnly = true)
public class FeeQueries {

	public record ItemView(long id, String name, String content, String standard, String billing, String houseKind, long rateFen, String pricing,
			Long baseRateFen, Integer floatPercent, String basis, LocalDate startsOn, LocalDate endsOn) {
	}

	public record BillView(long id, long houseId, String houseLabel, LocalDate period, long amountFen, long paidFen, List<String> lines,
			List<PaymentView> payments) {

		public long owedFen() {
			return amountFen - paidFen;
		}
	}

	public record PaymentView(String receiptNo, long amountFen, String method, String reference, Instant paidAt) {
	}

	public record CompoundFees(long compoundId, String compoundName, boolean mayKeep, List<ItemView> board, Collection thisMonth, Collection all) {
	}

	public record CompoundCollection(long compoundId, String compoundName, Collection collection) {
	}

	public record IncomeView(long id, String source, String description, long grossFen, long costFen, String contractNo, String receiptRef,
			LocalDate receivedOn) {
	}

	public record DisclosureView(LocalDate quarter, long grossFen, long costFen, int entries, Instant postedAt) {
	}

	public record DemandView(long id, String reason, Instant openedAt, Instant reachedAt, String answer, String answeredBy, Instant answeredAt,
			KeepingCommonIncome.Support support) {
	}

	public record IncomeLedger(long compoundId, String compoundName, long grossFen, long costFen, List<IncomeView> entries,
			List<DisclosureView> disclosures, List<DemandView> demands) {
	}

	public record ChangeView(long id, String status, String reason, String proposedByName, Instant auditPostedAt, Instant ratesPostedAt, Long motionId,
			String voteResult, Instant resultPostedAt, LocalDate effectiveOn, List<String> rates, int version) {
	}

	private static final String COLLECTION = cn.linli.fee.FeeIndicators.COLUMNS;

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final KeepingCommonIncome income;

	FeeQueries(JdbcClient jdbc, RegistryDirectory directory, KeepingCommonIncome income) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.income = income;
	}

	public CompoundFees compound(Scope scope, long compoundId, YearMonth month) {
		var c = visible(scope, compoundId);
		var board = jdbc.sql("""
				select id, name, content, standard, billing, house_kind, rate_fen, pricing, base_rate_fen, float_percent, basis, starts_on, ends_on
				from fee_item where compound_id = :c order by ends_on is not null, id""")
			.param("c", compoundId)
			.query((rs, n) -> new ItemView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7),
					rs.getString(8), (Long) rs.getObject(9, Long.class), (Integer) rs.getObject(10, Integer.class), rs.getString(11),
					rs.getDate(12).toLocalDate(), rs.getDate(13) == null ? null : rs.getDate(13).toLocalDate()))
			.list();
		var thisMonth = jdbc.sql("select " + COLLECTION + " from fee_bill b where b.compound_id = :c and b.period = :p").param("c", compoundId)
			.param("p", Date.valueOf(month.atDay(1))).query(this::collection).single();
		var all = jdbc.sql("select " + COLLECTION + " from fee_bill b where b.compound_id = :c").param("c", compoundId).query(this::collection).single();
		return new CompoundFees(compoundId, c.name(), FeeAccess.mayKeep(scope, c), board, thisMonth, all);
	}

	/** The compound's bills of a month, house by house (not for a resident or the committee: others' arrears are personal). */
	public PageResponse<BillView> bills(Scope scope, long compoundId, YearMonth month, PageRequest page) {
		var c = visible(scope, compoundId);
		if (scope.role() == Role.RESIDENT || scope.role() == Role.COMMITTEE) {
			throw DomainException.forbidden("各户账单仅物业服务企业与监管部门查看；业主请在「我的账单」查看本户");
		}
		long total = jdbc.sql("select count(*) from fee_bill where compound_id = :c and period = :p").param("c", compoundId)
			.param("p", Date.valueOf(month.atDay(1))).query(Long.class).single();
		var ids = jdbc.sql("select id from fee_bill where compound_id = :c and period = :p order by house_id limit :l offset :o").param("c", compoundId)
			.param("p", Date.valueOf(month.atDay(1))).param("l", page.size()).param("o", page.offset()).query(Long.class).list();
		return new PageResponse<>(billsOf(c.id(), ids), page.page(), page.size(), total);
	}

	/** A resident's bills, every house it lives in, newest first. */
	public List<BillView> mine(Scope scope) {
		if (scope.role() != Role.RESIDENT || scope.houseIds().isEmpty()) {
			return List.of();
		}
		var rows = jdbc.sql("select id, compound_id from fee_bill where house_id = any(:h::bigint[]) order by period desc, house_id limit 120")
			.param("h", scope.houseIds().toArray(Long[]::new)).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
		var byCompound = new java.util.LinkedHashMap<Long, List<Long>>();
		rows.forEach(r -> byCompound.computeIfAbsent(r[1], k -> new java.util.ArrayList<>()).add(r[0]));
		var out = new java.util.ArrayList<BillView>();
		byCompound.forEach((compound, ids) -> out.addAll(billsOf(compound, ids)));
		out.sort(java.util.Comparator.comparing(BillView::period).reversed().thenComparing(BillView::houseId));
		return out;
	}

	/** 物业缴费率 of every compound a supervisor oversees, for a month; the region's total first. */
	public List<CompoundCollection> collection(Scope scope, YearMonth month) {
		if (!scope.isRegional()) {
			throw DomainException.forbidden("缴费率汇总由监管部门查看");
		}
		return jdbc.sql("""
				select c.id, c.name, %s from compound c join fee_bill b on b.compound_id = c.id and b.period = :p
				where c.community_code like :r group by c.id, c.name order by c.name limit 500""".formatted(COLLECTION))
			.param("p", Date.valueOf(month.atDay(1))).param("r", scope.regionCode() + "%")
			.query((rs, n) -> new CompoundCollection(rs.getLong(1), rs.getString(2), Collection.of(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))))
			.list();
	}

	/** The common income's ledger, its quarterly disclosures and the audit demands — for the compound's owners too. */
	public IncomeLedger income(Scope scope, long compoundId) {
		var c = visible(scope, compoundId);
		var entries = jdbc.sql("""
				select id, source, description, gross_fen, cost_fen, contract_no, receipt_ref, received_on from common_income
				where compound_id = :c order by received_on desc, id desc limit 500""")
			.param("c", compoundId).query((rs, n) -> new IncomeView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
					rs.getString(6), rs.getString(7), rs.getDate(8).toLocalDate()))
			.list();
		var totals = jdbc.sql("select coalesce(sum(gross_fen), 0), coalesce(sum(cost_fen), 0) from common_income where compound_id = :c").param("c", compoundId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		var disclosures = jdbc.sql("select quarter, gross_fen, cost_fen, entries, posted_at from common_income_disclosure where compound_id = :c order by quarter desc")
			.param("c", compoundId).query((rs, n) -> new DisclosureView(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getInt(4),
					rs.getTimestamp(5).toInstant()))
			.list();
		var demands = jdbc.sql("select id, reason, opened_at, reached_at, answer, answered_by, answered_at from common_income_audit_demand where compound_id = :c order by id desc")
			.param("c", compoundId).query((rs, n) -> new DemandView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), at(rs.getTimestamp(4)),
					rs.getString(5), rs.getString(6), at(rs.getTimestamp(7)), null))
			.list().stream().map(d -> new DemandView(d.id(), d.reason(), d.openedAt(), d.reachedAt(), d.answer(), d.answeredBy(), d.answeredAt(),
					income.support(d.id(), compoundId)))
			.toList();
		return new IncomeLedger(compoundId, c.name(), totals[0], totals[1], entries, disclosures, demands);
	}

	/** A compound's fee changes, newest first, each with its proposed rates (old → new). */
	public List<ChangeView> changes(Scope scope, long compoundId) {
		visible(scope, compoundId);
		var rates = new java.util.HashMap<Long, List<String>>();
		jdbc.sql("""
				select ci.change_id, i.name, i.rate_fen, ci.new_rate_fen from fee_change_item ci join fee_item i on i.id = ci.item_id
				join fee_change c on c.id = ci.change_id where c.compound_id = :c order by i.id""")
			.param("c", compoundId).query((rs, n) -> rates.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
				.add(rs.getString(2) + "：" + java.math.BigDecimal.valueOf(rs.getLong(3), 2) + " → " + java.math.BigDecimal.valueOf(rs.getLong(4), 2) + " 元"))
			.list();
		return jdbc.sql("""
				select id, status, reason, proposed_by_name, audit_posted_at, rates_posted_at, motion_id, vote_result, result_posted_at, effective_on, version
				from fee_change where compound_id = :c order by id desc""")
			.param("c", compoundId).query((rs, n) -> new ChangeView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), at(rs.getTimestamp(6)), (Long) rs.getObject(7, Long.class), rs.getString(8), at(rs.getTimestamp(9)),
					rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(), rates.getOrDefault(rs.getLong(1), List.of()), rs.getInt(11)))
			.list();
	}

	private List<BillView> billsOf(long compoundId, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		var labels = new java.util.HashMap<Long, String>();
		directory.housesOfCompound(compoundId).forEach(h -> labels.put(h.houseId(), h.label()));
		var payments = new java.util.HashMap<Long, List<PaymentView>>();
		jdbc.sql("select bill_id, receipt_no, amount_fen, method, reference, paid_at from fee_payment where bill_id = any(:b::bigint[]) order by id")
			.param("b", ids.toArray(Long[]::new)).query((rs, n) -> payments.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
				.add(new PaymentView(rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())))
			.list();
		return jdbc.sql("select id, house_id, period, amount_fen, paid_fen, lines from fee_bill where id = any(:b::bigint[]) order by period desc, house_id")
			.param("b", ids.toArray(Long[]::new))
			.query((rs, n) -> new BillView(rs.getLong(1), rs.getLong(2), labels.getOrDefault(rs.getLong(2), "#" + rs.getLong(2)), rs.getDate(3).toLocalDate(),
					rs.getLong(4), rs.getLong(5), List.of(rs.getString(6).split("\n")), payments.getOrDefault(rs.getLong(1), List.of())))
			.list();
	}

	private Collection collection(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return Collection.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
	}

	private CompoundFacts visible(Scope scope, long compoundId) {
		return directory.compoundFacts(compoundId).filter(f -> FeeAccess.maySee(scope, f)).orElseThrow(() -> DomainException.notFound("小区"));
	}

	private static Instant at(java.sql.Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
