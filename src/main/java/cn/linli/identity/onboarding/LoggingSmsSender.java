package cn.linli.identity.onboarding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import cn.linli.identity.SmsSender;
import cn.linli.shared.ops.Deployment;

/**
 * Until an SMS gateway adapter is configured, texts go to the log (masked number). In production
 * ({@link Deployment#production}) the text is not logged: it holds a one-time code, and a log is
 * read by more people than the resident's phone.
 */
@Configuration(proxyBeanMethods = false)
class LoggingSmsSender {

	private static final Logger log = LoggerFactory.getLogger("linli.sms");

	@Bean
	@ConditionalOnMissingBean(SmsSender.class)
	SmsSender smsSender(Environment environment) {
		if (Deployment.production(environment)) {
			log.warn("没有配置短信网关（SmsSender）：居民收不到验证码");
			return (phone, text) -> log.warn("SMS to {} not sent: no SMS gateway configured (the text is not logged in production)", masked(phone));
		}
		return (phone, text) -> log.info("SMS to {}: {}", masked(phone), text);
	}

	static String masked(String phone) {
		return phone.substring(0, 3) + "****" + phone.substring(7);
	}
}
