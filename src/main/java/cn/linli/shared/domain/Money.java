package cn.linli.shared.domain;

import java.math.BigInteger;

/**
 * Money by area, the one rounding the platform uses for it (a rate in fen per m² × an area in 1/100 m²,
 * half up to the fen), and fen and areas written plainly for texts (a notice, an audit row).
 */
public final class Money {

	private Money() {
	}

	public static long perSquareMetre(long fenPerSquareMetre, long areaCenti) {
		var exact = BigInteger.valueOf(fenPerSquareMetre).multiply(BigInteger.valueOf(areaCenti));
		var qr = exact.divideAndRemainder(BigInteger.valueOf(100));
		return qr[0].longValueExact() + (qr[1].intValue() >= 50 ? 1 : 0);
	}

	/** Fen as plain yuan, exactly: 1234.50 (pages use {@code Formats.yuan}, with the sign and separators). */
	public static String yuan(long fen) {
		return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
	}

	/** An area in 1/100 m² as square metres: 95.37. */
	public static String area(long centi) {
		return java.math.BigDecimal.valueOf(centi, 2).toPlainString();
	}
}
