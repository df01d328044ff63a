package cn.linli.hardening;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import cn.linli.LinliTest;

/**
 * A context of its own (own database, own demo data) for tests that change what the others rely
 * on — the fuzz test submits every form and operation — or that need a setting the shared one
 * does not have: a trusted proxy on loopback and a monitoring token.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LinliTest
// the analytics jobs write on their own clock; the fuzz test compares every table around each refused request
@TestPropertySource(properties = { "linli.proxy.trusted=127.0.0.1", "linli.ops.metrics-token=" + HardeningContext.METRICS_TOKEN,
		"linli.analytics.scheduler.enabled=false" })
@interface HardeningContext {

	String METRICS_TOKEN = "scrape-token-for-tests-0123456789abcdef";
}
