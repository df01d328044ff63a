package cn.linli.registry;

public enum AreaSource {
	REGISTRY("不动产登记"), SURVEY("测绘"), CONTRACT("购房合同");

	private final String label;

	AreaSource(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
