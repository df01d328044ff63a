package cn.linli.governance.domain;

import java.time.Instant;

/** The text a ballot's hash is computed over: every field that makes the ballot, and the previous hash. */
public final class BallotRecord {

	private BallotRecord() {
	}

	public static String canonical(String previousHash, long motionId, String voterId, String castBy, String channel, String choice,
			String candidates, boolean proxy, Instant castAt) {
		return String.join("\n", previousHash, String.valueOf(motionId), voterId, castBy, channel, choice == null ? "" : choice,
				candidates == null ? "" : candidates, String.valueOf(proxy), castAt.toString());
	}

	/** The hash the chain of a motion starts from. */
	public static String genesis(long motionId) {
		return cn.linli.shared.domain.Hashes.sha256("motion:" + motionId);
	}
}
