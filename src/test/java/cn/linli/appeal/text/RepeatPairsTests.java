package cn.linli.appeal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.domain.RepeatRule;

/**
 * The repeat rule against a labelled set of appeal pairs written as residents write them
 * ({@code src/test/resources/appeal/repeat-pairs.tsv}: same problem / different problem, with the
 * place and category each resident chose). Precision and recall are printed and must not fall
 * below the figures the README states.
 */
class RepeatPairsTests {

	record Pair(boolean same, String place, AppealKind kindA, String categoryA, String textA, AppealKind kindB, String categoryB, String textB,
			String note) {
	}

	static List<Pair> pairs(String file) throws IOException {
		var out = new ArrayList<Pair>();
		try (var in = new BufferedReader(new InputStreamReader(RepeatPairsTests.class.getResourceAsStream("/appeal/" + file),
				StandardCharsets.UTF_8))) {
			String line = in.readLine();
			assertThat(line).startsWith("label\tplace");
			while ((line = in.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				var f = line.split("\t", -1);
				assertThat(f).as(line).hasSize(9);
				out.add(new Pair(f[0].equals("SAME"), f[1], AppealKind.valueOf(f[2]), f[3], f[4], AppealKind.valueOf(f[5]), f[6], f[7], f[8]));
			}
		}
		return out;
	}

	/** Both of one flat; both common parts; or one flat and another flat (or the common parts). */
	static Long houseA(Pair p) {
		return p.place().equals("SAME_COMMON") ? null : 1L;
	}

	static Long houseB(Pair p) {
		return switch (p.place()) {
			case "SAME_HOUSE" -> 1L;
			case "SAME_COMMON" -> null;
			default -> 2L;
		};
	}

	/** Precision and recall of the rule on a file of labelled pairs. */
	record Score(int pairs, int tp, int fp, int fn, int tn) {

		double precision() {
			return (double) tp / (tp + fp);
		}

		double recall() {
			return (double) tp / (tp + fn);
		}
	}

	static Score score(String file) throws IOException {
		var text = new AppealText();
		var pairs = pairs(file);
		int tp = 0;
		int fp = 0;
		int fn = 0;
		int tn = 0;
		for (var p : pairs) {
			var a = new RepeatRule.Side(p.kindA(), p.categoryA(), houseA(p), text.terms(p.textA()));
			var b = new RepeatRule.Side(p.kindB(), p.categoryB(), houseB(p), text.terms(p.textB()));
			boolean predicted = RepeatRule.match(a, b).isPresent();
			if (predicted && p.same()) {
				tp++;
			}
			else if (predicted) {
				fp++;
				System.out.println("  false repeat: " + p.textA() + " | " + p.textB());
			}
			else if (p.same()) {
				fn++;
				System.out.println("  missed repeat: " + p.textA() + " | " + p.textB());
			}
			else {
				tn++;
			}
		}
		var score = new Score(pairs.size(), tp, fp, fn, tn);
		System.out.printf("repeat rule on %s (%d pairs): TP %d, FP %d, FN %d, TN %d — precision %.3f, recall %.3f%n", file, pairs.size(), tp, fp, fn,
				tn, score.precision(), score.recall());
		return score;
	}

	/** The pairs the concept dictionary was written against. */
	@Test
	void theRuleFindsTheSameProblemAndLeavesDifferentOnesApart() throws IOException {
		var s = score("repeat-pairs.tsv");
		assertThat(s.pairs()).isEqualTo(157);
		assertThat(s.precision()).isGreaterThanOrEqualTo(0.95);
		assertThat(s.recall()).isGreaterThanOrEqualTo(0.95);
	}

	/**
	 * Pairs written by another author without seeing the dictionary. Their first run (precision
	 * 0.750, recall 0.840) is the README's estimate for new appeals; the dictionary was then
	 * extended with the vocabulary those errors showed missing, so they are no longer held out and
	 * guard against regressions only.
	 */
	@Test
	void onPairsWrittenWithoutTheDictionary() throws IOException {
		var s = score("repeat-pairs-holdout.tsv");
		assertThat(s.pairs()).isEqualTo(100);
		assertThat(s.precision()).isGreaterThanOrEqualTo(0.95);
		assertThat(s.recall()).isGreaterThanOrEqualTo(0.95);
	}
}
