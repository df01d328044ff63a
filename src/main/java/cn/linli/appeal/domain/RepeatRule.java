package cn.linli.appeal.domain;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.text.Subject;

/**
 * 重复诉求 (DOMAIN.md §3): the same problem raised again within 30 days. Same place and category is
 * not enough — a ceiling leak and a broken door lock of one flat are two problems — so the texts
 * must be about the same thing: they name a common object (a strong one when both name strong
 * objects), where both name an aspect of it a common aspect, and no different building, unit,
 * floor or gate ({@link Subject}). Texts that name no known object at all are compared by their
 * words (cosine ≥ {@link #WORD_SIMILARITY}). Praise and suggestions are never repeats, nor
 * repeated. Precision and recall on labelled pairs are in the README ({@code RepeatPairsTests}).
 */
public final class RepeatRule {

	/** Cosine of the content words at or above which two texts that name no known object are about the same thing. */
	public static final double WORD_SIMILARITY = 0.5;

	public enum Reason {
		/** Same house (or the same compound's common parts) and category, and the same thing. */
		SAME_PLACE,
		/** The same thing, named from another place or under another category. */
		SIMILAR_TEXT
	}

	/** Why the later appeal repeats the earlier one, with the word similarity of their texts. */
	public record Match(Reason reason, double similarity) {
	}

	/**
	 * One appeal as the rule compares it: its kind, category, place (house id, or null for common
	 * parts) and its stored terms read as a subject — read once per appeal, not once per pair: a
	 * new appeal is compared with up to 200 earlier ones of its compound.
	 */
	public record Side(AppealKind kind, String category, Long houseId, Subject subject) {

		public Side(AppealKind kind, String category, Long houseId, String terms) {
			this(kind, category, houseId, Subject.parse(terms));
		}
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
		var a = earlier.subject();
		var b = later.subject();
		if (!sameThing(a, b)) {
			return Optional.empty();
		}
		boolean samePlace = Objects.equals(earlier.houseId(), later.houseId()) && earlier.category().equals(later.category());
		return Optional.of(new Match(samePlace ? Reason.SAME_PLACE : Reason.SIMILAR_TEXT, a.similarity(b)));
	}

	// a new appeal is compared with up to 200 earlier ones: no sets or streams are built per pair
	static boolean sameThing(Subject a, Subject b) {
		if (differ(a.buildings(), b.buildings()) || differ(a.units(), b.units()) || differ(a.floors(), b.floors())
				|| differ(a.gates(), b.gates())) {
			return false;
		}
		if (a.objects().isEmpty() && b.objects().isEmpty()) {
			return a.similarity(b) >= WORD_SIMILARITY;
		}
		var strongA = a.strongObjects();
		var strongB = b.strongObjects();
		boolean strong = !strongA.isEmpty() && !strongB.isEmpty();
		var namedA = strong ? strongA : a.objects();
		var namedB = strong ? strongB : b.objects();
		// an object both name is the same thing unless both name aspects of it and none is shared (电梯困人 vs 电梯异响)
		for (String o : namedA) {
			if (namedB.contains(o)) {
				var aspectsA = a.aspectsOf(Subject.bare(o));
				var aspectsB = b.aspectsOf(Subject.bare(o));
				if (aspectsA.isEmpty() || aspectsB.isEmpty() || !Collections.disjoint(aspectsA, aspectsB)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Both name a place of this kind and none in common. */
	private static boolean differ(Set<String> a, Set<String> b) {
		return !a.isEmpty() && !b.isEmpty() && Collections.disjoint(a, b);
	}
}
