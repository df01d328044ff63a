package cn.linli.appeal.web;

import java.util.Arrays;

import cn.linli.shared.domain.DomainException;

/** Reads an enum from a form or JSON value with a Chinese error naming the field and the allowed values. */
final class Choices {

	private Choices() {
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String what) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid(field, what + "不正确，可选：" + Arrays.toString(type.getEnumConstants()));
		}
	}

	static <E extends Enum<E>> E required(Class<E> type, String value, String field, String what) {
		E e = parse(type, value, field, what);
		if (e == null) {
			throw DomainException.invalid(field, "请选择" + what);
		}
		return e;
	}
}
