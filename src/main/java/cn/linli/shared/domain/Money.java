package cn.linli.shared.domain;

import java.math.BigInteger;

/** Money by area, the one rounding the platform uses for it: a rate in fen per m² × an area in 1/100 m², half up to the fen. */
public final class Money {

	private Money() {
	}

	public static long perSquareMetre(long fenPerSquareMetre, long areaCenti) {
		var exact = BigInteger.valueOf(fenPerSquareMetre).multiply(BigInteger.valueOf(areaCenti));
		var qr = exact.divideAndRemainder(BigInteger.valueOf(100));
		return qr[0].longValueExact() + (qr[1].intValue() >= 50 ? 1 : 0);
	}
}
