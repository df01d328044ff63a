package cn.linli.identity.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How strong a password a person chooses must be: 8 to 128 characters, at least three of the
 * four kinds (lower-case letters, upper-case letters, digits, other signs), and not containing
 * the username — the usual rule for government systems (GB/T 22239 等保 "口令复杂度").
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 8;
	public static final int MAX_LENGTH = 128;

	/** Shown beside the field before anything is typed, so that nobody learns the rule by failing. */
	public static final String RULE = "至少8位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名";

	private PasswordPolicy() {
	}

	/** What is wrong with a password {@code username} chose, if anything. */
	public static Optional<String> problem(String password, String username) {
		if (password == null || password.length() < MIN_LENGTH) {
			return Optional.of("新密码至少8位");
		}
		if (password.length() > MAX_LENGTH) {
			return Optional.of("新密码不能超过128位");
		}
		if (kinds(password) < 3) {
			return Optional.of("新密码须包含大写字母、小写字母、数字、符号中的至少三类");
		}
		if (username != null && username.length() >= 3
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("新密码不能包含用户名");
		}
		return Optional.empty();
	}

	static int kinds(String password) {
		boolean lower = false;
		boolean upper = false;
		boolean digit = false;
		boolean other = false;
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (c >= 'a' && c <= 'z') {
				lower = true;
			}
			else if (c >= 'A' && c <= 'Z') {
				upper = true;
			}
			else if (c >= '0' && c <= '9') {
				digit = true;
			}
			else {
				other = true;
			}
		}
		return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}
}
