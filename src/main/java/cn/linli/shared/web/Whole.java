package cn.linli.shared.web;

import java.math.BigDecimal;

import cn.linli.shared.domain.DomainException;

/**
 * A whole number of fen (or of 1/100 m²) from a request. JSON numbers are read as decimals so that
 * 83.35 — yuan typed where fen are asked — is refused instead of being cut to 83, which would be
 * booked for good in an append-only ledger.
 */
public final class Whole {

	private Whole() {
	}

	public static Long of(BigDecimal value, String field, String what) {
		if (value == null) {
			return null;
		}
		try {
			return value.stripTrailingZeros().scale() > 0 ? fail(field, what) : value.longValueExact();
		}
		catch (ArithmeticException e) {
			throw DomainException.invalid(field, what + "超出范围");
		}
	}

	private static Long fail(String field, String what) {
		throw DomainException.invalid(field, what + "须为整数（金额以分计，面积以 0.01 平方米计），不能带小数");
	}

	/** Whole fen typed as text (a form field or a multipart part); blank is none. */
	public static Long fen(String value, String field, String what) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return of(new BigDecimal(value.strip()), field, what);
		}
		catch (NumberFormatException e) {
			throw DomainException.invalid(field, what + "须为数字（以分计）");
		}
	}
}
