package cn.linli.shared.ops;

import org.springframework.core.env.Environment;

/**
 * Whether this installation is a production one. It is when it stores real data: an external
 * database is configured ({@code spring.datasource.url}), or the demo data is switched off
 * ({@code linli.demo.enabled=false}). Only the self-contained demo — embedded database and the
 * Weihai demo data — is not; there the demo pepper and one-time codes in the log are acceptable.
 */
public final class Deployment {

	/** The pepper shipped in application.yml, for the demo only. */
	public static final String DEMO_PEPPER = "linli-demo-pepper-change-me";

	private Deployment() {
	}

	public static boolean production(Environment environment) {
		boolean externalDatabase = !environment.getProperty("spring.datasource.url", "").isBlank();
		boolean demo = environment.getProperty("linli.demo.enabled", Boolean.class, true);
		return externalDatabase || !demo;
	}
}
