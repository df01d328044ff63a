package cn.linli.fund.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.fund.ledger.KeepingTheFund;
import cn.linli.fund.ledger.ReconcilingBankStatements;
import cn.linli.fund.query.FundQueries;
import cn.linli.registry.HouseKind;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.Whole;

@RestController
@RequestMapping("/api/v1/fund")
@Tag(name = "fund", description = "专项维修资金：分户账、分摊、计息")
class FundRestController {

	private final KeepingTheFund keeping;
	private final FundQueries queries;
	private final ReconcilingBankStatements bank;

	FundRestController(KeepingTheFund keeping, FundQueries queries, ReconcilingBankStatements bank) {
		this.keeping = keeping;
		this.queries = queries;
		this.bank = bank;
	}

	record ResolveRequest(String note, Integer version) {
	}

	@PostMapping(path = "/compounds/{compoundId}/bank-statement", consumes = { "text/csv", "application/octet-stream" })
	@Operation(summary = "导入银行对账单（CSV：日期,流水号,金额,摘要；金额为元）并与账目核对：按流水号与金额匹配，其余列出待处理")
	ReconcilingBankStatements.Report importStatement(@PathVariable long compoundId, @RequestBody byte[] csv) {
		return bank.importStatement(CurrentActor.get(), compoundId, csv);
	}

	@GetMapping("/compounds/{compoundId}/bank-statement")
	@Operation(summary = "对账情况：待处理的银行流水与账内未见银行记录的收支")
	ReconcilingBankStatements.Report standing(@PathVariable long compoundId) {
		return bank.standing(CurrentActor.get(), compoundId);
	}

	@PostMapping("/compounds/{compoundId}/bank-lines/{lineId}/resolve")
	@Operation(summary = "处理一条未匹配（或金额不符）的银行流水：写明说明")
	ReconcilingBankStatements.BankLine resolve(@PathVariable long compoundId, @PathVariable long lineId, @RequestBody ResolveRequest request) {
		return bank.resolve(CurrentActor.get(), compoundId, lineId, request.note(), request.version());
	}

	record DepositRequest(Map<String, BigDecimal> fenPerSquareMetre, String document, String note) {
	}

	record InterestRequest(BigDecimal amount, String document, String note) {
	}

	@PostMapping("/compounds/{compoundId}/account")
	@Operation(summary = "开立小区维修资金账户（每户一个分户账）：小区所在市、区县住建部门")
	ResponseEntity<FundQueries.AccountView> open(@PathVariable long compoundId) {
		var actor = CurrentActor.get();
		keeping.open(actor, compoundId);
		return ResponseEntity.created(URI.create("/api/v1/fund/compounds/" + compoundId + "/account")).body(queries.account(actor.scope(), compoundId));
	}

	@GetMapping("/compounds/{compoundId}/account")
	@Operation(summary = "小区维修资金账户：余额、户数、首次交存与每笔收支")
	FundQueries.AccountView account(@PathVariable long compoundId) {
		return queries.account(CurrentActor.get().scope(), compoundId);
	}

	@PostMapping("/compounds/{compoundId}/deposits")
	@Operation(summary = "首次交存：按房屋类型的每平方米标准（分）× 面积，四舍五入到分；开发建设单位为未售房屋交存")
	KeepingTheFund.Booked deposit(@PathVariable long compoundId, @RequestBody DepositRequest request) {
		var rates = new EnumMap<HouseKind, Long>(HouseKind.class);
		if (request.fenPerSquareMetre() != null) {
			request.fenPerSquareMetre().forEach((kind, rate) -> {
				try {
					rates.put(HouseKind.valueOf(kind), Whole.of(rate, "rates", "交存标准"));
				}
				catch (IllegalArgumentException e) {
					throw DomainException.invalid("rates", "房屋类型只能是 RESIDENTIAL、COMMERCIAL、PARKING、STALL：" + kind);
				}
			});
		}
		return keeping.deposit(CurrentActor.get(), compoundId, new KeepingTheFund.Deposits(rates, request.document(), request.note()));
	}

	@PostMapping("/compounds/{compoundId}/interest")
	@Operation(summary = "分配年度利息：按各户余额比例，精确到分")
	KeepingTheFund.Booked interest(@PathVariable long compoundId, @RequestBody InterestRequest request) {
		return keeping.allocateInterest(CurrentActor.get(), compoundId, Whole.of(request.amount(), "amount", "利息金额"), request.document(),
				request.note());
	}

	@PostMapping("/compounds/{compoundId}/income")
	@Operation(summary = "转入维修资金的其他收益（如业主大会决定转入的公共收益）：按各户余额比例分配，精确到分")
	KeepingTheFund.Booked income(@PathVariable long compoundId, @RequestBody InterestRequest request) {
		return keeping.allocateIncome(CurrentActor.get(), compoundId, Whole.of(request.amount(), "amount", "收益金额"), request.document(),
				request.note());
	}

	record RefundRequest(String document, String note) {
	}

	@PostMapping("/houses/{houseId}/refund")
	@Operation(summary = "房屋灭失：退还分户账余额并结清分户账（165号令第二十八条）")
	KeepingTheFund.Booked refund(@PathVariable long houseId, @RequestBody RefundRequest request) {
		return keeping.refundLost(CurrentActor.get(), houseId, request.document(), request.note());
	}

	@GetMapping("/houses/{houseId}/ledger")
	@Operation(summary = "房屋分户账：首次交存、余额与每笔明细；余额低于首次交存 30% 时提示续交")
	FundQueries.LedgerView ledger(@PathVariable long houseId) {
		return queries.ledger(CurrentActor.get().scope(), houseId);
	}
}
