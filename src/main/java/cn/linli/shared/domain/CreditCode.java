package cn.linli.shared.domain;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V,
 * Z); the last is a check character, weights 3^i mod 31 over the first 17.
 */
public record CreditCode(String value) {

	private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	public CreditCode {
		if (value == null || !isValid(value)) {
			throw DomainException.invalid("creditCode", "统一社会信用代码无效：应为18位，且校验位正确");
		}
	}

	public static CreditCode of(String raw) {
		return new CreditCode(raw == null ? null : raw.trim().toUpperCase());
	}

	public static boolean isValid(String code) {
		if (code == null || code.length() != 18) {
			return false;
		}
		for (int i = 0; i < 18; i++) {
			if (ALPHABET.indexOf(code.charAt(i)) < 0) {
				return false;
			}
		}
		return code.charAt(17) == checkCharacter(code.substring(0, 17));
	}

	/** The check character for the first 17 characters of a code. */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int v = ALPHABET.indexOf(first17.charAt(i));
			if (v < 0) {
				throw DomainException.invalid("creditCode", "统一社会信用代码含非法字符");
			}
			sum += v * WEIGHTS[i];
		}
		int check = (31 - sum % 31) % 31;
		return ALPHABET.charAt(check);
	}

	@Override
	public String toString() {
		return value;
	}
}
