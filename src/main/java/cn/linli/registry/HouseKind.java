package cn.linli.registry;

public enum HouseKind {
	RESIDENTIAL("住宅"), COMMERCIAL("商业"), PARKING("车位"), STALL("储藏间/摊位");

	private final String label;

	HouseKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
