package cn.linli.governance;

import java.util.List;

/** One voter's effective ballot: a choice on a motion, or for an election the chosen candidates (none = blank). */
public record Ballot(String voterId, Choice choice, List<String> candidates) {

	public enum Choice {
		AGREE, OPPOSE, ABSTAIN
	}

	public static Ballot on(String voterId, Choice choice) {
		return new Ballot(voterId, choice, List.of());
	}

	public static Ballot forCandidates(String voterId, List<String> candidates) {
		return new Ballot(voterId, null, List.copyOf(candidates));
	}
}
