package cn.linli.governance.voting;

import java.time.Instant;

/** A cast ballot's receipt: the hash to look up on the ballot board; {@code replacedChannel} names the channel of the ballot it superseded, if any. */
public record Receipt(long ballotId, String voterId, String hash, Instant castAt, String replacedChannel) {
}
