package cn.linli.governance.domain;

import cn.linli.shared.domain.DomainException;

/** The nine matters of Civil Code Art. 278 and the majority each needs. */
public enum Matter {

	RULES_OF_PROCEDURE(1, "制定和修改业主大会议事规则"), MANAGEMENT_COVENANT(2, "制定和修改管理规约"),
	ELECT_COMMITTEE(3, "选举业主委员会或者更换业主委员会成员"), HIRE_COMPANY(4, "选聘和解聘物业服务企业或者其他管理人"),
	USE_MAINTENANCE_FUND(5, "使用建筑物及其附属设施的维修资金"), RAISE_MAINTENANCE_FUND(6, "筹集建筑物及其附属设施的维修资金"),
	REBUILD(7, "改建、重建建筑物及其附属设施"), CHANGE_USE_OF_COMMON_PARTS(8, "改变共有部分的用途或者利用共有部分从事经营活动"),
	OTHER_MAJOR(9, "有关共有和共同管理权利的其他重大事项");

	private final int number;
	private final String label;

	Matter(int number, String label) {
		this.number = number;
		this.label = label;
	}

	public static Matter of(int number) {
		if (number < 1 || number > 9) {
			throw DomainException.invalid("matter", "表决事项应为《民法典》第二百七十八条第1–9项");
		}
		return values()[number - 1];
	}

	public int number() {
		return number;
	}

	public String label() {
		return label;
	}

	public boolean isElection() {
		return this == ELECT_COMMITTEE;
	}

	/** Matters 6–8 need three quarters (以上, bound included); the others more than half (过半数, bound excluded). */
	public PassRule passRule() {
		return number >= 6 && number <= 8 ? PassRule.THREE_QUARTERS_OR_MORE : PassRule.MORE_THAN_HALF;
	}

	public enum PassRule {
		MORE_THAN_HALF("过半数（不含半数）"), THREE_QUARTERS_OR_MORE("四分之三以上（含四分之三）");

		private final String words;

		PassRule(String words) {
			this.words = words;
		}

		/** part / whole meets the rule, in integers. */
		public boolean met(long part, long whole) {
			return switch (this) {
				case MORE_THAN_HALF -> part * 2 > whole;
				case THREE_QUARTERS_OR_MORE -> part * 4 >= whole * 3;
			};
		}

		/** The least part of {@code whole} that meets the rule. */
		public long least(long whole) {
			return switch (this) {
				case MORE_THAN_HALF -> whole / 2 + 1;
				case THREE_QUARTERS_OR_MORE -> (whole * 3 + 3) / 4;
			};
		}

		/** The rule as the notice states it. */
		public String words() {
			return words;
		}
	}
}
