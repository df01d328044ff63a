package cn.linli.appeal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The escalation ladder (督办): the handler, then community → street → area housing bureau → city
 * housing bureau. A level is identified by the prefix of the compound's community code it covers.
 * <p>
 * {@link #above} is the one definition of the ladder; the escalation sweep's SQL is built from it
 * by {@link #nextLevelSql()}.
 */
public enum SupervisionLevel {

	HANDLER("承办单位", 0), COMMUNITY("社区", 12), STREET("街道", 9), DISTRICT("区县住建局", 6), CITY("市住建局", 4);

	private final String label;
	private final int codeLength;

	SupervisionLevel(String label, int codeLength) {
		this.label = label;
		this.codeLength = codeLength;
	}

	public String label() {
		return label;
	}

	/**
	 * The next level up; the city is the top. The community supervises a company's appeal, so its
	 * own level is skipped when it handles the appeal itself (no company, or sent outside the
	 * platform) and when it is the one late to re-dispatch a 派单异议.
	 */
	public SupervisionLevel above(HandlerKind handler, AppealStatus status) {
		return switch (this) {
			case HANDLER -> handler == HandlerKind.COMPANY && status != AppealStatus.REJECTED_ROUTE ? COMMUNITY : STREET;
			case COMMUNITY -> STREET;
			case STREET -> DISTRICT;
			case DISTRICT, CITY -> CITY;
		};
	}

	public boolean isTop() {
		return this == CITY;
	}

	/** The region the level's supervisor is bound to, e.g. the street code for {@code STREET}. */
	public String regionOf(String communityCode) {
		return this == HANDLER ? null : communityCode.substring(0, codeLength);
	}

	/** The level a region role supervises at, by the length of its region code. */
	public static SupervisionLevel ofRegionCodeLength(int length) {
		return switch (length) {
			case 12 -> COMMUNITY;
			case 9 -> STREET;
			case 6 -> DISTRICT;
			case 4 -> CITY;
			default -> throw new IllegalArgumentException("no supervision level for code length " + length);
		};
	}

	/**
	 * {@link #above} as an SQL expression over the columns {@code a.level}, {@code a.handler_kind}
	 * and {@code a.status}: one branch per level and handler kind and status that are open.
	 */
	public static String nextLevelSql() {
		var branches = new ArrayList<String>();
		for (var level : values()) {
			for (var target : values()) {
				List<String> cases = new ArrayList<>();
				for (var handler : HandlerKind.values()) {
					for (var status : AppealStatus.values()) {
						if (status.isOpen() && level.above(handler, status) == target) {
							cases.add("('" + handler.name() + "', '" + status.name() + "')");
						}
					}
				}
				if (!cases.isEmpty()) {
					branches.add("when a.level = '" + level.name() + "' and (a.handler_kind, a.status) in (" + String.join(", ", cases)
							+ ") then '" + target.name() + "'");
				}
			}
		}
		return "case " + String.join(" ", branches) + " end";
	}

	/** The label of a level held in an SQL expression, e.g. {@code labelSql("m.level")}. */
	public static String labelSql(String expression) {
		return java.util.Arrays.stream(values()).map(l -> "when '" + l.name() + "' then '" + l.label + "'")
			.collect(Collectors.joining(" ", "case " + expression + " ", " end"));
	}
}
