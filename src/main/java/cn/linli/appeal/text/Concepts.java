package cn.linli.appeal.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.io.ClassPathResource;

/**
 * The concept dictionary ({@code appeal/concepts.txt}, described in the file itself): which
 * objects and aspects a text names. Words match anywhere in the text, so no segmentation error
 * can hide one; the longest match claims its characters first.
 */
final class Concepts {

	/** Words that say where, not what: they only keep their characters from being read as an object. */
	static final String PLACE = "@";

	private record Word(String word, String concept) {
	}

	/** Object words, longest first. */
	private final List<Word> objectWords;
	/** object → aspect → words. */
	private final Map<String, Map<String, List<String>>> aspects;

	private Concepts(List<Word> objectWords, Map<String, Map<String, List<String>>> aspects) {
		this.objectWords = objectWords;
		this.aspects = aspects;
	}

	static Concepts load(String resource) {
		var objectWords = new ArrayList<Word>();
		var aspects = new LinkedHashMap<String, Map<String, List<String>>>();
		try (var in = new BufferedReader(new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int n = 0;
			while ((line = in.readLine()) != null) {
				n++;
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				int eq = line.indexOf('=');
				if (eq < 1) {
					throw new IllegalStateException(resource + " line " + n + ": expected concept = words");
				}
				String name = line.substring(0, eq).strip();
				var words = List.of(line.substring(eq + 1).strip().split("\\s+"));
				int dot = name.indexOf('.');
				if (dot > 0) {
					aspects.computeIfAbsent(name.substring(0, dot).replace("~", ""), k -> new LinkedHashMap<>()).put(name, words);
				}
				else {
					words.forEach(w -> objectWords.add(new Word(w, name)));
				}
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read " + resource, e);
		}
		objectWords.sort(Comparator.comparingInt((Word w) -> w.word().length()).reversed());
		return new Concepts(List.copyOf(objectWords), aspects);
	}

	/** The objects a text names: each match claims its characters, longest words first, then leftmost. */
	Set<String> objects(String text) {
		record Match(int start, int end, String concept) {
		}
		var matches = new ArrayList<Match>();
		for (var w : objectWords) {
			for (int i = text.indexOf(w.word()); i >= 0; i = text.indexOf(w.word(), i + 1)) {
				matches.add(new Match(i, i + w.word().length(), w.concept()));
			}
		}
		matches.sort(Comparator.comparingInt((Match m) -> m.end() - m.start()).reversed().thenComparingInt(Match::start));
		var claimed = new boolean[text.length()];
		var found = new TreeSet<String>();
		for (var m : matches) {
			boolean free = true;
			for (int i = m.start(); i < m.end() && free; i++) {
				free = !claimed[i];
			}
			if (free) {
				for (int i = m.start(); i < m.end(); i++) {
					claimed[i] = true;
				}
				found.add(m.concept());
			}
		}
		found.remove(PLACE);
		return found;
	}

	/** The aspects a text names of the objects it names. */
	Set<String> aspects(String text) {
		var found = new TreeSet<String>();
		for (String object : objects(text)) {
			aspects.getOrDefault(object.replace("~", ""), Map.of()).forEach((aspect, words) -> {
				if (words.stream().anyMatch(text::contains)) {
					found.add(aspect);
				}
			});
		}
		return found;
	}
}
