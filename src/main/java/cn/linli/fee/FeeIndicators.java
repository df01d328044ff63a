package cn.linli.fee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask about fees: the 物业缴费率 of a region's compounds for a month (for the coverage dashboards). */
@Service
@Transactional(readOnly = true)
public class FeeIndicators {

	/** The SQL aggregates over {@code fee_bill b} that make a {@link Collection}, in its order. */
	public static final String COLUMNS = "coalesce(sum(b.amount_fen), 0), coalesce(sum(b.paid_fen), 0), count(b.id), count(b.id) filter (where b.paid_fen = b.amount_fen)";

	/**
	 * 物业缴费率 with its counts: collected ÷ billed in fen, and the household variant (bills paid in
	 * full ÷ bills); both to four places, half up, and none when nothing was billed, never a made-up zero.
	 */
	public record Collection(long billedFen, long collectedFen, long bills, long paidBills, BigDecimal rate, BigDecimal householdRate) {

		public static Collection of(long billedFen, long collectedFen, long bills, long paidBills) {
			return new Collection(billedFen, collectedFen, bills, paidBills, ratio(collectedFen, billedFen), ratio(paidBills, bills));
		}

		static BigDecimal ratio(long part, long whole) {
			return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
		}

		/** The rate in per cent with one decimal, from the counts (not from the rounded rate), for a page; null when nothing was billed. */
		public BigDecimal percent() {
			return percent(collectedFen, billedFen);
		}

		/** The household rate in per cent with one decimal, from the counts. */
		public BigDecimal householdPercent() {
			return percent(paidBills, bills);
		}

		static BigDecimal percent(long part, long whole) {
			return whole == 0 ? null : BigDecimal.valueOf(part).movePointRight(2).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
		}
	}

	private final JdbcClient jdbc;

	FeeIndicators(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The month's bills of every compound whose community code starts with the region's code. */
	public Collection ofRegion(String regionCode, YearMonth month) {
		return jdbc.sql("select " + COLUMNS + " from fee_bill b join compound c on c.id = b.compound_id where c.community_code like :r and b.period = :p")
			.param("r", regionCode + "%").param("p", Date.valueOf(month.atDay(1)))
			.query((rs, n) -> Collection.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
	}
}
