package cn.linli.fund.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fund.FundPosted;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Shares;
import cn.linli.shared.security.Actor;
import cn.linli.shared.domain.Money;

/**
 * Pays a repair project from the fund: each payment is a posting of kind USE whose amount is
 * shared among the benefiting houses' ledgers by exclusive area (Shares: exact to the fen), the
 * developer's ledger bearing the share of a unit it still holds. The last payment makes each
 * house's total exactly its share of the settled cost. Called by the project's use cases, which
 * decide who may pay and when.
 */
@Service
@Transactional
public class PayingFromTheFund {

	/** A benefiting house: its exclusive area (1/100 m²) is its base. */
	public record Beneficiary(long houseId, long areaCenti, boolean developerHeld) {
	}

	private final JdbcClient jdbc;
	private final Postings postings;
	private final org.springframework.context.ApplicationEventPublisher events;

	PayingFromTheFund(JdbcClient jdbc, Postings postings, org.springframework.context.ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.postings = postings;
		this.events = events;
	}

	/** Pays {@code amountFen} (e.g. 70 % on approval), shared by area; answers the posting's id. */
	public long pay(Actor actor, long compoundId, long projectId, String document, String note, long amountFen, List<Beneficiary> houses) {
		long accountId = lockedAccount(compoundId, document);
		var lines = lines(Shares.split(amountFen, parties(houses)), houses, new HashMap<>());
		return book(actor, accountId, compoundId, projectId, document, note, amountFen, lines);
	}

	/**
	 * Pays the rest of the settled cost: each house is debited its share of {@code settledFen} less
	 * what it bore of the earlier payments, so that its total is exactly its share of the cost. What a
	 * house bore is the same split of each earlier payment over the same houses, recomputed rather
	 * than read back from 20,000 entries (the reconciliation checks that the books hold exactly it).
	 * Answers the posting and every house's share of the cost, in the houses' order.
	 */
	public Settled settle(Actor actor, long compoundId, long projectId, String document, String note, long settledFen, List<Long> earlierPostings,
			List<Beneficiary> houses) {
		long accountId = lockedAccount(compoundId, document);
		var parties = parties(houses);
		var borne = new HashMap<Long, Long>();
		long paid = 0;
		for (long amount : jdbc.sql("select -amount_fen from fund_posting where id = any(:p::bigint[]) and account_id = :a and kind = 'USE'")
			.param("p", earlierPostings.toArray(Long[]::new)).param("a", accountId).query(Long.class).list()) {
			paid += amount;
			for (var s : Shares.split(amount, parties)) {
				borne.merge(Long.parseLong(s.id()), s.share(), Long::sum);
			}
		}
		var shares = Shares.split(settledFen, parties);
		var lines = lines(shares, houses, borne);
		long posting = book(actor, accountId, compoundId, projectId, document, note, settledFen - paid, lines);
		return new Settled(posting, shares);
	}

	/** A settlement's posting and each house's share of the settled cost. */
	public record Settled(long postingId, List<Shares.Share> shares) {
	}

	private long lockedAccount(long compoundId, String document) {
		long accountId = postings.lockAccount(compoundId).orElseThrow(() -> DomainException.conflict("fund-account-missing", "该小区尚未开立维修资金账户"));
		if (jdbc.sql("select exists (select 1 from fund_posting where kind = 'USE' and document = :d)").param("d", document).query(Boolean.class).single()) {
			throw DomainException.conflict("fund-document-booked", "凭证号 " + document + " 已入账，同一笔资金不会重复记账");
		}
		return accountId;
	}

	private long book(Actor actor, long accountId, long compoundId, long projectId, String document, String note, long amountFen,
			List<Postings.Line> lines) {
		long balance = jdbc.sql("select balance_fen from fund_account where id = :a").param("a", accountId).query(Long.class).single();
		if (amountFen > balance) {
			throw DomainException.conflict("fund-insufficient", "维修资金账户余额 " + Money.yuan(balance) + " 元，不足支付 "
					+ Money.yuan(amountFen) + " 元；请先续筹");
		}
		long posting = postings.book(accountId, "USE", document, note, actor, lines, projectId);
		// the owners whose ledgers this payment took below the threshold are asked to top up
		var low = jdbc.sql("select l.house_id from fund_ledger l where l.house_id = any(:h::bigint[]) and " + TopUp.DUE_SQL + " order by l.house_id")
			.param("h", lines.stream().map(Postings.Line::houseId).toArray(Long[]::new)).query(Long.class).list();
		if (!low.isEmpty()) {
			events.publishEvent(new cn.linli.fund.FundTopUpDue(accountId, compoundId, low));
		}
		events.publishEvent(FundPosted.of("USE", accountId, compoundId, -amountFen,
				"维修资金使用 " + Money.yuan(amountFen) + " 元，" + lines.size() + " 户分摊，凭证 " + document + "：" + note));
		return posting;
	}

	private static List<Shares.Party> parties(List<Beneficiary> houses) {
		if (houses.isEmpty()) {
			throw DomainException.invalid("houses", "没有受益房屋，无法分摊");
		}
		return houses.stream().map(h -> new Shares.Party(String.valueOf(h.houseId()), h.areaCenti())).toList();
	}

	/** Each house's debit: its share less what it bore before; a house with nothing to move gets no entry. */
	private static List<Postings.Line> lines(List<Shares.Share> shares, List<Beneficiary> houses, java.util.Map<Long, Long> borne) {
		var developer = new HashMap<Long, Boolean>();
		houses.forEach(h -> developer.put(h.houseId(), h.developerHeld()));
		var lines = new ArrayList<Postings.Line>(shares.size());
		for (var s : shares) {
			long house = Long.parseLong(s.id());
			long debit = s.share() - borne.getOrDefault(house, 0L);
			if (debit != 0) {
				lines.add(new Postings.Line(house, -debit, developer.get(house) ? "DEVELOPER" : "OWNER", s.base()));
			}
		}
		return lines;
	}
}
