package cn.linli.governance.domain;

import java.util.List;

/** One voter's effective ballot: a choice on a motion, or for an election the chosen candidates (none = blank). Named: a ballot is cast with its choice. */
@org.springframework.modulith.NamedInterface("ballot")
public record Ballot(String voterId, Choice choice, List<String> candidates) {

	public enum Choice {
		AGREE("同意"), OPPOSE("反对"), ABSTAIN("弃权");

		private final String label;

		Choice(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	public static Ballot on(String voterId, Choice choice) {
		return new Ballot(voterId, choice, List.of());
	}

	public static Ballot forCandidates(String voterId, List<String> candidates) {
		return new Ballot(voterId, null, List.copyOf(candidates));
	}
}
