package cn.linli.shared.domain;


/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character. Never stored: only its keyed
 * hashes and a masked form are.
 */
public record IdNumber(String value) {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	private static final String CHECK = "10X98765432";

	public IdNumber {
		if (value == null || !isValid(value)) {
			throw DomainException.invalid("idNumber", "身份证号码无效：应为18位，且校验位正确");
		}
	}

	public static IdNumber of(String raw) {
		return new IdNumber(raw == null ? null : raw.trim().toUpperCase());
	}

	public static boolean isValid(String v) {
		if (v.length() != 18) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			char c = v.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			sum += (c - '0') * WEIGHTS[i];
		}
		return v.charAt(17) == CHECK.charAt(sum % 11);
	}

	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK.charAt(sum % 11);
	}

	/** The last six characters, which a resident types to prove ownership when binding a house. */
	public String tail() {
		return value.substring(12);
	}

	/** 371002********** : the birth date and the tail are never shown. */
	public String masked() {
		return value.substring(0, 6) + "************";
	}

	@Override
	public String toString() {
		return masked();
	}
}
