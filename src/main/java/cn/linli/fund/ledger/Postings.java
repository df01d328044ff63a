package cn.linli.fund.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
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
	private final JdbcTemplate template;
	private final Clock clock;

	Postings(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.clock = clock;
	}

	/** Locks the account of a compound; empty when the compound has none. */
	java.util.Optional<Long> lockAccount(long compoundId) {
		return jdbc.sql("select id from fund_account where compound_id = :c for update").param("c", compoundId).query(Long.class).optional();
	}

	long book(long accountId, String kind, String document, String note, Actor actor, List<Line> lines) {
		long total = 0;
		for (var l : lines) {
			total = Math.addExact(total, l.amountFen());
		}
		long postingId;
		try {
			postingId = jdbc.sql("""
					insert into fund_posting (account_id, kind, amount_fen, document, note, posted_at, posted_by, posted_by_name)
					values (:a, :k, :amount, :doc, :note, :at, :by, :name) returning id""")
				.param("a", accountId).param("k", kind).param("amount", total).param("doc", document).param("note", note)
				.param("at", Timestamp.from(clock.instant())).param("by", actor.userId()).param("name", actor.displayName())
				.query(Long.class).single();
		}
		catch (DuplicateKeyException e) {
			throw DomainException.conflict("fund-document-booked", "凭证号 " + document + " 已入账，同一笔资金不会重复记账");
		}
		// the ledgers' new balances, then each entry with the balance it left (one statement each, whatever the number of houses)
		var args = new ArrayList<Object[]>(lines.size());
		for (var l : lines) {
			args.add(new Object[] { l.amountFen(), l.houseId(), accountId });
		}
		template.batchUpdate("update fund_ledger set balance_fen = balance_fen + ? where house_id = ? and account_id = ?", args);
		var entries = new ArrayList<Object[]>(lines.size());
		for (var l : lines) {
			entries.add(new Object[] { postingId, l.houseId(), l.amountFen(), l.payer(), l.base(), l.houseId() });
		}
		template.batchUpdate("""
				insert into fund_entry (posting_id, house_id, amount_fen, payer, base, balance_after_fen)
				values (?, ?, ?, ?, ?, (select balance_fen from fund_ledger where house_id = ?))""", entries);
		jdbc.sql("update fund_account set balance_fen = balance_fen + :t, version = version + 1 where id = :a").param("t", total).param("a", accountId)
			.update();
		return postingId;
	}
}
