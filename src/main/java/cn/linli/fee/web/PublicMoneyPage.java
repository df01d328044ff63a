package cn.linli.fee.web;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.linli.fund.FundFigures;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The public column's money of a compound, for anyone (no sign-in): the price board in force, the
 * maintenance fund's compound-level figures and the common income as disclosed each quarter —
 * never a house's ledger or bill.
 */
@Controller
class PublicMoneyPage {

	record Item(String name, String billing, long rateFen, String pricing, Long baseRateFen, Integer floatPercent, String basis, LocalDate startsOn) {
	}

	record Quarter(LocalDate quarter, long grossFen, long costFen, int entries) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final FundFigures fund;
	private final Clock clock;

	PublicMoneyPage(JdbcClient jdbc, RegistryDirectory directory, FundFigures fund, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.fund = fund;
		this.clock = clock;
	}

	@GetMapping("/public/compounds/{id}/money")
	String money(@PathVariable long id, Model model) {
		var compound = directory.compoundFacts(id).orElseThrow(() -> DomainException.notFound("小区"));
		var today = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
		model.addAttribute("heading", compound.name());
		model.addAttribute("compoundId", id);
		model.addAttribute("items", jdbc.sql("""
				select name, billing, rate_fen, pricing, base_rate_fen, float_percent, basis, starts_on from fee_item
				where compound_id = :c and starts_on <= :d and (ends_on is null or ends_on >= :d) order by id""")
			.param("c", id).param("d", Date.valueOf(today))
			.query((rs, n) -> new Item(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5, Long.class),
					(Integer) rs.getObject(6, Integer.class), rs.getString(7), rs.getDate(8).toLocalDate()))
			.list());
		model.addAttribute("fund", fund.ofCompound(id).orElse(null));
		model.addAttribute("quarters", jdbc.sql("select quarter, gross_fen, cost_fen, entries from common_income_disclosure where compound_id = :c order by quarter desc limit 8")
			.param("c", id).query((rs, n) -> new Quarter(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getInt(4))).list());
		return "fee/public";
	}
}
