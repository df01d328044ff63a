package cn.linli.appeal.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an appeal is about, as the repeat rule compares it: the objects it names (灯, 电梯 …; weak
 * ones such as ~漏水 say what is wrong more than what), the aspects of those objects (电梯.困人),
 * where it is (building, unit, floor, gate) and its content words for texts that name no known
 * object. Stored with the appeal as one line of tokens ({@code o:电梯 a:电梯.困人 b:3 w:…}).
 */
public final class Subject {

	private static final int MAX_STORED = 4000;

	public static final Subject NONE = new Subject(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of());

	private final Set<String> objects;
	private final Set<String> aspects;
	private final Set<String> buildings;
	private final Set<String> units;
	private final Set<String> floors;
	private final Set<String> gates;
	private final List<String> words;

	/*
	 * Read once per subject, not once per comparison: a new appeal is compared with up to 200
	 * earlier ones of its compound, and building these for every pair was most of the comparison.
	 */
	private final Set<String> strongObjects;
	private final Map<String, Set<String>> aspectsByObject;
	private final Map<String, Integer> frequencies;
	private final double norm;

	public Subject(Set<String> objects, Set<String> aspects, Set<String> buildings, Set<String> units, Set<String> floors, Set<String> gates,
			List<String> words) {
		// views, not copies (a copy would lose the sets' order, which encode() keeps): what is derived below must not go stale
		this.objects = Collections.unmodifiableSet(objects);
		this.aspects = Collections.unmodifiableSet(aspects);
		this.buildings = Collections.unmodifiableSet(buildings);
		this.units = Collections.unmodifiableSet(units);
		this.floors = Collections.unmodifiableSet(floors);
		this.gates = Collections.unmodifiableSet(gates);
		this.words = Collections.unmodifiableList(words);
		var strong = new TreeSet<String>();
		objects.stream().filter(o -> !o.startsWith("~")).forEach(strong::add);
		this.strongObjects = Collections.unmodifiableSet(strong);
		var byObject = new HashMap<String, Set<String>>();
		for (String o : objects) {
			String bare = bare(o);
			byObject.computeIfAbsent(bare, k -> Collections.unmodifiableSet(aspectsStartingWith(aspects, k)));
		}
		this.aspectsByObject = Collections.unmodifiableMap(byObject);
		var f = new HashMap<String, Integer>();
		for (String w : words) {
			f.merge(w, 1, Integer::sum);
		}
		this.frequencies = Collections.unmodifiableMap(f);
		double sq = 0;
		for (int v : f.values()) {
			sq += (double) v * v;
		}
		this.norm = Math.sqrt(sq);
	}

	public Set<String> objects() {
		return objects;
	}

	public Set<String> aspects() {
		return aspects;
	}

	public Set<String> buildings() {
		return buildings;
	}

	public Set<String> units() {
		return units;
	}

	public Set<String> floors() {
		return floors;
	}

	public Set<String> gates() {
		return gates;
	}

	public List<String> words() {
		return words;
	}

	/** The objects that say what (灯, 电梯), not only what is wrong (~漏水). */
	public Set<String> strongObjects() {
		return strongObjects;
	}

	/** The aspects of one object (named without its weak mark {@code ~}). */
	public Set<String> aspectsOf(String object) {
		var known = aspectsByObject.get(object);
		return known != null ? known : Collections.unmodifiableSet(aspectsStartingWith(aspects, object));
	}

	/** An object's name without the mark of a weak one ({@code ~漏水} → {@code 漏水}). */
	public static String bare(String object) {
		return object.indexOf('~') < 0 ? object : object.replace("~", "");
	}

	private static Set<String> aspectsStartingWith(Set<String> aspects, String object) {
		var of = new TreeSet<String>();
		String prefix = object + ".";
		for (String a : aspects) {
			if (a.startsWith(prefix)) {
				of.add(a);
			}
		}
		return of;
	}

	/** Cosine similarity of the two subjects' content words, 0 when either has none. */
	public double similarity(Subject other) {
		if (frequencies.isEmpty() || other.frequencies.isEmpty()) {
			return 0;
		}
		var small = frequencies.size() <= other.frequencies.size() ? frequencies : other.frequencies;
		var large = small == frequencies ? other.frequencies : frequencies;
		double dot = 0;
		for (var e : small.entrySet()) {
			Integer v = large.get(e.getKey());
			if (v != null) {
				dot += (double) e.getValue() * v;
			}
		}
		return dot / (norm * other.norm);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Subject s && objects.equals(s.objects) && aspects.equals(s.aspects) && buildings.equals(s.buildings)
				&& units.equals(s.units) && floors.equals(s.floors) && gates.equals(s.gates) && words.equals(s.words);
	}

	@Override
	public int hashCode() {
		return Objects.hash(objects, aspects, buildings, units, floors, gates, words);
	}

	@Override
	public String toString() {
		return "Subject[" + encode() + "]";
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
