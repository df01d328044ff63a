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

	public boolean satisfied() {
		return this != DISSATISFIED;
	}
}
