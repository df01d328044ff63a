package cn.linli.identity.onboarding;

/**
 * The privacy notice residents agree to before signing in (PIPL 《个人信息保护法》 Art. 14, 17):
 * the page {@code /app/privacy} shows this version; a consent names the version it was given to,
 * so that a changed notice can be asked for again.
 */
public final class PrivacyNotice {

	/** Raise with every change of {@code templates/identity/privacy.html}. */
	public static final String VERSION = "2026-01";

	/** The day this version took effect, as the page states it. */
	public static final String EFFECTIVE = "2026年1月1日";

	private PrivacyNotice() {
	}
}
