package cn.linli.shared.ops;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a production installation ({@link Deployment#production}) with the demo's
 * pepper for the keyed hashes of ID numbers: anyone who has read the source could then recompute
 * the hash of any ID number and find its owner. Runs before any other bean is made, so nothing
 * (not even the database migration) happens first.
 */
@Configuration(proxyBeanMethods = false)
public class ProductionChecks {

	static final int MIN_PEPPER_LENGTH = 32;

	@Bean
	static BeanFactoryPostProcessor refuseDemoSecretsInProduction(Environment environment) {
		return factory -> check(environment);
	}

	public static void check(Environment environment) {
		if (!Deployment.production(environment)) {
			return;
		}
		String pepper = environment.getProperty("linli.security.pepper", "");
		if (pepper.isBlank() || pepper.equals(Deployment.DEMO_PEPPER) || pepper.length() < MIN_PEPPER_LENGTH) {
			throw new IllegalStateException("生产环境（已配置外部数据库或关闭了演示数据）不能使用演示密钥：请通过环境变量 LINLI_SECURITY_PEPPER "
					+ "设置至少 " + MIN_PEPPER_LENGTH + " 个字符的随机密钥（身份证号密钥散列的密钥，设置后不可更改）");
		}
	}
}
