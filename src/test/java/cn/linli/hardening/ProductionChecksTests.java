package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import cn.linli.identity.SmsSender;
import cn.linli.shared.ops.Deployment;
import cn.linli.shared.ops.ProductionChecks;

/** Production is an external database or no demo data; there the demo's secrets and habits are refused. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionChecksTests {

	static final String PEPPER = "a-real-pepper-of-at-least-32-characters";

	@Test
	void productionMeansAnExternalDatabaseOrNoDemoData() {
		assertThat(Deployment.production(new MockEnvironment())).as("embedded database with the demo").isFalse();
		assertThat(Deployment.production(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/linli"))).isTrue();
		assertThat(Deployment.production(new MockEnvironment().withProperty("linli.demo.enabled", "false"))).isTrue();
	}

	@Test
	void productionDoesNotStartWithTheDemoPepper() {
		var external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/linli")
			.withProperty("linli.security.pepper", Deployment.DEMO_PEPPER);
		assertThatThrownBy(() -> ProductionChecks.check(external)).hasMessageContaining("LINLI_SECURITY_PEPPER");
		var noDemo = new MockEnvironment().withProperty("linli.demo.enabled", "false").withProperty("linli.security.pepper", "short");
		assertThatThrownBy(() -> ProductionChecks.check(noDemo)).hasMessageContaining("至少 32 个字符");
		var good = new MockEnvironment().withProperty("linli.demo.enabled", "false").withProperty("linli.security.pepper", PEPPER);
		assertThatCode(() -> ProductionChecks.check(good)).doesNotThrowAnyException();
		var demo = new MockEnvironment().withProperty("linli.security.pepper", Deployment.DEMO_PEPPER);
		assertThatCode(() -> ProductionChecks.check(demo)).as("the demo keeps its pepper").doesNotThrowAnyException();
	}

	@Test
	void theApplicationItselfRefusesToStart() {
		new ApplicationContextRunner().withUserConfiguration(ProductionChecks.class)
			.withPropertyValues("linli.demo.enabled=false", "linli.security.pepper=" + Deployment.DEMO_PEPPER)
			.run(context -> assertThat(context).hasFailed());
	}

	ApplicationContextRunner smsSender(String... properties) throws ClassNotFoundException {
		return new ApplicationContextRunner().withUserConfiguration(Class.forName("cn.linli.identity.onboarding.LoggingSmsSender")).withPropertyValues(properties);
	}

	@Test
	void oneTimeCodesAreNotLoggedInProduction(CapturedOutput output) throws Exception {
		smsSender("linli.demo.enabled=false").run(context -> context.getBean(SmsSender.class).send("13800138000", "【邻里】您的验证码是 493817，5分钟内有效。"));
		assertThat(output.getOut() + output.getErr()).doesNotContain("493817").contains("138****8000").contains("not sent");
	}

	@Test
	void theDemoWritesCodesToTheLog(CapturedOutput output) throws Exception {
		// the shared test context quiets this logger; the demo's default is INFO
		var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("linli.sms");
		var level = logger.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.INFO);
		try {
			smsSender().run(context -> context.getBean(SmsSender.class).send("13800138000", "【邻里】您的验证码是 271828，5分钟内有效。"));
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(output.getOut()).contains("271828").contains("138****8000");
	}
}
