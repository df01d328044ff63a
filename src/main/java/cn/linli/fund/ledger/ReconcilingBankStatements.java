package cn.linli.fund.ledger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fund.FundPosted;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;

/**
 * The bank's statement of a compound's fund account (CSV: 日期, 流水号, 金额（元）, 摘要), imported
 * and reconciled against the books: each line matches the posting with its reference and amount;
 * a line whose reference has another amount, or no posting at all, is listed for the bureau to
 * resolve with a note; postings the bank has not shown are listed too. A line already imported is
 * not imported again, so overlapping statements can be sent as they come.
 */
@Service
@Transactional
public class ReconcilingBankStatements {

	public static final List<String> HEADER = List.of("日期", "流水号", "金额", "摘要");

	public record BankLine(long id, LocalDate bookedOn, String reference, long amountFen, String summary, String status, Long postingId,
			Long postingAmountFen, String resolution, int version) {
	}

	public record Unbanked(long postingId, String kind, String document, long amountFen) {
	}

	public record Report(int imported, int alreadyImported, int matched, List<BankLine> open, List<Unbanked> notInBank) {
	}

	private record Line(LocalDate bookedOn, String reference, long amountFen, String summary) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final Postings postings;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ReconcilingBankStatements(JdbcClient jdbc, RegistryDirectory directory, Postings postings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.postings = postings;
		this.events = events;
		this.clock = clock;
	}

	/** Imports the statement whole or not at all (a bad line refuses the file, with every bad line's number). */
	public Report importStatement(Actor actor, long compoundId, byte[] csv) {
		var compound = bookable(actor, compoundId);
		List<Line> lines;
		try {
			lines = Csv.read(new ByteArrayInputStream(csv), HEADER, (row, n) -> line(row));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		var seen = new HashSet<String>();
		for (var l : lines) {
			if (!seen.add(l.reference())) {
				throw DomainException.invalid("file", "流水号 " + l.reference() + " 在文件中出现了两次");
			}
		}
		long accountId = postings.lockAccount(compoundId).orElseThrow(() -> DomainException.conflict("fund-account-missing", "该小区尚未开立维修资金账户"));
		var now = Timestamp.from(clock.instant());
		// the postings booked under the statement's references, read once: the same amount matches, another is a mismatch
		var booked = new java.util.HashMap<String, long[]>();
		jdbc.sql("select document, id, amount_fen from fund_posting where account_id = :a and document = any(:d) order by id desc").param("a", accountId)
			.param("d", lines.stream().map(Line::reference).toArray(String[]::new))
			.query((rs, n) -> booked.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) })).list();
		int imported = 0;
		for (var l : lines) {
			var posting = java.util.Optional.ofNullable(booked.get(l.reference()));
			String status = posting.isEmpty() ? "UNMATCHED" : posting.get()[1] == l.amountFen() ? "MATCHED" : "MISMATCH";
			imported += jdbc.sql("""
					insert into fund_bank_line (account_id, imported_at, imported_by, booked_on, reference, amount_fen, summary, status, posting_id)
					values (:a, :at, :by, :on, :ref, :amount, :summary, :status, :posting)
					on conflict (account_id, reference) do nothing""")
				.param("a", accountId).param("at", now).param("by", actor.userId()).param("on", Date.valueOf(l.bookedOn()))
				.param("ref", l.reference()).param("amount", l.amountFen()).param("summary", l.summary()).param("status", status)
				.param("posting", posting.map(p -> p[0]).orElse(null)).update();
		}
		var report = report(accountId, imported, lines.size() - imported);
		events.publishEvent(FundPosted.of("BANK_IMPORTED", accountId, compoundId, 0, compound.name() + " 导入银行对账单 " + lines.size() + " 行（新 " + imported
				+ " 行），待核对 " + report.open().size() + " 行，账内未见银行记录 " + report.notInBank().size() + " 笔"));
		return report;
	}

	/** Where the compound's statement stands: the lines still to resolve and the postings the bank has not shown. */
	@Transactional(readOnly = true)
	public Report standing(Actor actor, long compoundId) {
		bookable(actor, compoundId);
		long accountId = jdbc.sql("select id from fund_account where compound_id = :c").param("c", compoundId).query(Long.class).optional()
			.orElseThrow(() -> DomainException.notFound("维修资金账户"));
		return report(accountId, 0, 0);
	}

	/** A person's answer to a line that matched nothing (or not the amount): what it was, in a note; the line is then resolved. */
	public BankLine resolve(Actor actor, long compoundId, long lineId, String note, Integer version) {
		var compound = bookable(actor, compoundId);
		if (note == null || note.isBlank() || note.strip().length() > 500) {
			throw DomainException.invalid("note", "请写明处理说明（不超过 500 字）");
		}
		if (version == null) {
			throw DomainException.invalid("version", "请带上读取时的 version");
		}
		long accountId = postings.lockAccount(compoundId).orElseThrow(() -> DomainException.notFound("维修资金账户"));
		var line = line(accountId, lineId).orElseThrow(() -> DomainException.notFound("对账单行"));
		if (!line.status().equals("UNMATCHED") && !line.status().equals("MISMATCH")) {
			throw DomainException.conflict("bank-line-not-open", "该行已核对，无需处理");
		}
		int changed = jdbc.sql("""
				update fund_bank_line set status = 'RESOLVED', resolution = :note, resolved_by = :by, resolved_at = :at, version = version + 1
				where id = :id and account_id = :a and version = :v""")
			.param("note", note.strip()).param("by", actor.userId()).param("at", Timestamp.from(clock.instant())).param("id", lineId)
			.param("a", accountId).param("v", version).update();
		if (changed == 0) {
			throw DomainException.staleVersion();
		}
		events.publishEvent(FundPosted.of("BANK_RESOLVED", accountId, compoundId, line.amountFen(),
				compound.name() + " 对账单行 " + line.reference() + "（" + line.status() + "）已处理：" + note.strip()));
		return line(accountId, lineId).orElseThrow();
	}

	private Report report(long accountId, int imported, int already) {
		int matched = jdbc.sql("select count(*) from fund_bank_line where account_id = :a and status = 'MATCHED'").param("a", accountId)
			.query(Integer.class).single();
		var open = jdbc.sql(SELECT + " where b.account_id = :a and b.status in ('MISMATCH', 'UNMATCHED') order by b.id").param("a", accountId)
			.query((rs, n) -> bankLine(rs)).list();
		var notInBank = jdbc.sql("""
				select p.id, p.kind, p.document, p.amount_fen from fund_posting p
				where p.account_id = :a and not exists (select 1 from fund_bank_line b where b.account_id = p.account_id and b.reference = p.document)
				order by p.id""")
			.param("a", accountId).query((rs, n) -> new Unbanked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
		return new Report(imported, already, matched, open, notInBank);
	}

	private static final String SELECT = """
			select b.id, b.booked_on, b.reference, b.amount_fen, b.summary, b.status, b.posting_id, p.amount_fen, b.resolution, b.version
			from fund_bank_line b left join fund_posting p on p.id = b.posting_id""";

	private java.util.Optional<BankLine> line(long accountId, long id) {
		return jdbc.sql(SELECT + " where b.id = :id and b.account_id = :a").param("id", id).param("a", accountId).query((rs, n) -> bankLine(rs))
			.optional();
	}

	private static BankLine bankLine(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new BankLine(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
				(Long) rs.getObject(7, Long.class), (Long) rs.getObject(8, Long.class), rs.getString(9), rs.getInt(10));
	}

	private static Line line(Csv.Row row) {
		LocalDate on;
		try {
			on = LocalDate.parse(row.get(0));
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid("日期", "日期应为 2026-01-31 的格式：" + row.get(0));
		}
		String reference = row.get(1);
		if (reference.isEmpty() || reference.length() > 100) {
			throw DomainException.invalid("流水号", "流水号须为 1 到 100 个字符");
		}
		long fen;
		try {
			var yuan = new BigDecimal(row.get(2).replace(",", ""));
			if (yuan.stripTrailingZeros().scale() > 2) {
				throw DomainException.invalid("金额", "金额最多两位小数（元）：" + row.get(2));
			}
			fen = yuan.movePointRight(2).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException e) {
			throw DomainException.invalid("金额", "金额应为元，如 1234.56 或 -80.00：" + row.get(2));
		}
		String summary = row.get(3);
		if (summary.length() > 200) {
			throw DomainException.invalid("摘要", "摘要不能超过 200 字");
		}
		return new Line(on, reference, fen, summary);
	}

	private CompoundFacts bookable(Actor actor, long compoundId) {
		return FundAccess.bookable(directory, actor, compoundId, "银行对账由小区所在市、区县住建部门办理");
	}
}
