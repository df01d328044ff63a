package cn.linli.governance.domain;

import cn.linli.shared.domain.Area;

/**
 * What a decision needs, in the numbers of its roll (DOMAIN.md §5): the quorum — voters holding
 * ≥ 2/3 of the exclusive area and ≥ 2/3 of the heads, and at least one — and the matter's majority
 * of those who take part. The least agreement is what the majority comes to when participation is
 * just at the quorum: no decision passes with less.
 */
public record Thresholds(Matter.PassRule rule, boolean election, long totalArea, long totalHead, long quorumArea, long quorumHead,
		long leastAgreeArea, long leastAgreeHead) {

	/** The quorum rule, in integers; the count ({@link Tally}) and the notice share it. */
	public static boolean quorumMet(long partArea, long partHead, long totalArea, long totalHead) {
		return partHead >= 1 && partArea * 3 >= totalArea * 2 && partHead * 3 >= totalHead * 2;
	}

	public static Thresholds of(Matter matter, long totalArea, long totalHead) {
		// the least part p with p × 3 ≥ total × 2 is ⌈2 × total / 3⌉
		long quorumArea = (totalArea * 2 + 2) / 3;
		long quorumHead = Math.max(1, (totalHead * 2 + 2) / 3);
		// an election's candidates need more than half, whatever number the matter has
		var rule = matter.isElection() ? Matter.PassRule.MORE_THAN_HALF : matter.passRule();
		return new Thresholds(rule, matter.isElection(), totalArea, totalHead, quorumArea, quorumHead, rule.least(quorumArea),
				rule.least(quorumHead));
	}

	public String quorumText() {
		return "参与表决需达到专有面积 ≥ " + m2(quorumArea) + " m² 且人数 ≥ " + quorumHead + " 人（名册 " + m2(totalArea) + " m²、" + totalHead
				+ " 人的三分之二以上）";
	}

	public String passText() {
		String least = "参与最少时，也至少需 ≥ " + m2(leastAgreeArea) + " m² 且 ≥ " + leastAgreeHead + " 人";
		if (election) {
			return "候选人当选需获得参与表决的专有面积和人数均" + rule.words() + "的选票，按得票人数、再按面积排序；" + least + "的选票";
		}
		return "通过需同意的专有面积和人数均占参与表决部分的" + rule.words() + "；" + least + "同意";
	}

	private static String m2(long centi) {
		return new Area(centi).squareMetres();
	}
}
