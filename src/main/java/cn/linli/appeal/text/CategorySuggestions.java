package cn.linli.appeal.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import cn.linli.appeal.AppealStatus;
import cn.linli.shared.domain.DomainException;

/**
 * 分类建议: the category a text most likely belongs to, as a resident types it.
 * <p>
 * A multinomial naive Bayes classifier with add-one smoothing over the text's features: the
 * property objects and content words HanLP finds with our dictionary, and the character bigrams
 * of the text (they carry colloquial and unknown words the segmenter splits). Trained on the
 * shipped corpus {@code appeal/category-corpus.tsv} (50 written texts per category) and on the
 * city's own closed appeals, whose category has stood through handling (the newest
 * {@link #CITY_APPEALS}); retrained every hour. Scores are the posterior probabilities.
 */
@Service
public class CategorySuggestions {

	private static final Logger log = LoggerFactory.getLogger(CategorySuggestions.class);

	public static final String CORPUS = "appeal/category-corpus.tsv";

	static final int CITY_APPEALS = 50_000;

	public record Suggestion(String category, String name, double score) {
	}

	/** A labelled text. */
	public record Example(String category, String text) {
	}

	/** The counts a model is: per category the number of examples, per feature the occurrences. */
	public static final class Model {

		final Map<String, Integer> examples = new LinkedHashMap<>();
		final Map<String, Map<String, Integer>> features = new HashMap<>();
		final Map<String, Integer> totals = new HashMap<>();
		final java.util.Set<String> vocabulary = new java.util.HashSet<>();
		int all;

		void add(String category, List<String> fs) {
			examples.merge(category, 1, Integer::sum);
			all++;
			var counts = features.computeIfAbsent(category, c -> new HashMap<>());
			for (String f : fs) {
				counts.merge(f, 1, Integer::sum);
				totals.merge(category, 1, Integer::sum);
				vocabulary.add(f);
			}
		}

		public int size() {
			return all;
		}
	}

	private final AppealText text;
	private final JdbcClient jdbc;
	private volatile Model model;
	private volatile Map<String, String> names = Map.of();

	CategorySuggestions(AppealText text, JdbcClient jdbc) {
		this.text = text;
		this.jdbc = jdbc;
	}

	/** The categories ranked by score, best first. */
	public List<Suggestion> suggest(String body) {
		if (body == null || body.isBlank()) {
			throw DomainException.invalid("text", "请先填写情况描述");
		}
		if (body.codePointCount(0, body.length()) > 2000) {
			throw DomainException.invalid("text", "内容不能超过 2000 字");
		}
		var m = model;
		if (m == null) {
			retrain();
			m = model;
		}
		var names = this.names;
		return rank(m, features(body)).entrySet().stream().map(e -> new Suggestion(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()),
				Math.round(e.getValue() * 1000) / 1000.0)).toList();
	}

	/** Posterior probability per category, best first. */
	public static LinkedHashMap<String, Double> rank(Model m, List<String> fs) {
		var logs = new HashMap<String, Double>();
		int v = Math.max(1, m.vocabulary.size());
		for (var e : m.examples.entrySet()) {
			String c = e.getKey();
			double lp = Math.log((double) e.getValue() / m.all);
			var counts = m.features.getOrDefault(c, Map.of());
			double denominator = m.totals.getOrDefault(c, 0) + v;
			for (String f : fs) {
				if (m.vocabulary.contains(f)) {
					lp += Math.log((counts.getOrDefault(f, 0) + 1) / denominator);
				}
			}
			logs.put(c, lp);
		}
		double max = logs.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double sum = logs.values().stream().mapToDouble(x -> Math.exp(x - max)).sum();
		var out = new LinkedHashMap<String, Double>();
		logs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
			.forEach(e -> out.put(e.getKey(), Math.exp(e.getValue() - max) / sum));
		return out;
	}

	/** Objects (marked, they say most), content words and character bigrams of a text. */
	public List<String> features(String body) {
		var subject = text.subject(body);
		var out = new ArrayList<String>();
		subject.objects().forEach(o -> {
			out.add("O:" + o);
			out.add("O:" + o);
		});
		subject.words().forEach(w -> out.add("W:" + w));
		String compact = body.replaceAll("[\\s\\p{Punct}，。！？、；：（）“”‘’…—]+", "");
		int[] cps = compact.codePoints().toArray();
		for (int i = 0; i + 1 < cps.length; i++) {
			if (!Character.isDigit(cps[i]) && !Character.isDigit(cps[i + 1])) {
				out.add("B:" + new String(cps, i, 2));
			}
		}
		return out;
	}

	/** A model from examples (for the held-out measurement and for the retraining). */
	public Model train(List<Example> examples) {
		var m = new Model();
		for (var e : examples) {
			m.add(e.category(), features(e.text()));
		}
		return m;
	}

	/** The shipped corpus. */
	public static List<Example> corpus(String resource) {
		var out = new ArrayList<Example>();
		try (var in = new BufferedReader(new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			boolean header = true;
			while ((line = in.readLine()) != null) {
				if (header) {
					header = false;
					continue;
				}
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				int tab = line.indexOf('\t');
				out.add(new Example(line.substring(0, tab), line.substring(tab + 1)));
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read " + resource, e);
		}
		return out;
	}

	/** Corpus plus the city's closed appeals; every hour, so the city's own words count. */
	@Scheduled(fixedDelayString = "${linli.appeal.category-retrain-every:PT1H}", initialDelayString = "PT10M")
	public void retrain() {
		var examples = new ArrayList<>(corpus(CORPUS));
		int corpusSize = examples.size();
		jdbc.sql("select category, body from appeal where status = :closed order by id desc limit :n").param("closed", AppealStatus.CLOSED.name())
			.param("n", CITY_APPEALS).query((rs, n) -> examples.add(new Example(rs.getString(1), rs.getString(2)))).list();
		var m = train(examples);
		var n = new LinkedHashMap<String, String>();
		jdbc.sql("select code, name from appeal_category order by sort").query((rs, i) -> n.put(rs.getString(1), rs.getString(2))).list();
		names = n;
		model = m;
		log.info("category suggestions trained on {} corpus texts and {} closed appeals", corpusSize, examples.size() - corpusSize);
	}
}
