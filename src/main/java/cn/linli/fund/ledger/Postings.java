package cn.linli.fund.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * Books one movement of an account: the posting, an entry per house and the new balances of the
 * houses and of the account, in the caller's transaction. The account's row is locked first, so
 * that two movements of one account are booked one after the other and every entry's balance after
 * it is the ledger's.
 */
@Component
class Postings {

	/** One house's part of a movement. */
	record Line(long houseId, long amountFen, String payer, long base) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	Postings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Locks the account of a compound; empty when the compound has none. */
	java.util.Optional<Long> lockAccount(long compoundId) {
		return jdbc.sql("select id from fund_account where compound_id = :c for update").param("c", compoundId).query(Long.class).optional();
	}

	long book(long accountId, String kind, String document, String note, Actor actor, List<Line> lines) {
		return book(accountId, kind, document, note, actor, lines, null);
	}

	/** The same, for a payment of a repair project ({@code projectId}), which the entries' readers link to. */
	long book(long accountId, String kind, String document, String note, Actor actor, List<Line> lines, Long projectId) {
		long total = 0;
		for (var l : lines) {
			total = Math.addExact(total, l.amountFen());
		}
		long postingId;
		try {
			postingId = jdbc.sql("""
					insert into fund_posting (account_id, kind, amount_fen, document, note, posted_at, posted_by, posted_by_name, project_id)
					values (:a, :k, :amount, :doc, :note, :at, :by, :name, :project) returning id""")
				.param("a", accountId).param("k", kind).param("amount", total).param("doc", document).param("note", note)
				.param("at", Timestamp.from(clock.instant())).param("by", actor.userId()).param("name", actor.displayName())
				.param("project", projectId).query(Long.class).single();
		}
		catch (DuplicateKeyException e) {
			throw DomainException.conflict("fund-document-booked", "凭证号 " + document + " 已入账，同一笔资金不会重复记账");
		}
		// the ledgers' new balances and each entry with the balance it left, in one statement whatever the number of houses
		int n = lines.size();
		var houses = new Long[n];
		var amounts = new Long[n];
		var payers = new String[n];
		var bases = new Long[n];
		for (int i = 0; i < n; i++) {
			var l = lines.get(i);
			houses[i] = l.houseId();
			amounts[i] = l.amountFen();
			payers[i] = l.payer();
			bases[i] = l.base();
		}
		int entered = jdbc.sql("""
				with line as (select * from unnest(:houses::bigint[], :amounts::bigint[], :payers::text[], :bases::bigint[]) as t(house_id, amount, payer, base)),
				     moved as (update fund_ledger l set balance_fen = l.balance_fen + line.amount from line
				               where l.house_id = line.house_id and l.account_id = :a
				               returning l.house_id, l.balance_fen, line.amount, line.payer, line.base)
				insert into fund_entry (posting_id, house_id, amount_fen, balance_after_fen, payer, base)
				select :p, house_id, amount, balance_fen, payer, base from moved""")
			.param("houses", houses).param("amounts", amounts).param("payers", payers).param("bases", bases).param("a", accountId)
			.param("p", postingId).update();
		if (entered != n) {
			// a line for a house without a ledger in this account, or twice for one house: the caller's mistake, rolled back whole
			throw new IllegalStateException("booked " + entered + " of " + n + " entries of posting " + postingId);
		}
		jdbc.sql("update fund_account set balance_fen = balance_fen + :t, version = version + 1 where id = :a").param("t", total).param("a", accountId)
			.update();
		return postingId;
	}
}
