package cn.linli.fund.query;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fund.ledger.FundAccess;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Scope;

/** What the fund shows: a compound's account with its movements, and one house's ledger with every entry. */
@Service
@Transactional(readOnly = true)
public class FundQueries {

	public record PostingView(long id, String kind, long amountFen, String document, String note, Instant postedAt, String postedBy, int houses) {
	}

	public record AccountView(long compoundId, String compoundName, long balanceFen, int houses, int depositedHouses, long firstDepositsFen,
			List<PostingView> postings) {
	}

	public record EntryView(Instant postedAt, String kind, long amountFen, long balanceAfterFen, String payer, String document, String note) {
	}

	/** A house's ledger; {@code low} when the balance has fallen below 30 % of the first deposit (续交). */
	public record LedgerView(long houseId, String label, long compoundId, String compoundName, long firstDepositFen, long balanceFen, boolean low,
			List<EntryView> entries) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;

	FundQueries(JdbcClient jdbc, RegistryDirectory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	public AccountView account(Scope scope, long compoundId) {
		return opened(scope, compoundId).orElseThrow(() -> DomainException.notFound("维修资金账户"));
	}

	/** The compound's account, or empty when it has none yet; a compound the caller may not see is not found. */
	public java.util.Optional<AccountView> opened(Scope scope, long compoundId) {
		var compound = directory.compoundFacts(compoundId).filter(c -> FundAccess.maySeeAccount(scope, c))
			.orElseThrow(() -> DomainException.notFound("小区"));
		record Totals(long id, long balance, int houses, int deposited, long firstDeposits) {
		}
		var totals = jdbc.sql("""
				select a.id, a.balance_fen, count(l.house_id), count(l.house_id) filter (where l.first_deposit_fen > 0), coalesce(sum(l.first_deposit_fen), 0)
				from fund_account a left join fund_ledger l on l.account_id = a.id where a.compound_id = :c group by a.id""")
			.param("c", compoundId).query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getLong(5)))
			.optional().orElse(null);
		if (totals == null) {
			return java.util.Optional.empty();
		}
		var postings = jdbc.sql("""
				select p.id, p.kind, p.amount_fen, p.document, p.note, p.posted_at, p.posted_by_name, (select count(*) from fund_entry e where e.posting_id = p.id)
				from fund_posting p where p.account_id = :a order by p.posted_at desc, p.id desc limit 200""")
			.param("a", totals.id())
			.query((rs, n) -> new PostingView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getInt(8)))
			.list();
		return java.util.Optional.of(new AccountView(compoundId, compound.name(), totals.balance(), totals.houses(), totals.deposited(),
				totals.firstDeposits(), postings));
	}

	public LedgerView ledger(Scope scope, long houseId) {
		var house = directory.houseFacts(houseId).orElseThrow(() -> DomainException.notFound("房屋"));
		var compound = directory.compoundFacts(house.compoundId()).filter(c -> FundAccess.maySeeHouse(scope, c, houseId))
			.orElseThrow(() -> DomainException.notFound("房屋"));
		record Ledger(long first, long balance) {
		}
		var ledger = jdbc.sql("select first_deposit_fen, balance_fen from fund_ledger where house_id = :h").param("h", houseId)
			.query((rs, n) -> new Ledger(rs.getLong(1), rs.getLong(2))).optional().orElseThrow(() -> DomainException.notFound("分户账"));
		var entries = jdbc.sql("""
				select p.posted_at, p.kind, e.amount_fen, e.balance_after_fen, e.payer, p.document, p.note
				from fund_entry e join fund_posting p on p.id = e.posting_id where e.house_id = :h order by e.id desc limit 500""")
			.param("h", houseId)
			.query((rs, n) -> new EntryView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
					rs.getString(6), rs.getString(7)))
			.list();
		// 165号令 Art. 17: below 30 % of the first deposit the owner tops up
		boolean low = cn.linli.fund.ledger.TopUp.due(ledger.first(), ledger.balance());
		return new LedgerView(houseId, house.label(), compound.id(), compound.name(), ledger.first(), ledger.balance(), low, entries);
	}
}
