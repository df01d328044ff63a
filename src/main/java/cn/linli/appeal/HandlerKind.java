package cn.linli.appeal;

/** Who handles an appeal: the company under contract, the community (no company), or a department outside the platform. */
public enum HandlerKind {
	COMPANY, COMMUNITY, EXTERNAL
}
