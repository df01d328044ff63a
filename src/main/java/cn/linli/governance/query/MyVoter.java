package cn.linli.governance.query;

import java.time.Instant;
import java.util.List;

/**
 * A voter of the roll the caller may vote for, by its houses, with every ballot cast for it —
 * the effective one and those it superseded — newest first.
 */
public record MyVoter(String voterId, String houses, long areaCenti, List<Cast> ballots) {

	/** One ballot as its voter sees it: when, how, what, and whether it still counts. */
	public record Cast(long id, Instant castAt, String channel, boolean proxy, String choice, List<String> candidates, String marks,
			boolean effective, String hash) {

		public String channelLabel() {
			return ("PAPER".equals(channel) ? "纸质表决票" : "在线") + (proxy ? "（代理）" : "");
		}
	}

	/** The ballot that counts, or null before the first. */
	public Cast current() {
		return ballots.stream().filter(Cast::effective).findFirst().orElse(null);
	}
}
