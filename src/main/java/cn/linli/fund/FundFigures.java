package cn.linli.fund;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask about a compound's fund: its public, compound-level figures (no house's ledger). */
@Service
@Transactional(readOnly = true)
public class FundFigures {

	/** The account's balance, its ledgers, the first deposits, and the fund's use so far (settled projects). */
	public record AccountFigures(long balanceFen, int houses, long firstDepositsFen, int settledProjects, long usedFen) {
	}

	private final JdbcClient jdbc;

	FundFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<AccountFigures> ofCompound(long compoundId) {
		return jdbc.sql("""
				select a.balance_fen, (select count(*) from fund_ledger l where l.account_id = a.id),
				  (select coalesce(sum(first_deposit_fen), 0) from fund_ledger l where l.account_id = a.id),
				  (select count(*) from fund_project p where p.account_id = a.id and p.status = 'SETTLED'),
				  (select coalesce(-sum(amount_fen), 0) from fund_posting p where p.account_id = a.id and p.kind = 'USE')
				from fund_account a where a.compound_id = :c""")
			.param("c", compoundId).query((rs, n) -> new AccountFigures(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getLong(5))).optional();
	}
}
