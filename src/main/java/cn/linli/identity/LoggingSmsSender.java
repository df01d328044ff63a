package cn.linli.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Until an SMS gateway adapter is configured, codes go to the log (masked number). */
@Configuration(proxyBeanMethods = false)
class LoggingSmsSender {

	private static final Logger log = LoggerFactory.getLogger("linli.sms");

	@Bean
	@ConditionalOnMissingBean(SmsSender.class)
	SmsSender smsSender() {
		return (phone, text) -> log.info("SMS to {}****{}: {}", phone.substring(0, 3), phone.substring(7), text);
	}
}
