package cn.linli.shared.security;

/** The nine roles of DOMAIN.md §1 and what each one's scope is bound to. */
public enum Role {

	CITY("市住建局", ScopeKind.REGION), DISTRICT("区县住建局", ScopeKind.REGION), STREET("街道办事处", ScopeKind.REGION),
	COMMUNITY("社区居委会", ScopeKind.REGION), COMPANY_ADMIN("物业企业管理员", ScopeKind.COMPANY),
	STAFF("项目物业人员", ScopeKind.STAFF), COMMITTEE("业委会委员", ScopeKind.COMPOUND),
	RESIDENT("业主/住户", ScopeKind.HOUSES), ADMIN("平台管理员", ScopeKind.PLATFORM);

	private final String label;
	private final ScopeKind scopeKind;

	Role(String label, ScopeKind scopeKind) {
		this.label = label;
		this.scopeKind = scopeKind;
	}

	public String label() {
		return label;
	}

	public ScopeKind scopeKind() {
		return scopeKind;
	}

	/** The region-code length a region role is bound to: city 4, district 6, street 9, community 12. */
	public int regionCodeLength() {
		return switch (this) {
			case CITY -> 4;
			case DISTRICT -> 6;
			case STREET -> 9;
			case COMMUNITY -> 12;
			default -> 0;
		};
	}

	public boolean supervises() {
		return scopeKind == ScopeKind.REGION;
	}

	public enum ScopeKind {
		REGION, COMPANY, STAFF, COMPOUND, HOUSES, PLATFORM
	}
}
