package cn.linli.fund.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the books: every account's balance against the sum of its house ledgers and the sum of
 * its entries, every posting's amount against its entries, every ledger's balance against the sum of its entries. Nightly it writes what it
 * found and warns when anything differs; the tests run the same check after every kind of booking.
 */
@Service
public class FundReconciliation {

	private static final Logger log = LoggerFactory.getLogger(FundReconciliation.class);

	/** One difference: an account or a house ledger whose balance is not what its parts add up to. */
	public record Difference(String what, long id, long balanceFen, long partsFen) {
	}

	public record Result(int accounts, List<Difference> differences) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	FundReconciliation(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Result check() {
		int accounts = jdbc.sql("select count(*) from fund_account").query(Integer.class).single();
		var differences = new java.util.ArrayList<Difference>();
		differences.addAll(jdbc.sql("""
				select a.id, a.balance_fen, coalesce(l.total, 0) from fund_account a
				left join (select account_id, sum(balance_fen) as total from fund_ledger group by account_id) l on l.account_id = a.id
				where a.balance_fen <> coalesce(l.total, 0) order by a.id""")
			.query((rs, n) -> new Difference("ACCOUNT_LEDGERS", rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
		differences.addAll(jdbc.sql("""
				select a.id, a.balance_fen, coalesce(e.total, 0) from fund_account a
				left join (select p.account_id, sum(e.amount_fen) as total from fund_entry e join fund_posting p on p.id = e.posting_id
				           group by p.account_id) e on e.account_id = a.id
				where a.balance_fen <> coalesce(e.total, 0) order by a.id""")
			.query((rs, n) -> new Difference("ACCOUNT_ENTRIES", rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
		differences.addAll(jdbc.sql("""
				select p.id, p.amount_fen, coalesce(sum(e.amount_fen), 0) from fund_posting p left join fund_entry e on e.posting_id = p.id
				group by p.id having p.amount_fen <> coalesce(sum(e.amount_fen), 0) order by p.id""")
			.query((rs, n) -> new Difference("POSTING_ENTRIES", rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
		// the entries carry no foreign keys (see V46): one without its posting or its ledger is reported here
		differences.addAll(jdbc.sql("""
				select e.id, e.amount_fen, 0 from fund_entry e
				where not exists (select 1 from fund_posting p where p.id = e.posting_id) or not exists (select 1 from fund_ledger l where l.house_id = e.house_id)
				order by e.id limit 1000""")
			.query((rs, n) -> new Difference("ORPHAN_ENTRY", rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
		differences.addAll(jdbc.sql("""
				select l.house_id, l.balance_fen, coalesce(e.total, 0) from fund_ledger l
				left join (select house_id, sum(amount_fen) as total from fund_entry group by house_id) e on e.house_id = l.house_id
				where l.balance_fen <> coalesce(e.total, 0) order by l.house_id""")
			.query((rs, n) -> new Difference("LEDGER_ENTRIES", rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
		return new Result(accounts, differences);
	}

	/** The check, written down, and a warning when the books do not add up (every night, see {@link NightlyReconciliation}). */
	@Transactional
	public Result nightly() {
		var result = check();
		String detail = String.join("\n", result.differences().stream().limit(1000)
			.map(d -> d.what() + " " + d.id() + ": 余额 " + d.balanceFen() + " 分，明细合计 " + d.partsFen() + " 分").toList());
		jdbc.sql("insert into fund_reconciliation (ran_at, accounts, differences, detail) values (:at, :a, :d, :detail)")
			.param("at", Timestamp.from(clock.instant())).param("a", result.accounts()).param("d", result.differences().size())
			.param("detail", detail).update();
		if (!result.differences().isEmpty()) {
			log.warn("maintenance fund reconciliation: {} differences over {} accounts\n{}", result.differences().size(), result.accounts(), detail);
		}
		return result;
	}
}
