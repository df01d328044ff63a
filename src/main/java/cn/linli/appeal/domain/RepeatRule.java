package cn.linli.appeal.domain;

import java.util.Optional;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.text.AppealText;

/**
 * 重复诉求 (DOMAIN.md §3): the same problem raised again within 30 days. Same place and category is
 * not enough — a ceiling leak and a broken door lock of one flat are two problems — so the texts
 * must be about the same thing as well: similar enough ({@link #SAME_PLACE_SIMILARITY}) when the
 * place and category agree, or very similar ({@link #TEXT_SIMILARITY}) on their own. Praise and
 * suggestions are never repeats, nor repeated. The figures are chosen on the labelled pairs in
 * {@code src/test/resources/appeal/repeat-pairs.tsv}; their precision and recall are in the README.
 */
public final class RepeatRule {

	/** Cosine of the content concepts at or above which two appeals of one place and category are about the same thing. */
	public static final double SAME_PLACE_SIMILARITY = 0.25;

	/** Cosine at or above which two appeals of one compound are about the same thing whatever place and category they name. */
	public static final double TEXT_SIMILARITY = 0.5;

	public enum Reason {
		SAME_PLACE, SIMILAR_TEXT
	}

	/** Why the later appeal repeats the earlier one, with the similarity of their texts. */
	public record Match(Reason reason, double similarity) {
	}

	/** One appeal as the rule compares it: its kind, category, place (house id, or null for common parts) and stored terms. */
	public record Side(AppealKind kind, String category, Long houseId, String terms) {
	}

	private RepeatRule() {
	}

	/** Whether an appeal can be part of a repeat group at all. */
	public static boolean counts(AppealKind kind) {
		return kind != AppealKind.PRAISE && kind != AppealKind.SUGGESTION;
	}

	/** The kinds that {@link #counts}, as an SQL list for {@code a.kind in …}. */
	public static String countingKindsSql() {
		return java.util.Arrays.stream(AppealKind.values()).filter(RepeatRule::counts).map(k -> "'" + k.name() + "'")
			.collect(java.util.stream.Collectors.joining(", ", "(", ")"));
	}

	/** Whether {@code later} repeats {@code earlier} (both of the same compound, within the window). */
	public static Optional<Match> match(Side earlier, Side later) {
		if (!counts(earlier.kind()) || !counts(later.kind())) {
			return Optional.empty();
		}
		double similarity = AppealText.similarity(earlier.terms(), later.terms());
		boolean samePlace = java.util.Objects.equals(earlier.houseId(), later.houseId());
		if (samePlace && earlier.category().equals(later.category()) && similarity >= SAME_PLACE_SIMILARITY) {
			return Optional.of(new Match(Reason.SAME_PLACE, similarity));
		}
		if (similarity >= TEXT_SIMILARITY) {
			return Optional.of(new Match(Reason.SIMILAR_TEXT, similarity));
		}
		return Optional.empty();
	}
}
