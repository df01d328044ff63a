package cn.linli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import cn.linli.identity.SmsSender;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupport {

	/** Keeps the last text sent to each number, so that tests can read the one-time code. */
	public static class RecordingSmsSender implements SmsSender {

		private final Map<String, String> last = new ConcurrentHashMap<>();

		@Override
		public void send(String phone, String text) {
			last.put(phone, text);
		}

		public String lastCode(String phone) {
			String text = last.get(phone);
			if (text == null) {
				throw new AssertionError("no SMS sent to " + phone);
			}
			var m = java.util.regex.Pattern.compile("(\\d{6})").matcher(text);
			if (!m.find()) {
				throw new AssertionError("no code in " + text);
			}
			return m.group(1);
		}
	}

	@Bean
	@Primary
	RecordingSmsSender recordingSmsSender() {
		return new RecordingSmsSender();
	}

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

	/** What {@code ListenerTransactionTests} publishes: its listener writes the token and then, when told to, fails. */
	public record ListenerProbe(String token, boolean fail) {
	}

	public static class ListenerProbeListener {

		private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

		ListenerProbeListener(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@org.springframework.modulith.events.ApplicationModuleListener
		void on(ListenerProbe probe) {
			jdbc.sql("insert into listener_probe (token) values (:t)").param("t", probe.token()).update();
			if (probe.fail()) {
				throw new IllegalStateException("the probe was told to fail");
			}
		}
	}

	@Bean
	ListenerProbeListener listenerProbeListener(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		return new ListenerProbeListener(jdbc);
	}

	@Bean
	Projected projected(org.springframework.jdbc.core.simple.JdbcClient jdbc, cn.linli.analytics.projection.AppealProjections projections) {
		return new Projected(jdbc, projections);
	}
}
