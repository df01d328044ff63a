package cn.linli.shared.web;

import java.math.BigDecimal;

import cn.linli.shared.domain.DomainException;

/** Yuan as a person types them on a page (12000, 1,234.56) in fen; more than two decimals is refused, never rounded away. */
public final class YuanInput {

	private YuanInput() {
	}

	/** Blank is none. */
	public static Long fen(String value, String field, String what) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			var yuan = new BigDecimal(value.strip().replace(",", "").replace("，", ""));
			if (yuan.stripTrailingZeros().scale() > 2) {
				throw DomainException.invalid(field, what + "最多精确到分（两位小数）");
			}
			return yuan.movePointRight(2).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException e) {
			throw DomainException.invalid(field, what + "须为金额（元），如 12000 或 1234.56");
		}
	}
}
