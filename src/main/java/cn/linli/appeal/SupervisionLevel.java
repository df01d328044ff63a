package cn.linli.appeal;

/**
 * The escalation ladder (督办): the handler, then community → street → area housing bureau → city
 * housing bureau. A level is identified by the prefix of the compound's community code it covers.
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

	/** The next level up; the city is the top. When the community itself handles, its own level is skipped. */
	public SupervisionLevel above(HandlerKind handler) {
		return switch (this) {
			case HANDLER -> handler == HandlerKind.COMPANY ? COMMUNITY : STREET;
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
}
