package cn.linli.appeal;

/** DOMAIN §3: what a resident raises. */
public enum AppealKind {

	REPAIR("报修"), COMPLAINT("投诉"), SUGGESTION("建议"), INQUIRY("咨询"), PRAISE("表扬");

	private final String label;

	AppealKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
