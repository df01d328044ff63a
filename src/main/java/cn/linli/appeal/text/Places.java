package cn.linli.appeal.text;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where a text says something is: the building (3号楼, 8栋), the unit (2单元), the floor when it
 * follows a building or unit (3号楼4楼 — a bare 8楼 may be a lift button), the gate (东门) or the
 * lettered zone of a car park (B区). Numbers
 * in Chinese numerals read as digits, so 二单元 and 2单元 are one unit.
 */
final class Places {

	private static final String NUMBER = "(\\d+|[一二三四五六七八九十]+)";
	private static final Pattern BUILDING = Pattern.compile(NUMBER + "\\s*(?:号楼|号|栋|幢)");
	private static final Pattern UNIT = Pattern.compile(NUMBER + "\\s*单元");
	private static final Pattern FLOOR = Pattern.compile("(?:号楼|栋|单元)\\s*" + NUMBER + "\\s*(?:楼|层)(?![道梯上下顶前后门])");
	private static final Pattern GATE = Pattern.compile("([东西南北])(?:侧)?门");
	private static final Pattern ZONE = Pattern.compile("(?<![A-Za-z])([A-Za-z])\\s*区");

	private Places() {
	}

	static Set<String> buildings(String text) {
		return numbers(BUILDING, text);
	}

	static Set<String> units(String text) {
		return numbers(UNIT, text);
	}

	static Set<String> floors(String text) {
		return numbers(FLOOR, text);
	}

	/** 东门, and the lettered zones of a car park (B区): both say which part of the compound. */
	static Set<String> gates(String text) {
		var found = new TreeSet<String>();
		var m = GATE.matcher(text);
		while (m.find()) {
			found.add(m.group(1));
		}
		var z = ZONE.matcher(text);
		while (z.find()) {
			found.add(z.group(1).toUpperCase(java.util.Locale.ROOT) + "区");
		}
		return found;
	}

	private static Set<String> numbers(Pattern p, String text) {
		var found = new TreeSet<String>();
		var m = p.matcher(text);
		while (m.find()) {
			found.add(String.valueOf(value(m.group(1))));
		}
		return found;
	}

	/** 12, 十二, 二十一, 三 → their value. */
	static int value(String number) {
		if (number.chars().allMatch(Character::isDigit)) {
			return number.length() > 6 ? -1 : Integer.parseInt(number);
		}
		String digits = "零一二三四五六七八九";
		int ten = number.indexOf('十');
		if (ten < 0) {
			int v = 0;
			for (char c : number.toCharArray()) {
				v = v * 10 + digits.indexOf(c);
			}
			return v;
		}
		int tens = ten == 0 ? 1 : digits.indexOf(number.charAt(0));
		int ones = ten == number.length() - 1 ? 0 : digits.indexOf(number.charAt(ten + 1));
		return tens * 10 + ones;
	}
}
