package cn.linli.fund.project;

import cn.linli.shared.domain.DomainException;

/** The hazards for which the fund may be used at once, without a vote (应急使用). */
public enum Hazard {

	LIFT("电梯故障危及人身安全"), FIRE("消防设施故障"), ROOF_LEAK("屋面、外墙渗漏"), FACADE("外墙面或附着物脱落"), CURTAIN_WALL("玻璃幕墙炸裂"),
	DRAIN("供排水管道爆裂、堵塞"), GARAGE_FLOOD("地下车库进水"), OTHER("其他危及房屋安全或人身安全的情形");

	private final String label;

	Hazard(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	static Hazard parse(String name) {
		if (name == null || name.isBlank()) {
			throw DomainException.invalid("hazard", "请选择紧急情形");
		}
		try {
			return valueOf(name.strip());
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("hazard", "紧急情形不存在：" + name);
		}
	}
}
