package cn.linli.fund.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fund.FundPosted;
import cn.linli.registry.HouseKind;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Shares;
import cn.linli.shared.security.Actor;
import cn.linli.shared.domain.Money;

/**
 * The housing bureau keeps a compound's maintenance fund: opens its account with a ledger per
 * house, books the first deposits at the city's rates, and allocates a year's interest to the
 * ledgers in proportion to their balances, exact to the fen.
 */
@Service
@Transactional
public class KeepingTheFund {

	/** The first deposits: fen per m² of the house's area for each kind of house, and the bank's reference for the money received. */
	public record Deposits(Map<HouseKind, Long> fenPerSquareMetre, String document, String note) {
	}

	public record Booked(long postingId, long amountFen, int houses) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final Postings postings;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	KeepingTheFund(JdbcClient jdbc, RegistryDirectory directory, Postings postings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.postings = postings;
		this.events = events;
		this.clock = clock;
	}

	/** Opens the compound's account with a ledger at zero for every house; a house added later gets its ledger when it is first booked. */
	public long open(Actor actor, long compoundId) {
		var compound = bookable(actor, compoundId);
		long accountId;
		try {
			accountId = jdbc.sql("insert into fund_account (compound_id, opened_at) values (:c, :at) returning id").param("c", compoundId)
				.param("at", Timestamp.from(clock.instant())).query(Long.class).single();
		}
		catch (DuplicateKeyException e) {
			throw DomainException.conflict("fund-account-exists", "该小区已开立维修资金账户");
		}
		var houses = directory.housesOfCompound(compoundId);
		ensureLedgers(accountId, houses);
		events.publishEvent(FundPosted.of("OPENED", accountId, compoundId, 0, compound.name() + " 开立维修资金账户，" + houses.size() + " 户分户账"));
		return accountId;
	}

	/**
	 * The first deposit of every house that has none yet: the rate of its kind × its area, rounded
	 * half up to the fen; the developer pays for the units it still holds.
	 */
	public Booked deposit(Actor actor, long compoundId, Deposits order) {
		var compound = bookable(actor, compoundId);
		String document = document(order.document());
		if (order.fenPerSquareMetre() == null || order.fenPerSquareMetre().isEmpty()) {
			throw DomainException.invalid("rates", "请填写每平方米交存标准（分）");
		}
		var rates = new EnumMap<HouseKind, Long>(order.fenPerSquareMetre());
		rates.forEach((kind, rate) -> {
			if (rate == null || rate <= 0 || rate > 10_000_000) {
				throw DomainException.invalid("rates", kind.label() + "的交存标准须为每平方米 1 分到 10 万元");
			}
		});
		long accountId = account(compoundId);
		booked(accountId, "DEPOSIT", document);
		var houses = directory.housesOfCompound(compoundId);
		ensureLedgers(accountId, houses);
		var deposited = new java.util.HashSet<>(jdbc.sql("select house_id from fund_ledger where account_id = :a and first_deposit_fen > 0")
			.param("a", accountId).query(Long.class).list());
		var lines = new ArrayList<Postings.Line>();
		for (var h : houses) {
			Long rate = rates.get(h.kind());
			if (rate == null || deposited.contains(h.houseId())) {
				continue;
			}
			lines.add(new Postings.Line(h.houseId(), depositOf(rate, h.exclusiveAreaCenti()), h.developerHeld() ? "DEVELOPER" : "OWNER",
					h.exclusiveAreaCenti()));
		}
		if (lines.isEmpty()) {
			throw DomainException.invalid("rates", "没有需要首次交存的房屋（已交存，或没有所填类型的房屋）");
		}
		long posting = postings.book(accountId, "DEPOSIT", document, note(order.note()), actor, lines);
		jdbc.sql("""
				update fund_ledger l set first_deposit_fen = t.amount from unnest(:h::bigint[], :amounts::bigint[]) as t(house_id, amount)
				where l.house_id = t.house_id and l.account_id = :a""")
			.param("h", lines.stream().map(Postings.Line::houseId).toArray(Long[]::new))
			.param("amounts", lines.stream().map(Postings.Line::amountFen).toArray(Long[]::new)).param("a", accountId).update();
		long total = lines.stream().mapToLong(Postings.Line::amountFen).sum();
		events.publishEvent(FundPosted.of("DEPOSIT", accountId, compoundId, total,
				compound.name() + " 首次交存 " + lines.size() + " 户，合计 " + Money.yuan(total) + " 元，凭证 " + document));
		return new Booked(posting, total, lines.size());
	}

	/** A year's interest, shared among the ledgers in proportion to their balances (the largest remainders get the odd fen). */
	public Booked allocateInterest(Actor actor, long compoundId, Long amountFen, String document, String note) {
		return allocate(actor, compoundId, "INTEREST", "利息", amountFen, document, note);
	}

	/** Other income of the fund (e.g. the common income the owners' assembly put into it), shared by balance like interest. */
	public Booked allocateIncome(Actor actor, long compoundId, Long amountFen, String document, String note) {
		return allocate(actor, compoundId, "INCOME", "收益转入", amountFen, document, note);
	}

	private Booked allocate(Actor actor, long compoundId, String kind, String label, Long amountFen, String document, String note) {
		var compound = bookable(actor, compoundId);
		String doc = document(document);
		if (amountFen == null || amountFen <= 0) {
			throw DomainException.invalid("amount", label + "金额须大于 0（分）");
		}
		long accountId = account(compoundId);
		booked(accountId, kind, doc);
		var balances = jdbc.sql("select house_id, balance_fen from fund_ledger where account_id = :a and balance_fen > 0 and closed_at is null order by house_id")
			.param("a", accountId).query((rs, n) -> new Shares.Party(String.valueOf(rs.getLong(1)), rs.getLong(2))).list();
		if (balances.isEmpty()) {
			throw DomainException.invalid("amount", "账户内没有余额，无法按余额分配" + label);
		}
		var lines = new ArrayList<Postings.Line>();
		for (var s : Shares.split(amountFen, balances)) {
			if (s.share() > 0) {
				lines.add(new Postings.Line(Long.parseLong(s.id()), s.share(), "FUND", s.base()));
			}
		}
		long posting = postings.book(accountId, kind, doc, note(note), actor, lines);
		events.publishEvent(FundPosted.of(kind, accountId, compoundId, amountFen,
				compound.name() + " " + label + " " + Money.yuan(amountFen) + " 元按余额分配至 " + lines.size() + " 户，凭证 " + doc));
		return new Booked(posting, amountFen, lines.size());
	}

	/**
	 * A house is lost (房屋灭失, 165号令 Art. 28): its balance is refunded to its owner (the developer for a
	 * unit it held) and its ledger closed; a closed ledger shares no more interest, income or cost.
	 */
	public Booked refundLost(Actor actor, long houseId, String document, String note) {
		var house = directory.houseFacts(houseId).orElseThrow(() -> DomainException.notFound("房屋"));
		var facts = directory.compoundFacts(house.compoundId()).filter(c -> FundAccess.maySeeAccount(actor.scope(), c))
			.orElseThrow(() -> DomainException.notFound("房屋"));
		var compound = bookable(actor, facts.id());
		String doc = document(document);
		if (note == null || note.isBlank()) {
			throw DomainException.invalid("note", "请写明房屋灭失的情况与依据");
		}
		long accountId = account(compound.id());
		booked(accountId, "REFUND", doc);
		var ledger = jdbc.sql("select balance_fen, closed_at is not null from fund_ledger where house_id = :h and account_id = :a").param("h", houseId)
			.param("a", accountId).query((rs, n) -> new Object[] { rs.getLong(1), rs.getBoolean(2) }).optional()
			.orElseThrow(() -> DomainException.notFound("分户账"));
		if ((Boolean) ledger[1]) {
			throw DomainException.conflict("fund-ledger-closed", "该分户账已因房屋灭失结清");
		}
		var open = jdbc.sql("""
				select p.id from fund_project p join fund_project_house h on h.project_id = p.id
				where h.house_id = :h and p.status not in ('SETTLED', 'REJECTED') limit 1""").param("h", houseId).query(Long.class).optional();
		if (open.isPresent()) {
			throw DomainException.conflict("fund-ledger-in-project", "该房屋是维修资金使用项目 " + open.get() + " 的受益房屋，项目结算后才能办理灭失退还");
		}
		long balance = (Long) ledger[0];
		long posting = postings.book(accountId, "REFUND", doc, note(note), actor,
				balance == 0 ? List.of() : List.of(new Postings.Line(houseId, -balance, "OWNER", balance)));
		jdbc.sql("update fund_ledger set closed_at = :at where house_id = :h").param("at", Timestamp.from(clock.instant())).param("h", houseId).update();
		events.publishEvent(FundPosted.of("REFUND", accountId, compound.id(), -balance,
				compound.name() + " " + house.label() + " 房屋灭失，退还分户账余额 " + Money.yuan(balance) + " 元，凭证 " + doc));
		return new Booked(posting, -balance, 1);
	}

	/** Rate (fen per m²) × area (1/100 m²) ÷ 100, half up to the fen. */
	static long depositOf(long fenPerSquareMetre, long areaCenti) {
		return Money.perSquareMetre(fenPerSquareMetre, areaCenti);
	}

	private CompoundFacts bookable(Actor actor, long compoundId) {
		return FundAccess.bookable(directory, actor, compoundId, "维修资金由小区所在市、区县住建部门记账");
	}

	/** The compound's account, locked for the booking. */
	private long account(long compoundId) {
		return postings.lockAccount(compoundId).orElseThrow(() -> DomainException.conflict("fund-account-missing", "该小区尚未开立维修资金账户"));
	}

	/** A retry of a movement already booked (to this compound or, by mistake, another) is told so before anything else is checked. */
	private void booked(long accountId, String kind, String document) {
		if (jdbc.sql("select exists (select 1 from fund_posting where kind = :k and document = :d)").param("k", kind).param("d", document)
			.query(Boolean.class).single()) {
			throw DomainException.conflict("fund-document-booked", "凭证号 " + document + " 已入账，同一笔资金不会重复记账");
		}
	}

	/** A ledger for every house of the compound; a house whose ledger is in another compound's account is refused, not booked here. */
	private void ensureLedgers(long accountId, List<RegistryDirectory.HouseArea> houses) {
		var ids = houses.stream().map(RegistryDirectory.HouseArea::houseId).toArray(Long[]::new);
		jdbc.sql("insert into fund_ledger (house_id, account_id) select unnest(:h::bigint[]), :a on conflict (house_id) do nothing").param("h", ids)
			.param("a", accountId).update();
		var elsewhere = jdbc.sql("select house_id from fund_ledger where house_id = any(:h::bigint[]) and account_id <> :a limit 5").param("h", ids)
			.param("a", accountId).query(Long.class).list();
		if (!elsewhere.isEmpty()) {
			throw DomainException.conflict("fund-ledger-elsewhere", "房屋 " + elsewhere + " 的分户账在另一小区的维修资金账户中，请先办理分户账转移");
		}
	}

	private static String document(String document) {
		if (document == null || document.isBlank()) {
			throw DomainException.invalid("document", "请填写银行流水号或记账凭证号");
		}
		String d = document.strip();
		if (d.length() > 100) {
			throw DomainException.invalid("document", "凭证号不能超过 100 个字符");
		}
		return d;
	}

	private static String note(String note) {
		if (note == null) {
			return "";
		}
		if (note.strip().length() > 500) {
			throw DomainException.invalid("note", "备注不能超过 500 字");
		}
		return note.strip();
	}

}
