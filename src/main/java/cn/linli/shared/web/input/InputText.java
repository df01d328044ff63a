package cn.linli.shared.web.input;

import java.util.Optional;
import java.util.Set;

/**
 * The one rule for every text a request brings in — form fields, query parameters, multipart
 * fields and file names, JSON strings and keys: no control characters, no bidirectional
 * overrides, no broken UTF-16. {@code 测\u202Egnp.exe名} would display as an image name while
 * being an executable; a NUL cannot be stored by PostgreSQL at all. Tab and line breaks are
 * allowed only in the fields that are written as several lines ({@link #MULTILINE}).
 */
public final class InputText {

	/**
	 * Fields shown as a {@code <textarea>} or sent as free text by civic apps: the appeal's body,
	 * a note, a reason, a handler's result, a committee's member list (one per line), a motion's
	 * text, an Open311 description.
	 */
	public static final Set<String> MULTILINE = Set.of("body", "note", "reason", "result", "members", "description", "text",
			"comment");

	public static final String REFUSED = "含有不允许的字符（控制字符、方向控制符或无效编码）";

	private InputText() {
	}

	/** Why the value is refused, or empty when it is acceptable. */
	public static Optional<String> problem(String value, boolean multiline) {
		if (value == null) {
			return Optional.empty();
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return Optional.of(REFUSED);
			}
			if (Character.isLowSurrogate(c) || refused(c, multiline)) {
				return Optional.of(c == '\n' || c == '\r' || c == '\t' ? "不能换行或包含制表符" : REFUSED);
			}
		}
		return Optional.empty();
	}

	/** Whether a field of this name may hold several lines; {@code attr_x}, {@code a.b} and {@code a[0]} count by their last part. */
	public static boolean multiline(String field) {
		if (field == null) {
			return false;
		}
		String name = field.substring(field.lastIndexOf('.') + 1);
		int bracket = name.indexOf('[');
		if (bracket > 0) {
			name = name.substring(0, bracket);
		}
		return MULTILINE.contains(name);
	}

	private static boolean refused(char c, boolean multiline) {
		if (c < 0x20) {
			return !(multiline && (c == '\t' || c == '\n' || c == '\r'));
		}
		// DEL, the C1 controls, U+FFFD (what a broken encoding decodes to), the bidirectional marks,
		// embeddings, overrides and isolates, and the Arabic letter mark that works like them
		return c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\uFFFD' || c == '\u200E' || c == '\u200F' || c == '\u061C'
				|| (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}
}
