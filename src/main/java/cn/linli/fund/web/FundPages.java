package cn.linli.fund.web;

import java.util.ArrayList;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.linli.fund.query.FundQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.Formats;
import cn.linli.shared.web.PageActions;
import cn.linli.shared.web.YuanInput;

/** An owner's page (the ledger of every house it has bound, on the phone) and a compound's account for everyone who may see it. */
@Controller
class FundPages {

	static final Map<String, String> KINDS = Map.of("DEPOSIT", "首次交存", "INTEREST", "利息", "USE", "维修使用", "INCOME", "收益转入", "REFUND", "房屋灭失退还");

	private final FundQueries queries;
	private final cn.linli.fund.ledger.KeepingTheFund keeping;
	private final cn.linli.fund.ledger.ReconcilingBankStatements bank;
	private final cn.linli.registry.RegistryDirectory directory;

	FundPages(FundQueries queries, cn.linli.fund.ledger.KeepingTheFund keeping, cn.linli.fund.ledger.ReconcilingBankStatements bank,
			cn.linli.registry.RegistryDirectory directory) {
		this.queries = queries;
		this.keeping = keeping;
		this.bank = bank;
		this.directory = directory;
	}

	@GetMapping("/app/fund")
	String mine(Model model) {
		var actor = CurrentActor.get();
		if (actor.role() != Role.RESIDENT) {
			throw DomainException.notFound("页面");
		}
		var ledgers = new ArrayList<FundQueries.LedgerView>();
		for (long house : actor.scope().houseIds().stream().sorted().toList()) {
			try {
				ledgers.add(queries.ledger(actor.scope(), house));
			}
			catch (DomainException e) {
				// a house whose compound has no fund account yet: the page says so below
			}
		}
		model.addAttribute("ledgers", ledgers);
		model.addAttribute("kinds", KINDS);
		return "fund/mine";
	}

	/** The compound's account: balance, houses, first deposits, every movement — for its owners, committee, company and supervisors. */
	@GetMapping("/fund/compounds/{compoundId}")
	String account(@PathVariable long compoundId, Model model) {
		var actor = CurrentActor.get();
		var account = queries.opened(actor.scope(), compoundId);
		var compound = directory.compoundFacts(compoundId).orElseThrow();
		boolean bureau = cn.linli.fund.ledger.FundAccess.mayBook(actor.scope(), compound);
		model.addAttribute("compoundId", compoundId);
		model.addAttribute("bureau", bureau);
		if (account.isEmpty()) {
			model.addAttribute("notOpened", true);
			return "fund/account";
		}
		model.addAttribute("a", account.get());
		model.addAttribute("kinds", KINDS);
		if (bureau) {
			model.addAttribute("bank", bank.standing(actor, compoundId));
			model.addAttribute("houseKinds", cn.linli.registry.HouseKind.values());
		}
		return "fund/account";
	}

	@PostMapping("/fund/compounds/{compoundId}/account")
	String open(@PathVariable long compoundId, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/compounds/" + compoundId, "已开立维修资金账户", () -> keeping.open(CurrentActor.get(), compoundId));
	}

	/** The first deposits: a rate in yuan per m² for each kind of house typed. */
	@PostMapping("/fund/compounds/{compoundId}/deposits")
	String deposit(@PathVariable long compoundId, @RequestParam Map<String, String> form, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/compounds/" + compoundId, () -> {
			var rates = new java.util.EnumMap<cn.linli.registry.HouseKind, Long>(cn.linli.registry.HouseKind.class);
			for (var kind : cn.linli.registry.HouseKind.values()) {
				Long fen = YuanInput.fen(form.get("rate_" + kind.name()), "rates", kind.label() + "交存标准");
				if (fen != null) {
					rates.put(kind, fen);
				}
			}
			var booked = keeping.deposit(CurrentActor.get(), compoundId, new cn.linli.fund.ledger.KeepingTheFund.Deposits(rates, form.get("document"), form.get("note")));
			return "已记账首次交存 " + booked.houses() + " 户，合计 " + new Formats().yuan(booked.amountFen());
		});
	}

	@PostMapping("/fund/compounds/{compoundId}/allocations")
	String allocate(@PathVariable long compoundId, @RequestParam(required = false) String kind, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String document, @RequestParam(required = false) String note, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/compounds/" + compoundId, () -> {
			Long fen = YuanInput.fen(amount, "amount", "金额");
			var booked = "INCOME".equals(kind) ? keeping.allocateIncome(CurrentActor.get(), compoundId, fen, document, note)
					: keeping.allocateInterest(CurrentActor.get(), compoundId, fen, document, note);
			return "已按余额分配至 " + booked.houses() + " 户，合计 " + new Formats().yuan(booked.amountFen());
		});
	}

	@PostMapping("/fund/compounds/{compoundId}/bank-statement")
	String statement(@PathVariable long compoundId, @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/compounds/" + compoundId, () -> {
			if (file == null || file.isEmpty()) {
				throw DomainException.invalid("file", "请选择银行对账单（CSV）");
			}
			byte[] bytes;
			try {
				bytes = file.getBytes();
			}
			catch (java.io.IOException e) {
				throw DomainException.invalid("file", "对账单读取失败，请重新上传");
			}
			var report = bank.importStatement(CurrentActor.get(), compoundId, bytes);
			return "导入 " + report.imported() + " 行（此前已导入 " + report.alreadyImported() + " 行），匹配 " + report.matched() + " 行，待处理 "
					+ report.open().size() + " 行";
		});
	}

	@PostMapping("/fund/compounds/{compoundId}/bank-lines/{lineId}/resolve")
	String resolve(@PathVariable long compoundId, @PathVariable long lineId, @RequestParam(required = false) String note,
			@RequestParam(required = false) Integer version, RedirectAttributes flash) {
		return PageActions.redirect(flash, "/fund/compounds/" + compoundId, "已处理该笔银行流水",
				() -> bank.resolve(CurrentActor.get(), compoundId, lineId, note, version));
	}
}
