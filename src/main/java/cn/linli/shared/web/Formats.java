package cn.linli.shared.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.domain.Money;

/** Formatting for pages ({@code ${@fmt.time(x)}}): times in Asia/Shanghai, rates as percentages, money from fen. */
@Component("fmt")
public class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.ZONE);
	private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(TimeConfiguration.ZONE);

	public String time(Instant t) {
		return t == null ? "—" : TIME.format(t);
	}

	public String shortTime(Instant t) {
		return t == null ? "—" : SHORT.format(t);
	}

	public String pct(Double rate) {
		return rate == null ? "—" : String.format("%.1f%%", rate * 100);
	}

	/** Fen as yuan with thousands separators and two decimals, exactly (¥12,345.67; a refund or cost with its minus sign). */
	public String yuan(long fen) {
		var yuan = java.math.BigDecimal.valueOf(fen, 2);
		var f = new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
		return "¥" + f.format(yuan);
	}

	/** An area in 1/100 m² as square metres with two decimals (95.37). */
	public String area(long centi) {
		return Money.area(centi);
	}

	public String num(Double value) {
		return value == null ? "—" : String.format("%.2f", value);
	}
}
