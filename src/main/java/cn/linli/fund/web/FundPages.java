package cn.linli.fund.web;

import java.util.ArrayList;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.linli.fund.query.FundQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.security.Role;

/** An owner's page (the ledger of every house it has bound, on the phone) and a compound's account for everyone who may see it. */
@Controller
class FundPages {

	static final Map<String, String> KINDS = Map.of("DEPOSIT", "首次交存", "INTEREST", "利息", "USE", "维修使用", "INCOME", "收益转入", "REFUND", "房屋灭失退还");

	private final FundQueries queries;

	FundPages(FundQueries queries) {
		this.queries = queries;
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
		var account = queries.opened(CurrentActor.get().scope(), compoundId);
		if (account.isEmpty()) {
			model.addAttribute("notOpened", true);
			return "fund/account";
		}
		model.addAttribute("a", account.get());
		model.addAttribute("kinds", KINDS);
		return "fund/account";
	}
}
