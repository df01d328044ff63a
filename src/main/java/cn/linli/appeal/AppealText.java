package cn.linli.appeal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Chinese text of appeals, with HanLP and a dictionary of property vocabulary.
 * <p>
 * Similarity is the cosine of the two texts' content-word frequency vectors (nouns, verbs,
 * adjectives, place and property words; stop words and punctuation dropped). Cosine over words
 * rather than characters because two residents describe the same broken 楼道灯 with different
 * filler but the same nouns; above {@link #REPEAT_THRESHOLD} the texts name the same thing.
 */
@Component
public class AppealText {

	/** Cosine at or above which a new appeal in the same compound counts as a repeat; see README for how it was chosen. */
	public static final double REPEAT_THRESHOLD = 0.5;

	/**
	 * House, room and phone numbers in ASCII or full-width digits (input methods produce both) or
	 * in Chinese numerals before 单元/室/户/层.
	 */
	private static final Pattern HOUSE_NUMBER = Pattern.compile("\\d+\\s*(单元|室|户|层|楼层)|\\d{3,}|[一二三四五六七八九十〇零百]+\\s*(单元|室|户)",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** Forcing the custom dictionary, otherwise 2单元楼道灯 is still cut into 单元楼/道/灯. */
	private final Segment segment;

	AppealText() {
		loadPropertyTerms();
		segment = HanLP.newSegment().enableCustomDictionaryForcing(true);
	}

	private static void loadPropertyTerms() {
		try (var in = new BufferedReader(new InputStreamReader(new ClassPathResource("appeal/property-terms.txt").getInputStream(),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				line = line.strip();
				if (!line.isEmpty() && !line.startsWith("#")) {
					CustomDictionary.insert(line, "nz 2048");
				}
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read the property dictionary", e);
		}
	}

	/** The words of a text, as HanLP segments it with our dictionary. */
	public List<String> words(String text) {
		return segment.seg(text).stream().map(t -> t.word).toList();
	}

	/** Content words, space-separated, as stored with the appeal for later comparisons. */
	public String terms(String text) {
		var words = new ArrayList<String>();
		for (Term t : segment.seg(text)) {
			String nature = t.nature == null ? "" : t.nature.toString();
			if (t.word.isBlank() || nature.startsWith("w") || CoreStopWordDictionary.contains(t.word)) {
				continue;
			}
			if (nature.startsWith("n") || nature.startsWith("v") || nature.startsWith("a") || nature.startsWith("s")
					|| nature.startsWith("f") || nature.startsWith("g") || nature.startsWith("i") || nature.startsWith("l")) {
				words.add(t.word);
			}
		}
		String joined = String.join(" ", words);
		return joined.length() > 4000 ? joined.substring(0, 4000) : joined;
	}

	/** Cosine similarity of two stored term lists, 0 when either is empty. */
	public static double similarity(String termsA, String termsB) {
		var a = frequencies(termsA);
		var b = frequencies(termsB);
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		double dot = 0;
		for (var e : a.entrySet()) {
			dot += e.getValue() * b.getOrDefault(e.getKey(), 0);
		}
		return dot / (norm(a) * norm(b));
	}

	private static Map<String, Integer> frequencies(String terms) {
		var f = new HashMap<String, Integer>();
		if (terms != null) {
			for (String w : terms.split(" ")) {
				if (!w.isEmpty()) {
					f.merge(w, 1, Integer::sum);
				}
			}
		}
		return f;
	}

	private static double norm(Map<String, Integer> f) {
		double s = 0;
		for (int v : f.values()) {
			s += (double) v * v;
		}
		return Math.sqrt(s);
	}

	/**
	 * The text as the public column shows it: person names (HanLP's name recognition) become 某某,
	 * house and phone numbers become *, so that only the building stays recognisable.
	 */
	public String forPublic(String text) {
		if (text == null) {
			return null;
		}
		var sb = new StringBuilder();
		for (Term t : segment.seg(text)) {
			String nature = t.nature == null ? "" : t.nature.toString();
			sb.append(nature.startsWith("nr") ? "某某" : t.word);
		}
		var m = HOUSE_NUMBER.matcher(sb);
		var out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, m.group().replaceAll("(?U)\\d|[一二三四五六七八九十〇零百]", "*"));
		}
		m.appendTail(out);
		return out.toString();
	}
}
