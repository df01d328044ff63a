package cn.linli.appeal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The public column's masking against a corpus of realistic appeal texts
 * ({@code src/test/resources/appeal/masking-corpus.txt}) in which every personal datum — a name, a
 * surname used with a form of address, a phone, an ID, an account, a unit or room number, a
 * plate's digits — is marked ⟦so⟧. Each masked text is aligned with its original character by
 * character (longest common subsequence): a marked letter or digit that survives is a leak (a dash
 * or space inside a phone says nothing), an unmarked character that does not is a garbled
 * ordinary word. Both counts are printed and must be zero.
 */
class MaskingCorpusTests {

	/** One corpus line: the text as written, and which of its characters are personal. */
	record Line(String text, boolean[] personal, int items) {

		static Line parse(String marked) {
			var text = new StringBuilder();
			var personal = new ArrayList<Boolean>();
			boolean inside = false;
			int items = 0;
			for (int i = 0; i < marked.length(); i++) {
				char c = marked.charAt(i);
				if (c == '⟦') {
					inside = true;
					items++;
				}
				else if (c == '⟧') {
					inside = false;
				}
				else {
					text.append(c);
					personal.add(inside);
				}
			}
			var flags = new boolean[personal.size()];
			for (int i = 0; i < flags.length; i++) {
				flags[i] = personal.get(i);
			}
			return new Line(text.toString(), flags, items);
		}
	}

	static List<Line> corpus(String file) throws IOException {
		var out = new ArrayList<Line>();
		try (var in = new BufferedReader(new InputStreamReader(MaskingCorpusTests.class.getResourceAsStream("/appeal/" + file),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					out.add(Line.parse(line.strip()));
				}
			}
		}
		return out;
	}

	/** Which characters of {@code original} survive in {@code shown}, by the longest common subsequence. */
	static boolean[] kept(String original, String shown) {
		int n = original.length();
		int m = shown.length();
		var lcs = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				lcs[i][j] = original.charAt(i) == shown.charAt(j) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
			}
		}
		var kept = new boolean[n];
		for (int i = 0, j = 0; i < n && j < m;) {
			if (original.charAt(i) == shown.charAt(j)) {
				kept[i++] = true;
				j++;
			}
			else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
				i++;
			}
			else {
				j++;
			}
		}
		return kept;
	}

	/** What the masking did to a corpus. */
	record Result(int texts, int withoutPersonalData, int items, int leaked, int garbled) {
	}

	static Result measure(String file) throws IOException {
		var text = new AppealText();
		var lines = corpus(file);
		int items = 0;
		int leakedItems = 0;
		int garbled = 0;
		int withoutPersonalData = 0;
		for (var line : lines) {
			String shown = text.forPublic(line.text());
			var kept = kept(line.text(), shown);
			items += line.items();
			if (line.items() == 0) {
				withoutPersonalData++;
			}
			// a personal item leaks when any of its letters or digits is still shown
			boolean inItem = false;
			boolean leaked = false;
			for (int i = 0; i <= kept.length; i++) {
				boolean personal = i < kept.length && line.personal()[i];
				if (personal && !inItem) {
					inItem = true;
					leaked = false;
				}
				// separators inside a phone or a door number (0631-5201234, 3-2-301) say nothing by themselves
				if (personal && kept[i] && Character.isLetterOrDigit(line.text().charAt(i))) {
					leaked = true;
				}
				if (!personal && inItem) {
					inItem = false;
					if (leaked) {
						leakedItems++;
						System.out.println("  leaked:  " + line.text() + " → " + shown);
					}
				}
			}
			// an ordinary word is garbled when a run of unmarked characters is not shown as written
			for (int i = 0; i < kept.length; i++) {
				if (!line.personal()[i] && !kept[i] && (i == 0 || line.personal()[i - 1] || kept[i - 1])) {
					garbled++;
					System.out.println("  garbled: " + line.text() + " → " + shown);
				}
			}
		}
		var result = new Result(lines.size(), withoutPersonalData, items, leakedItems, garbled);
		System.out.printf("masking %s: %d texts (%d without personal data), %d personal data — %d leaked; %d ordinary words replaced%n", file,
				result.texts(), result.withoutPersonalData(), result.items(), result.leaked(), result.garbled());
		return result;
	}

	/** The corpus the masking rules were written against. */
	@Test
	void everyPersonalDatumIsHiddenAndNoOrdinaryWordIsReplaced() throws IOException {
		var r = measure("masking-corpus.txt");
		assertThat(r.texts()).isEqualTo(329);
		assertThat(r.items()).isEqualTo(288);
		assertThat(r.leaked()).isZero();
		assertThat(r.garbled()).isZero();
	}

	/**
	 * A corpus written by another author without seeing the rules. Its first run (22 of 123
	 * personal data leaked, 2 ordinary words replaced) is the README's estimate for new texts; the
	 * rules were then extended for what it showed missing (plates with letters, ID numbers ending
	 * in X, 楼长 and 主管 as forms of address, children's names before 妈妈), so it now guards
	 * against regressions only.
	 */
	@Test
	void onTextsWrittenWithoutTheRules() throws IOException {
		var r = measure("masking-corpus-holdout.txt");
		assertThat(r.texts()).isEqualTo(150);
		assertThat(r.items()).isEqualTo(123);
		assertThat(r.leaked()).isZero();
		assertThat(r.garbled()).isZero();
	}
}
