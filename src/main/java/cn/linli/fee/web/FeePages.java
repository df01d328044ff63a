package cn.linli.fee.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.fee.billing.IssuingBills;
import cn.linli.fee.billing.RecordingPayments;
import cn.linli.fee.board.KeepingThePriceBoard;
import cn.linli.fee.income.KeepingCommonIncome;
import cn.linli.fee.query.FeeQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.LocalTime;
import cn.linli.shared.web.PageActions;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.YuanInput;

/**
 * 物业费与公共收益 on pages: a compound's price board, collection rate, bills and common income
 * with the company's forms; a resident's own bills; the supervisors' collection rates. Amounts are
 * typed in yuan here and kept in fen.
 */
@Controller
class FeePages {

	private final KeepingThePriceBoard board;
	private final IssuingBills billing;
	private final RecordingPayments payments;
	private final KeepingCommonIncome income;
	private final FeeQueries queries;
	private final cn.linli.registry.RegistryDirectory directory;
	private final cn.linli.fee.board.ChangingTheFees changes;

	FeePages(KeepingThePriceBoard board, IssuingBills billing, RecordingPayments payments, KeepingCommonIncome income, FeeQueries queries,
			cn.linli.registry.RegistryDirectory directory, cn.linli.fee.board.ChangingTheFees changes) {
		this.changes = changes;
		this.directory = directory;
		this.board = board;
		this.billing = billing;
		this.payments = payments;
		this.income = income;
		this.queries = queries;
	}

	@GetMapping("/fees/compounds/{compoundId}")
	String compound(@PathVariable long compoundId, @RequestParam(required = false) String month, @RequestParam(defaultValue = "0") int page, Model model) {
		var actor = CurrentActor.get();
		var m = FeeRestController.month(month);
		var fees = queries.compound(actor.scope(), compoundId, m);
		model.addAttribute("fees", fees);
		model.addAttribute("month", m.toString());
		model.addAttribute("income", queries.income(actor.scope(), compoundId));
		if (actor.role() != Role.RESIDENT && actor.role() != Role.COMMITTEE) {
			model.addAttribute("bills", queries.bills(actor.scope(), compoundId, m, new PageRequest(Math.max(0, page), 50)));
		}
		model.addAttribute("mayAnswer", actor.role() == Role.COMMITTEE || actor.role() == Role.COMMUNITY);
		model.addAttribute("changes", queries.changes(actor.scope(), compoundId));
		var now = java.time.LocalDateTime.now(cn.linli.shared.time.TimeConfiguration.ZONE).withSecond(0).withNano(0);
		model.addAttribute("voteOpens", now.plusMinutes(5).toString());
		model.addAttribute("voteCloses", now.plusDays(14).toString());
		model.addAttribute("isResident", actor.role() == Role.RESIDENT);
		return "fee/compound";
	}

	@PostMapping("/fees/compounds/{compoundId}/items")
	String addItem(@PathVariable long compoundId, @RequestParam(required = false) String name, @RequestParam(required = false) String content,
			@RequestParam(required = false) String standard, @RequestParam(required = false) String billing, @RequestParam(required = false) String rate,
			@RequestParam(required = false) String pricing, @RequestParam(required = false) String baseRate, @RequestParam(required = false) Integer floatPercent,
			@RequestParam(required = false) String basis, @RequestParam(required = false) String startsOn, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "已加入价目表，并在公告栏公示 30 天",
				() -> board.add(CurrentActor.get(), compoundId, new KeepingThePriceBoard.Item(name, content, standard, billing, null, yuan(rate, "rate"), pricing,
						yuan(baseRate, "baseRate"), floatPercent, basis, date(startsOn, "startsOn"))));
	}

	@PostMapping("/fees/compounds/{compoundId}/bills")
	String issue(@PathVariable long compoundId, @RequestParam(required = false) String month, RedirectAttributes flash) {
		return PageActions.redirect(flash, back(compoundId, month), () -> {
			var issued = billing.issue(CurrentActor.get(), compoundId, FeeRestController.month(month));
			return issued.period() + " 开具账单 " + issued.bills() + " 户，合计 ¥" + new BigDecimal(issued.amountFen()).movePointLeft(2).toPlainString();
		});
	}

	@PostMapping("/fees/bills/{billId}/payments")
	String pay(@PathVariable long billId, @RequestParam long compoundId, @RequestParam(required = false) String month,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String method, @RequestParam(required = false) String reference,
			RedirectAttributes flash) {
		return PageActions.redirect(flash, back(compoundId, month), () -> {
			var receipt = payments.record(CurrentActor.get(), billId, yuan(amount, "amount"), method, reference);
			return "已登记缴费，收据号 " + receipt.receiptNo();
		});
	}

	@PostMapping("/fees/compounds/{compoundId}/income")
	String recordIncome(@PathVariable long compoundId, @RequestParam(required = false) String source, @RequestParam(required = false) String description,
			@RequestParam(required = false) String gross, @RequestParam(required = false) String cost, @RequestParam(required = false) String contractNo,
			@RequestParam(required = false) String receiptRef, @RequestParam(required = false) String receivedOn, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "公共收益已入账",
				() -> income.record(CurrentActor.get(), compoundId, new KeepingCommonIncome.Income(source, description, yuan(gross, "gross"), yuan(cost, "cost"),
						contractNo, receiptRef, date(receivedOn, "receivedOn"))));
	}

	@PostMapping("/fees/compounds/{compoundId}/income/disclosures")
	String disclose(@PathVariable long compoundId, @RequestParam(required = false) String quarter, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "季度公共收益已在公告栏公示 30 天",
				() -> income.disclose(CurrentActor.get(), compoundId, date(quarter, "quarter")));
	}

	@PostMapping("/fees/compounds/{compoundId}/audit-demands")
	String demand(@PathVariable long compoundId, @RequestParam(required = false) String reason, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "已发起审计要求并联署；邀请其他业主在本页联署",
				() -> income.demandAudit(CurrentActor.get(), compoundId, reason));
	}

	@PostMapping("/fees/audit-demands/{demandId}/signatures")
	String sign(@PathVariable long demandId, @RequestParam long compoundId, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "已联署", () -> income.sign(CurrentActor.get(), demandId));
	}

	@PostMapping("/fees/audit-demands/{demandId}/answer")
	String answer(@PathVariable long demandId, @RequestParam long compoundId, @RequestParam(required = false) String answer, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "已答复", () -> income.answer(CurrentActor.get(), demandId, answer));
	}

	@PostMapping("/fees/compounds/{compoundId}/changes")
	String proposeChange(@PathVariable long compoundId, @RequestParam java.util.Map<String, String> form, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, "已提出收费调整，成本测算在公告栏公示 30 天", () -> {
			var rates = new java.util.ArrayList<cn.linli.fee.board.ChangingTheFees.NewRate>();
			form.forEach((k, v) -> {
				if (k.startsWith("rate_") && v != null && !v.isBlank()) {
					long item;
					try {
						item = Long.parseLong(k.substring(5));
					}
					catch (NumberFormatException e) {
						throw DomainException.invalid("rates", "收费项目不存在");
					}
					rates.add(new cn.linli.fee.board.ChangingTheFees.NewRate(item, yuan(v, "rates")));
				}
			});
			changes.propose(CurrentActor.get(), compoundId, form.get("reason"), form.get("audit"), rates);
		});
	}

	@PostMapping("/fees/changes/{changeId}/{step}")
	String changeStep(@PathVariable long changeId, @PathVariable String step, @RequestParam long compoundId, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String opensAt, @RequestParam(required = false) String closesAt, @RequestParam(required = false) String effectiveOn,
			RedirectAttributes flash) {
		var actor = CurrentActor.get();
		return PageActions.redirect(flash, "/fees/compounds/" + compoundId, () -> switch (step) {
			case "rates" -> {
				changes.postRates(actor, changeId, version);
				yield "拟调整标准已公示 30 天，并报街道、社区和住建部门";
			}
			case "vote" -> "已提交业主共同决定（表决事项 " + changes.putToVote(actor, changeId, LocalTime.required(opensAt, "opensAt"), LocalTime.required(closesAt, "closesAt"), version) + "），待社区审核发布";
			case "in-force" -> {
				changes.putInForce(actor, changeId, date(effectiveOn, "effectiveOn"), version);
				yield "新收费标准已列入价目表";
			}
			default -> throw DomainException.notFound("页面");
		});
	}

	@GetMapping("/app/bills")
	String mine(Model model) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.notFound("页面");
		}
		model.addAttribute("bills", queries.mine(actor.scope()));
		model.addAttribute("compounds", directory.compoundNames(actor.scope().compoundIds()));
		return "fee/mine";
	}

	@GetMapping("/fees/collection")
	String collection(@RequestParam(required = false) String month, Model model) {
		var m = FeeRestController.month(month);
		model.addAttribute("rows", queries.collection(CurrentActor.scope(), m));
		model.addAttribute("month", m.toString());
		return "fee/collection";
	}

	/** Back to the compound's page at the month typed, when it is one (a redirect never carries what was typed as is). */
	private static String back(long compoundId, String month) {
		try {
			return "/fees/compounds/" + compoundId + "?month=" + java.time.YearMonth.parse(month == null ? "" : month.strip());
		}
		catch (DateTimeParseException e) {
			return "/fees/compounds/" + compoundId;
		}
	}

	private static Long yuan(String value, String field) {
		return YuanInput.fen(value, field, "金额");
	}

	private static LocalDate date(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid(field, "日期格式应为 2026-12-01");
		}
	}
}
