package cn.linli.identity.onboarding;

import java.security.SecureRandom;

/** Random codes a person reads or types: no 0/O, 1/I to confuse. */
final class Codes {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	private static final SecureRandom RANDOM = new SecureRandom();

	private Codes() {
	}

	static String random(int length) {
		var sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return sb.toString();
	}
}
