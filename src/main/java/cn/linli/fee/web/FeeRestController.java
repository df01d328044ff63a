package cn.linli.fee.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.fee.billing.IssuingBills;
import cn.linli.fee.billing.PaymentGateway;
import cn.linli.fee.billing.RecordingPayments;
import cn.linli.fee.board.KeepingThePriceBoard;
import cn.linli.fee.income.KeepingCommonIncome;
import cn.linli.fee.query.FeeQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;
import cn.linli.shared.web.Whole;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "fees", description = "物业费：价目表、账单、缴费、缴费率；公共收益：台账、季度公示、审计要求")
class FeeRestController {

	private final KeepingThePriceBoard board;
	private final IssuingBills billing;
	private final RecordingPayments payments;
	private final KeepingCommonIncome income;
	private final FeeQueries queries;
	private final cn.linli.fee.board.ChangingTheFees changes;

	FeeRestController(KeepingThePriceBoard board, IssuingBills billing, RecordingPayments payments, KeepingCommonIncome income, FeeQueries queries,
			cn.linli.fee.board.ChangingTheFees changes) {
		this.changes = changes;
		this.board = board;
		this.billing = billing;
		this.payments = payments;
		this.income = income;
		this.queries = queries;
	}

	/** Rates in fen (135 = ¥1.35 per m² per month), as every amount of the API. */
	record ItemRequest(String name, String content, String standard, String billing, String houseKind, BigDecimal rateFen, String pricing,
			BigDecimal baseRateFen, Integer floatPercent, String basis, LocalDate startsOn) {
	}

	record EndRequest(LocalDate endsOn) {
	}

	record PaymentRequest(BigDecimal amountFen, String method, String reference) {
	}

	record IncomeRequest(String source, String description, BigDecimal grossFen, BigDecimal costFen, String contractNo, String receiptRef,
			LocalDate receivedOn) {
	}

	record DiscloseRequest(LocalDate quarter) {
	}

	record DemandRequest(String reason) {
	}

	record AnswerRequest(String answer) {
	}

	@GetMapping("/fees/compounds/{compoundId}")
	@Operation(summary = "小区物业费：价目表（明码标价）与缴费率（本月与累计，含金额与户数）")
	FeeQueries.CompoundFees compound(@PathVariable long compoundId, @RequestParam(required = false) String month) {
		return queries.compound(CurrentActor.scope(), compoundId, month(month));
	}

	@PostMapping("/fees/compounds/{compoundId}/items")
	@Operation(summary = "价目表新增收费项目（本小区物业服务企业）：公示于公告栏 30 天，附价格举报电话 12358")
	ResponseEntity<FeeQueries.CompoundFees> addItem(@PathVariable long compoundId, @RequestBody ItemRequest r) {
		var actor = CurrentActor.get();
		board.add(actor, compoundId, new KeepingThePriceBoard.Item(r.name(), r.content(), r.standard(), r.billing(), r.houseKind(),
				fen(r.rateFen(), "rate"), r.pricing(), fen(r.baseRateFen(), "baseRate"), r.floatPercent(), r.basis(), r.startsOn()));
		return ResponseEntity.created(URI.create("/api/v1/fees/compounds/" + compoundId)).body(queries.compound(actor.scope(), compoundId, YearMonth.now()));
	}

	@PostMapping("/fees/compounds/{compoundId}/items/{itemId}/end")
	@Operation(summary = "停止一个收费项目（调价：停止旧项目并新增新项目）")
	FeeQueries.CompoundFees endItem(@PathVariable long compoundId, @PathVariable long itemId, @RequestBody EndRequest r) {
		board.end(CurrentActor.get(), compoundId, itemId, r.endsOn());
		return queries.compound(CurrentActor.scope(), compoundId, YearMonth.now());
	}

	@PostMapping("/fees/compounds/{compoundId}/bills")
	@Operation(summary = "按价目表为本小区每户开具某月账单（month=2026-12）；已开具的户不重复开具")
	IssuingBills.Issued issue(@PathVariable long compoundId, @RequestParam String month) {
		return billing.issue(CurrentActor.get(), compoundId, month(month));
	}

	@GetMapping("/fees/compounds/{compoundId}/bills")
	@Operation(summary = "本小区某月各户账单（物业服务企业与监管部门）")
	PageResponse<FeeQueries.BillView> bills(@PathVariable long compoundId, @RequestParam(required = false) String month,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		return queries.bills(CurrentActor.scope(), compoundId, month(month), new PageRequest(page, size));
	}

	@PostMapping("/fees/bills/{billId}/payments")
	@Operation(summary = "登记缴费（现金凭收据号、转账凭流水号），出具收据；同一流水号只入账一次")
	RecordingPayments.Receipt pay(@PathVariable long billId, @RequestBody PaymentRequest r) {
		return payments.record(CurrentActor.get(), billId, fen(r.amountFen(), "amount"), r.method(), r.reference());
	}

	@PostMapping("/fees/bills/{billId}/checkout")
	@Operation(summary = "业主在线缴纳本户账单（需接入支付渠道）")
	PaymentGateway.Checkout checkout(@PathVariable long billId) {
		return payments.startOnline(CurrentActor.get(), billId);
	}

	@PostMapping("/fees/payment-notifications")
	@Operation(summary = "支付渠道的支付结果通知（验签后入账，重复通知只入账一次）")
	Map<String, Boolean> notification(@RequestParam Map<String, String> notification) {
		return Map.of("accepted", payments.confirmOnline(notification));
	}

	@GetMapping("/me/bills")
	@Operation(summary = "业主：本户的物业费账单与缴费记录")
	List<FeeQueries.BillView> mine() {
		return queries.mine(CurrentActor.scope());
	}

	@GetMapping("/fees/collection")
	@Operation(summary = "监管部门：辖区内各小区某月物业缴费率（金额与户数）")
	List<FeeQueries.CompoundCollection> collection(@RequestParam(required = false) String month) {
		return queries.collection(CurrentActor.scope(), month(month));
	}

	@GetMapping("/income/compounds/{compoundId}")
	@Operation(summary = "小区公共收益台账、季度公示与审计要求（本小区业主可查看）")
	FeeQueries.IncomeLedger incomeLedger(@PathVariable long compoundId) {
		return queries.income(CurrentActor.scope(), compoundId);
	}

	@PostMapping("/income/compounds/{compoundId}/entries")
	@Operation(summary = "公共收益入账（物业服务企业）：来源、收入、成本、合同、收款凭证")
	ResponseEntity<FeeQueries.IncomeLedger> recordIncome(@PathVariable long compoundId, @RequestBody IncomeRequest r) {
		var actor = CurrentActor.get();
		income.record(actor, compoundId, new KeepingCommonIncome.Income(r.source(), r.description(), fen(r.grossFen(), "gross"), fen(r.costFen(), "cost"),
				r.contractNo(), r.receiptRef(), r.receivedOn()));
		return ResponseEntity.created(URI.create("/api/v1/income/compounds/" + compoundId)).body(queries.income(actor.scope(), compoundId));
	}

	@PostMapping("/income/compounds/{compoundId}/disclosures")
	@Operation(summary = "公示一个已结束季度的公共收益（quarter 为季度第一天），公告栏公示 30 天")
	KeepingCommonIncome.Disclosed disclose(@PathVariable long compoundId, @RequestBody DiscloseRequest r) {
		return income.disclose(CurrentActor.get(), compoundId, r.quarter());
	}

	@PostMapping("/income/compounds/{compoundId}/audit-demands")
	@Operation(summary = "业主发起公共收益审计要求并联署本人房屋")
	KeepingCommonIncome.Support demand(@PathVariable long compoundId, @RequestBody DemandRequest r) {
		var actor = CurrentActor.get();
		long id = income.demandAudit(actor, compoundId, r.reason());
		return income.support(id, compoundId);
	}

	@PostMapping("/income/audit-demands/{demandId}/signatures")
	@Operation(summary = "业主联署审计要求：达到专有面积和人数各 20% 后，业委会和社区须答复")
	KeepingCommonIncome.Support sign(@PathVariable long demandId) {
		return income.sign(CurrentActor.get(), demandId);
	}

	@PostMapping("/income/audit-demands/{demandId}/answer")
	@Operation(summary = "业委会或社区答复已达联署比例的审计要求")
	Map<String, String> answer(@PathVariable long demandId, @RequestBody AnswerRequest r) {
		income.answer(CurrentActor.get(), demandId, r.answer());
		return Map.of("answered", "true");
	}

	record ChangeRequest(String reason, String audit, List<RateRequest> rates) {
	}

	record RateRequest(Long itemId, BigDecimal rateFen) {
	}

	record StepRequest(Integer version, java.time.Instant opensAt, java.time.Instant closesAt, LocalDate effectiveOn) {
	}

	@PostMapping("/fees/compounds/{compoundId}/changes")
	@Operation(summary = "收费调整第一步（物业服务企业）：拟调整的项目与新标准（分），成本测算公示 30 天")
	ResponseEntity<List<FeeQueries.ChangeView>> proposeChange(@PathVariable long compoundId, @RequestBody ChangeRequest r) {
		var actor = CurrentActor.get();
		var rates = r.rates() == null ? List.<cn.linli.fee.board.ChangingTheFees.NewRate>of() : r.rates().stream()
			.map(x -> new cn.linli.fee.board.ChangingTheFees.NewRate(x.itemId() == null ? -1 : x.itemId(), fen(x.rateFen(), "rates"))).toList();
		changes.propose(actor, compoundId, r.reason(), r.audit(), rates);
		return ResponseEntity.created(URI.create("/api/v1/fees/compounds/" + compoundId + "/changes")).body(queries.changes(actor.scope(), compoundId));
	}

	@GetMapping("/fees/compounds/{compoundId}/changes")
	@Operation(summary = "小区的收费调整及其所处步骤")
	List<FeeQueries.ChangeView> listChanges(@PathVariable long compoundId) {
		return queries.changes(CurrentActor.scope(), compoundId);
	}

	@PostMapping("/fees/changes/{changeId}/rates")
	@Operation(summary = "第二步：成本测算公示满 30 天后，公示拟调整标准 30 天，并报街道、社区和住建部门")
	Map<String, String> postRates(@PathVariable long changeId, @RequestBody StepRequest r) {
		changes.postRates(CurrentActor.get(), changeId, r.version());
		return Map.of("status", "RATES_POSTED");
	}

	@PostMapping("/fees/changes/{changeId}/vote")
	@Operation(summary = "第三步：标准公示满 30 天后，业委会（或社区）提交业主共同决定（第九项事项，全体业主）")
	Map<String, Long> voteChange(@PathVariable long changeId, @RequestBody StepRequest r) {
		return Map.of("motionId", changes.putToVote(CurrentActor.get(), changeId, r.opensAt(), r.closesAt(), r.version()));
	}

	@PostMapping("/fees/changes/{changeId}/in-force")
	@Operation(summary = "第五步：表决结果公示满 7 天后，物业服务企业自某日起执行新标准（旧标准于前一日停止）")
	Map<String, String> inForce(@PathVariable long changeId, @RequestBody StepRequest r) {
		changes.putInForce(CurrentActor.get(), changeId, r.effectiveOn(), r.version());
		return Map.of("status", "IN_FORCE");
	}

	static YearMonth month(String month) {
		if (month == null || month.isBlank()) {
			return YearMonth.now(cn.linli.shared.time.TimeConfiguration.ZONE);
		}
		try {
			return YearMonth.parse(month.strip());
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid("month", "账期格式应为 2026-12");
		}
	}

	private static Long fen(BigDecimal value, String field) {
		return Whole.of(value, field, "金额");
	}
}
