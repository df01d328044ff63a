package cn.linli.shared.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import cn.linli.shared.time.TimeConfiguration;

/** Formatting for pages ({@code ${@fmt.time(x)}}): times in Asia/Shanghai, rates as percentages. */
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

	public String num(Double value) {
		return value == null ? "—" : String.format("%.2f", value);
	}
}
