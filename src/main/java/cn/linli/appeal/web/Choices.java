package cn.linli.appeal.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.linli.shared.domain.DomainException;

/**
 * Reads an enum from a form or JSON value — its code or its Chinese label — with a Chinese error
 * naming the field and the allowed values, labels first (people read them) and codes beside (scripts
 * send them).
 */
final class Choices {

	private Choices() {
	}

	static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> label, String value, String field, String what) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		for (E e : type.getEnumConstants()) {
			if (e.name().equals(v.toUpperCase(Locale.ROOT)) || label.apply(e).equals(v)) {
				return e;
			}
		}
		String allowed = Arrays.stream(type.getEnumConstants()).map(e -> label.apply(e) + "（" + e.name() + "）")
			.collect(Collectors.joining("、"));
		throw DomainException.invalid(field, what + "不正确，可选：" + allowed);
	}

	static <E extends Enum<E>> E required(Class<E> type, Function<E, String> label, String value, String field, String what) {
		E e = parse(type, label, value, field, what);
		if (e == null) {
			throw DomainException.invalid(field, "请选择" + what);
		}
		return e;
	}
}
