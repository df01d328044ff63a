package cn.linli.shared.domain;

import java.math.BigDecimal;

/** An area in 1/100 m², never a float: votes are counted on it to the last hundredth. */
public record Area(long centi) {

	public Area {
		if (centi < 0) {
			throw DomainException.invalid("area", "面积不能为负数");
		}
	}

	/** Parses "89.5" or "89.50" (square metres, at most two decimals). */
	public static Area parse(String squareMetres) {
		try {
			BigDecimal m2 = new BigDecimal(squareMetres.trim());
			if (m2.scale() > 2) {
				throw DomainException.invalid("area", "面积最多两位小数");
			}
			return new Area(m2.movePointRight(2).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException | NullPointerException e) {
			throw DomainException.invalid("area", "面积格式错误：应为平方米数，如 89.50");
		}
	}

	public String squareMetres() {
		return BigDecimal.valueOf(centi, 2).toPlainString();
	}

	@Override
	public String toString() {
		return squareMetres() + " m²";
	}
}
