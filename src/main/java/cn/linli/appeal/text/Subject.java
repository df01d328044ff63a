package cn.linli.appeal.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an appeal is about, as the repeat rule compares it: the objects it names (灯, 电梯 …; weak
 * ones such as ~漏水 say what is wrong more than what), the aspects of those objects (电梯.困人),
 * where it is (building, unit, floor, gate) and its content words for texts that name no known
 * object. Stored with the appeal as one line of tokens ({@code o:电梯 a:电梯.困人 b:3 w:…}).
 */
public record Subject(Set<String> objects, Set<String> aspects, Set<String> buildings, Set<String> units, Set<String> floors,
		Set<String> gates, List<String> words) {

	private static final int MAX_STORED = 4000;

	public static final Subject NONE = new Subject(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of());

	public Set<String> strongObjects() {
		var strong = new TreeSet<String>();
		objects.stream().filter(o -> !o.startsWith("~")).forEach(strong::add);
		return strong;
	}

	/** The aspects of one object. */
	public Set<String> aspectsOf(String object) {
		var of = new TreeSet<String>();
		aspects.stream().filter(a -> a.startsWith(object + ".")).forEach(of::add);
		return of;
	}

	public String encode() {
		var sb = new StringBuilder();
		append(sb, "o:", objects);
		append(sb, "a:", aspects);
		append(sb, "b:", buildings);
		append(sb, "u:", units);
		append(sb, "f:", floors);
		append(sb, "g:", gates);
		for (String w : words) {
			if (sb.length() + w.length() + 3 > MAX_STORED) {
				break;
			}
			sb.append(sb.isEmpty() ? "" : " ").append("w:").append(w);
		}
		return sb.toString();
	}

	private static void append(StringBuilder sb, String prefix, Set<String> values) {
		for (String v : values) {
			sb.append(sb.isEmpty() ? "" : " ").append(prefix).append(v);
		}
	}

	/**
	 * Reads a stored line. Lines stored before subjects existed hold bare content words; they
	 * read as a subject of words only, so that an old appeal is compared by its words.
	 */
	public static Subject parse(String stored) {
		if (stored == null || stored.isBlank()) {
			return NONE;
		}
		var objects = new TreeSet<String>();
		var aspects = new TreeSet<String>();
		var buildings = new TreeSet<String>();
		var units = new TreeSet<String>();
		var floors = new TreeSet<String>();
		var gates = new TreeSet<String>();
		var words = new ArrayList<String>();
		for (String token : stored.split(" ")) {
			if (token.length() > 2 && token.charAt(1) == ':') {
				String v = token.substring(2);
				switch (token.charAt(0)) {
					case 'o' -> objects.add(v);
					case 'a' -> aspects.add(v);
					case 'b' -> buildings.add(v);
					case 'u' -> units.add(v);
					case 'f' -> floors.add(v);
					case 'g' -> gates.add(v);
					default -> words.add(v);
				}
			}
			else if (!token.isEmpty()) {
				words.add(token);
			}
		}
		return new Subject(objects, aspects, buildings, units, floors, gates, words);
	}
}
