package cn.linli.appeal;

/** The resident's verdict on a resolved appeal. */
public enum Rating {

	SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), DISSATISFIED("不满意");

	private final String label;

	Rating(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** 满意 and 基本满意 count as satisfied (满意率) and as solved (解决率). */
	public boolean satisfied() {
		return this != DISSATISFIED;
	}

	/** The satisfied ratings as an SQL list, for {@code a.rating in …}. */
	public static String satisfiedSql() {
		return java.util.Arrays.stream(values()).filter(Rating::satisfied).map(r -> "'" + r.name() + "'")
			.collect(java.util.stream.Collectors.joining(", ", "(", ")"));
	}
}
