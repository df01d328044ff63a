package cn.linli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one full-stack test configuration: a real embedded PostgreSQL in a fresh directory, the
 * shipped Shandong regions and the Weihai demo data, started once per JVM and shared by every
 * test class that carries this annotation (Spring caches the context).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"linli.embedded.data-dir=target/test-pg/${random.uuid}", "linli.embedded.clean=true",
		"linli.demo.password=" + LinliTest.PASSWORD, "logging.level.linli.sms=WARN",
		"linli.uploads.dir=target/test-uploads", "linli.appeal.scheduler.enabled=false", "linli.governance.scheduler.enabled=false", "linli.demo.open311-key=" + LinliTest.OPEN311_KEY,
		// tests move the platform clock by days while holding tokens; expiry itself is tested in IdentityTests
		"linli.api.token-ttl=P90D",
		// tests read topics and hot spots right after raising the appeals behind them
		"linli.analytics.cache-ttl=PT0S", "linli.security.actor-cache-ttl=PT0S",
		"linli.registry.figures-cache-ttl=PT0S" })
@AutoConfigureMockMvc
@Import(TestSupport.class)
public @interface LinliTest {

	String PASSWORD = "demo-password-2026";

	String OPEN311_KEY = "demo-open311-key-2026";
}
