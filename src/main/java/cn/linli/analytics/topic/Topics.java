package cn.linli.analytics.topic;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import cn.linli.analytics.Period;
import cn.linli.appeal.AppealsApi;
import cn.linli.appeal.AppealsApi.TextSample;
import cn.linli.region.RegionApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.time.TimeConfiguration;

/**
 * 话题: what a region's residents wrote about over a period, grouped.
 * <p>
 * Method: each appeal is the bag of its content words and property objects (HanLP with our
 * property dictionary, stored at intake; an object counts twice, it says more about the matter
 * than a word); words every appeal may use ({@link #GENERIC}) are left out. Terms are weighted by TF-IDF over the period and the one before, vectors
 * L2-normalised. Appeals are clustered in one pass in the order they were raised: each joins the
 * topic whose centroid is most similar (cosine ≥ {@link #JOIN}), or starts a new one. A topic
 * needs {@link #MIN_SIZE} appeals. Its keywords are the heaviest terms of its centroid; its growth
 * compares it with the appeals of the previous period of the same length that fall into it by
 * the same rule. The 每月一题 candidates are the largest topic and the fastest-growing recurring
 * one (at least {@link #MIN_SIZE} appeals in the previous period too). Samples are the masked
 * texts closest to the centroid. At most {@link #MAX_TEXTS} newest appeals per period are read.
 */
@Service
public class Topics {

	static final double JOIN = 0.3;

	static final int MIN_SIZE = 3;

	static final int MAX_TEXTS = 4000;

	/** Words every appeal may use; they say nothing of its matter, so they neither join texts nor name a topic. */
	static final java.util.Set<String> GENERIC = java.util.Set.of("不能", "工作", "时间", "要求", "问题", "情况", "没有", "反映", "希望", "小区", "物业",
			"业主", "居民", "现在", "一直", "已经", "还是", "处理", "解决", "联系", "麻烦", "影响", "出现", "发现", "需要", "有人", "楼下", "楼上", "进行");

	public record Topic(int rank, List<String> keywords, int size, int previousSize, Double growth, Map<String, Integer> categories,
			List<String> samples, List<Long> appealIds) {
	}

	public record Result(String code, String name, LocalDate from, LocalDate to, int texts, List<Topic> topics, Topic largest,
			Topic fastestGrowing) {
	}

	private final AppealsApi appeals;
	private final RegionApi regions;
	private final Clock clock;
	private final com.github.benmanes.caffeine.cache.Cache<String, Result> recent;

	Topics(AppealsApi appeals, RegionApi regions, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${linli.analytics.cache-ttl:PT1M}") java.time.Duration ttl) {
		this.appeals = appeals;
		this.regions = regions;
		this.clock = clock;
		// clustering thousands of texts takes a good part of a second: a region's topics are worked out at most once per ttl
		this.recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(2_000).build();
	}

	public Result of(Actor actor, String code, int days) {
		if (code == null || !actor.scope().coversRegion(code)) {
			throw DomainException.notFound("区划");
		}
		if (days < 1 || days > 366) {
			throw DomainException.invalid("days", "统计周期为 1 到 366 天");
		}
		var today = TimeConfiguration.today(clock);
		return of(code, new Period(today.minusDays(days - 1L), today));
	}

	public Result of(String code, Period period) {
		return recent.get(code + "/" + period.from() + "/" + period.to(), k -> compute(code, period));
	}

	private Result compute(String code, Period period) {
		var region = regions.find(code).orElseThrow(() -> DomainException.notFound("区划"));
		var previous = period.previous();
		// oldest first, so a topic starts where it started
		var now = new ArrayList<>(appeals.textsOf(code, period.from(), period.to(), MAX_TEXTS));
		java.util.Collections.reverse(now);
		var before = appeals.textsOf(code, previous.from(), previous.to(), MAX_TEXTS);
		var idf = idf(now, before);
		var clusters = new ArrayList<Cluster>();
		for (var t : now) {
			var v = vector(t, idf);
			if (v.isEmpty()) {
				continue;
			}
			var best = nearest(clusters, v);
			if (best == null) {
				best = new Cluster();
				clusters.add(best);
			}
			best.add(t, v);
		}
		var kept = clusters.stream().filter(c -> c.members.size() >= MIN_SIZE).toList();
		for (var t : before) {
			var v = vector(t, idf);
			var best = nearest(kept, v);
			if (best != null) {
				best.previous++;
			}
		}
		var sorted = new ArrayList<>(kept);
		sorted.sort(Comparator.comparingInt((Cluster c) -> c.members.size()).reversed().thenComparingLong(c -> c.members.get(0).id()));
		var topics = new ArrayList<Topic>();
		for (var c : sorted) {
			topics.add(c.topic(topics.size() + 1));
		}
		Topic largest = topics.isEmpty() ? null : topics.get(0);
		Topic fastest = topics.stream().filter(t -> t.previousSize() >= MIN_SIZE)
			.max(Comparator.comparing(Topic::growth).thenComparing(Topic::size).thenComparing(t -> -t.rank())).orElse(null);
		return new Result(code, region.name(), period.from(), period.to(), now.size(), topics, largest, fastest);
	}

	/** The most similar cluster at cosine ≥ {@link #JOIN}, or null. */
	private static Cluster nearest(List<Cluster> clusters, Map<String, Double> v) {
		Cluster best = null;
		double bestScore = JOIN;
		for (var c : clusters) {
			double s = c.similarity(v);
			if (s >= bestScore) {
				best = c;
				bestScore = s;
			}
		}
		return best;
	}

	private static Map<String, Double> idf(List<TextSample> a, List<TextSample> b) {
		var df = new HashMap<String, Integer>();
		int n = 0;
		for (var list : List.of(a, b)) {
			for (var t : list) {
				n++;
				for (String term : terms(t).keySet()) {
					df.merge(term, 1, Integer::sum);
				}
			}
		}
		var out = new HashMap<String, Double>();
		int docs = n;
		df.forEach((term, f) -> out.put(term, Math.log((docs + 1.0) / (f + 1.0)) + 1));
		return out;
	}

	/** Term frequencies: each content word once per occurrence, each property object twice. */
	private static Map<String, Integer> terms(TextSample t) {
		var tf = new LinkedHashMap<String, Integer>();
		for (String w : t.words()) {
			if (w.codePointCount(0, w.length()) > 1 && !GENERIC.contains(w)) {
				tf.merge(w, 1, Integer::sum);
			}
		}
		for (String o : t.objects()) {
			tf.merge(o, 2, Integer::sum);
		}
		return tf;
	}

	private static Map<String, Double> vector(TextSample t, Map<String, Double> idf) {
		var v = new HashMap<String, Double>();
		terms(t).forEach((term, f) -> v.put(term, f * idf.getOrDefault(term, 1.0)));
		double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
		if (norm > 0) {
			v.replaceAll((k, x) -> x / norm);
		}
		return v;
	}

	private static final class Cluster {

		final List<TextSample> members = new ArrayList<>();
		final List<Map<String, Double>> vectors = new ArrayList<>();
		final Map<String, Double> sum = new HashMap<>();
		double sumNorm;
		int previous;

		double similarity(Map<String, Double> v) {
			if (sumNorm == 0) {
				return 0;
			}
			double dot = 0;
			for (var e : v.entrySet()) {
				Double x = sum.get(e.getKey());
				if (x != null) {
					dot += x * e.getValue();
				}
			}
			return dot / sumNorm;
		}

		void add(TextSample t, Map<String, Double> v) {
			members.add(t);
			vectors.add(v);
			v.forEach((k, x) -> sum.merge(k, x, Double::sum));
			sumNorm = Math.sqrt(sum.values().stream().mapToDouble(x -> x * x).sum());
		}

		Topic topic(int rank) {
			var keywords = sum.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
				.limit(5).map(Map.Entry::getKey).toList();
			var categories = new LinkedHashMap<String, Integer>();
			members.forEach(m -> categories.merge(m.category(), 1, Integer::sum));
			var order = new ArrayList<Integer>();
			for (int i = 0; i < members.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparingDouble((Integer i) -> -similarity(vectors.get(i))).thenComparing(i -> members.get(i).id()));
			var samples = order.stream().map(i -> members.get(i).publicText()).distinct().limit(3).toList();
			Double growth = previous == 0 ? null : (double) (members.size() - previous) / previous;
			return new Topic(rank, keywords, members.size(), previous, growth, categories, samples,
					members.stream().map(TextSample::id).sorted().toList());
		}

	}
}
