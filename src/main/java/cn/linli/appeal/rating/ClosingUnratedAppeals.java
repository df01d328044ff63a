package cn.linli.appeal.rating;

import java.sql.Timestamp;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.domain.AppealSteps;

/** RESOLVED and not rated within the window (7 days by default) → CLOSED as UNRATED. */
@Service
@Transactional
public class ClosingUnratedAppeals {

	private final AppealSteps steps;
	private final JdbcClient jdbc;

	ClosingUnratedAppeals(AppealSteps steps, JdbcClient jdbc) {
		this.steps = steps;
		this.jdbc = jdbc;
	}

	/** One batch of at most 500; returns how many were closed. */
	public int closeUnrated(Duration window) {
		var due = jdbc.sql("select id from appeal where status = :s and resolved_at < :t order by resolved_at limit 500 for update skip locked")
			.param("s", AppealStatus.RESOLVED.name()).param("t", Timestamp.from(steps.now().minus(window))).query(Long.class).list();
		for (long id : due) {
			steps.apply(null, steps.load(id), (a, now) -> a.closeUnrated(now));
		}
		return due.size();
	}
}
