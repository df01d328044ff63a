package cn.linli.fund.project;

/**
 * Where a repair project stands. Normal: the plan is posted, put to the owners' vote, passed (or
 * rejected), approved with 70 % paid, accepted, settled. Emergency: reported, jointly confirmed,
 * approved, accepted, settled.
 */
public enum ProjectStatus {

	PLAN_POSTED("方案公示中"), VOTING("业主表决中"), REJECTED("表决未通过"), PASSED("表决通过，待审核"), REPORTED("应急：待联合确认"),
	CONFIRMED("应急：已联合确认，待审核"), APPROVED("已批准，预付 70%，施工中"), ACCEPTED("已验收，待结算"), SETTLED("已结算并公示");

	private final String label;

	ProjectStatus(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
