package cn.linli.registry;

public enum PartyOrg {
	INDEPENDENT("独立党组织"), JOINT("联合党组织"), NONE("未建立");

	private final String label;

	PartyOrg(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
