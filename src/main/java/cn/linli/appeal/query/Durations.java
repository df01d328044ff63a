package cn.linli.appeal.query;

import java.time.Duration;
import java.time.Instant;

/** Time left on a clock in words: 剩余 1 小时 20 分 / 已超时 3 天. */
public final class Durations {

	private Durations() {
	}

	public static String left(Instant due, Instant now) {
		if (due == null) {
			return "";
		}
		var d = Duration.between(now, due);
		return d.isNegative() ? "已超时 " + words(d.negated()) : "剩余 " + words(d);
	}

	public static String words(Duration d) {
		long minutes = Math.max(0, d.toMinutes());
		if (minutes < 60) {
			return minutes + " 分钟";
		}
		if (minutes < 24 * 60) {
			return minutes / 60 + " 小时" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " 分");
		}
		return minutes / (24 * 60) + " 天" + (minutes % (24 * 60) / 60 == 0 ? "" : " " + minutes % (24 * 60) / 60 + " 小时");
	}

	/** A clock length as people say it: 30 分钟, 2 小时, 7 天, 1 天 12 小时. */
	public static String ofMinutes(int minutes) {
		return words(Duration.ofMinutes(minutes));
	}
}
