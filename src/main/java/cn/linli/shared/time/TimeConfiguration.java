package cn.linli.shared.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for every deadline, so that clocks and escalations can be tested without waiting. */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

	/** DOMAIN §7: periods and display in Asia/Shanghai; storage is timestamptz. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** Today's date where the platform works, by the given clock. */
	public static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZONE);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}
}
