package cn.linli.appeal;

public enum Urgency {

	EMERGENCY("紧急"), URGENT("较急"), NORMAL("一般");

	private final String label;

	Urgency(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
