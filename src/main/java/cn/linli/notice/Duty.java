package cn.linli.notice;

import java.time.Period;

/**
 * What a notice discloses. The provider must disclose the first seven regularly (Civil Code Art.
 * 943: 服务事项、负责人员、质量要求、收费项目和标准、履行情况、维修资金使用情况、共有部分经营与收益);
 * each has the longest time between two postings and the shortest time a posting stays up.
 */
public enum Duty {

	SERVICE("服务事项与质量要求", Period.ofYears(1), 7), STAFF("项目负责人与服务人员", Period.ofYears(1), 7),
	FEES("收费项目与标准（价目表）", Period.ofYears(1), 30), PERFORMANCE("服务合同履行情况", Period.ofMonths(6), 7),
	FUND_USE("维修资金使用情况", Period.ofYears(1), 5), COMMON_INCOME("公共收益收支情况（每季度）", Period.ofMonths(3), 30),
	COMPLAINT("投诉渠道与服务电话", Period.ofYears(1), 7), GENERAL("通知公告", null, 1);

	/** A compound newly served has this long to post every duty the first time. */
	public static final Period FIRST_POSTING = Period.ofDays(30);

	private final String label;
	private final Period interval;
	private final int minimumDays;

	Duty(String label, Period interval, int minimumDays) {
		this.label = label;
		this.interval = interval;
		this.minimumDays = minimumDays;
	}

	public String label() {
		return label;
	}

	/** The longest time between two postings; none for a general notice. */
	public Period interval() {
		return interval;
	}

	public boolean scheduled() {
		return interval != null;
	}

	/** The fewest days a notice of this kind stays on the board. */
	public int minimumDays() {
		return minimumDays;
	}

	/** What the committee may post (besides general notices): the fund's use and the common income, which it discloses too. */
	public boolean committeeMayPost() {
		return this == GENERAL || this == FUND_USE || this == COMMON_INCOME;
	}

	public static Duty parse(String name) {
		if (name == null || name.isBlank()) {
			return GENERAL;
		}
		try {
			return valueOf(name.strip());
		}
		catch (IllegalArgumentException e) {
			throw cn.linli.shared.domain.DomainException.invalid("duty", "公告类别不存在：" + name);
		}
	}

	/** The duties the provider owes, in checklist order. */
	public static java.util.List<Duty> owed() {
		return java.util.Arrays.stream(values()).filter(Duty::scheduled).toList();
	}
}
