package cn.linli.registry;

public enum ServiceMode {
	PROFESSIONAL("专业化物业"), TRUSTEE("托管/公益兜底"), QUASI("准物业"), SELF("业主自管"), NONE("无物业");

	private final String label;

	ServiceMode(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
