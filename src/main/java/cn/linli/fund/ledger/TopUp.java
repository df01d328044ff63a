package cn.linli.fund.ledger;

import java.math.BigInteger;

/**
 * 续交 (165号令 Art. 17): a house whose balance has fallen below 30 % of its first deposit is to be
 * topped up. The same rule for a ledger read in Java and for a statement over many ledgers.
 */
public final class TopUp {

	/** Per cent of the first deposit below which a top-up is due. */
	public static final int THRESHOLD_PERCENT = 30;

	/** The rule on a {@code fund_ledger} row aliased {@code l}. */
	public static final String DUE_SQL = "(l.first_deposit_fen > 0 and l.balance_fen * 100 < l.first_deposit_fen * " + THRESHOLD_PERCENT + ")";

	private TopUp() {
	}

	public static boolean due(long firstDepositFen, long balanceFen) {
		return firstDepositFen > 0 && BigInteger.valueOf(balanceFen).multiply(BigInteger.valueOf(100))
			.compareTo(BigInteger.valueOf(firstDepositFen).multiply(BigInteger.valueOf(THRESHOLD_PERCENT))) < 0;
	}
}
