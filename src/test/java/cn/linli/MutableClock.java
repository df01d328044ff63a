package cn.linli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The platform's clock in tests: real time plus an offset a test may move forward, and reset
 * afterwards. A test may also {@link #freeze} it, so that what it counts as due "now" is due at the
 * very instant the code under test reads; {@link #advance} still moves a frozen clock.
 */
public class MutableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;
	private volatile Instant frozen;

	public void advance(Duration d) {
		if (frozen != null) {
			frozen = frozen.plus(d);
		}
		else {
			offset = offset.plus(d);
		}
	}

	/** Stops the clock at its current instant until {@link #reset}. */
	public void freeze() {
		frozen = instant();
	}

	/** Back to real time: no offset, not frozen. */
	public void reset() {
		frozen = null;
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		var f = frozen;
		return f != null ? f : Instant.now().plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/**
	 * The same moving instant, seen in another zone: the platform asks for Asia/Shanghai to find
	 * today's date, which from 16:00 to 24:00 UTC is a day ahead of UTC's.
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		var moving = this;
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return moving.withZone(other);
			}

			@Override
			public Instant instant() {
				return moving.instant();
			}
		};
	}
}
