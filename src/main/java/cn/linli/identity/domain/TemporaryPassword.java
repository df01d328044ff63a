package cn.linli.identity.domain;

import java.security.SecureRandom;

/**
 * A password someone else sets for a user, to be told once and replaced at the next login: three
 * groups of four, read aloud or typed on a phone without confusing 0/O or 1/l/I, and strong enough
 * for {@link PasswordPolicy} (upper- and lower-case letters, digits and the dashes).
 */
public final class TemporaryPassword {

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
	private static final String DIGITS = "23456789";
	private static final String ALL = UPPER + LOWER + DIGITS;
	private static final SecureRandom RANDOM = new SecureRandom();

	private TemporaryPassword() {
	}

	public static String generate() {
		while (true) {
			var sb = new StringBuilder(14);
			for (int i = 0; i < 12; i++) {
				if (i > 0 && i % 4 == 0) {
					sb.append('-');
				}
				sb.append(ALL.charAt(RANDOM.nextInt(ALL.length())));
			}
			String candidate = sb.toString();
			if (candidate.chars().anyMatch(c -> UPPER.indexOf(c) >= 0) && candidate.chars().anyMatch(c -> LOWER.indexOf(c) >= 0)
					&& candidate.chars().anyMatch(c -> DIGITS.indexOf(c) >= 0)) {
				return candidate;
			}
		}
	}
}
