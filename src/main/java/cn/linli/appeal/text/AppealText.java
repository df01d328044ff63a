package cn.linli.appeal.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Chinese text of appeals, with HanLP and a dictionary of property vocabulary.
 * <p>
 * What a text is about ({@link #subject}) is read with the concept dictionary
 * {@code appeal/concepts.txt} (objects, their aspects, place words) and the places it names
 * (building, unit, floor, gate); its content words come from HanLP and serve texts that name no
 * known object.
 */
@Component
public class AppealText {

	/** Forcing the custom dictionary, otherwise 2单元楼道灯 is still cut into 单元楼/道/灯. */
	private final Segment segment;
	private final Concepts concepts;
	private final PublicText publicText;
	/**
	 * Masked texts by their original: the public column and the big screen show the same recent
	 * appeals to everyone, and masking (segmentation with name recognition) is most of a page's
	 * time. Masking is a function of the text alone, so a cached answer is the answer.
	 */
	private final Cache<String, String> masked = Caffeine.newBuilder().maximumSize(10_000).build();

	AppealText() {
		loadPropertyTerms();
		segment = HanLP.newSegment().enableCustomDictionaryForcing(true);
		concepts = Concepts.load("appeal/concepts.txt");
		// the masker works on the original text, so it needs each term's offset
		publicText = new PublicText(HanLP.newSegment().enableCustomDictionaryForcing(true).enableOffset(true));
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

	/** Content words of a text: nouns, verbs, adjectives, place and property words; no stop words or punctuation. */
	public List<String> contentWords(String text) {
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
		return words;
	}

	/** What a text is about (objects, aspects, places, words), as stored with the appeal for later comparisons. */
	public String terms(String text) {
		return subject(text).encode();
	}

	public Subject subject(String text) {
		return new Subject(concepts.objects(text), concepts.aspects(text), Places.buildings(text), Places.units(text), Places.floors(text),
				Places.gates(text), contentWords(text));
	}

	/** The text as the public column shows it: no person, door, phone or account, every ordinary word as written ({@link PublicText}). */
	public String forPublic(String text) {
		return text == null ? null : masked.get(text, publicText::mask);
	}
}
