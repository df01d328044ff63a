package cn.linli.shared.domain;

import java.util.Arrays;
import java.util.Optional;

public enum RegionLevel {

	PROVINCE(2, "省"), CITY(4, "市"), AREA(6, "区/县"), STREET(9, "街道/镇"), COMMUNITY(12, "社区/村");

	private final int codeLength;
	private final String label;

	RegionLevel(int codeLength, String label) {
		this.codeLength = codeLength;
		this.label = label;
	}

	public int codeLength() {
		return codeLength;
	}

	public String label() {
		return label;
	}

	public Optional<RegionLevel> child() {
		return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
	}

	public static RegionLevel ofLength(int length) {
		return Arrays.stream(values()).filter(l -> l.codeLength == length).findFirst()
			.orElseThrow(() -> DomainException.invalid("regionCode", "区划代码长度错误"));
	}
}
