package cn.linli.shared.domain;

/**
 * A national statistical division code: province (2 digits), city (4), area (6), street (9),
 * community/village (12). The code's prefix is its parent chain, which is what makes scope
 * filtering a prefix match.
 */
public record RegionCode(String value) {

	public RegionCode {
		if (value == null || !isValid(value)) {
			throw DomainException.invalid("regionCode", "区划代码格式错误：应为2、4、6、9或12位数字");
		}
	}

	public static boolean isValid(String value) {
		if (value == null) {
			return false;
		}
		int n = value.length();
		if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12) {
			return false;
		}
		for (int i = 0; i < n; i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	public static RegionCode of(String value) {
		return new RegionCode(value == null ? null : value.trim());
	}

	public RegionLevel level() {
		return RegionLevel.ofLength(value.length());
	}

	public boolean contains(RegionCode other) {
		return other.value.startsWith(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
