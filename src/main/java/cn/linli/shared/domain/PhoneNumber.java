package cn.linli.shared.domain;

import java.util.regex.Pattern;

/** A mainland mobile number (11 digits, 13x–19x). */
public record PhoneNumber(String value) {

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

	public PhoneNumber {
		if (value == null || !MOBILE.matcher(value).matches()) {
			throw DomainException.invalid("phone", "手机号码格式错误：应为11位中国大陆手机号");
		}
	}

	public static PhoneNumber of(String raw) {
		return new PhoneNumber(raw == null ? null : raw.replaceAll("[\\s-]", ""));
	}

	/** 138****1234: how a number is shown to anyone but its owner. */
	public String masked() {
		return value.substring(0, 3) + "****" + value.substring(7);
	}

	@Override
	public String toString() {
		return value;
	}
}
