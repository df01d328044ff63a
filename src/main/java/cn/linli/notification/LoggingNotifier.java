package cn.linli.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/** The default {@link Notifier}: writes the notice to the {@code linli.notify} log. */
@Component
@ConditionalOnMissingBean(value = Notifier.class, ignored = LoggingNotifier.class)
class LoggingNotifier implements Notifier {

	private static final Logger log = LoggerFactory.getLogger("linli.notify");

	@Override
	public void send(long userId, String title, String body) {
		log.info("notify user {}: {} — {}", userId, title, body);
	}
}
