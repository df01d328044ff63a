package cn.linli.notice.disclosure;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.notice.DisclosureOverdue;

/**
 * Every night, each duty now overdue that was not found before is recorded and told as a
 * {@link DisclosureOverdue} (once per compound, duty and due date), for the supervisors and the
 * credit records. Off with {@code linli.notice.scheduler.enabled=false}.
 */
@Service
public class FindingOverdueDisclosures {

	private static final int PAGE = 5_000;

	private final DisclosureDuties duties;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	FindingOverdueDisclosures(DisclosureDuties duties, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.duties = duties;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Answers how many overdue duties were found for the first time. */
	@Transactional
	public int run() {
		int found = 0;
		for (int offset = 0;; offset += PAGE) {
			var page = duties.overdue(null, null, PAGE, offset);
			for (var d : page) {
				int inserted = jdbc.sql("""
						insert into disclosure_overdue (compound_id, duty, due_on, company_id, found_at) values (:c, :d, :on, :company, :at)
						on conflict do nothing""")
					.param("c", d.compoundId()).param("d", d.duty().name()).param("on", Date.valueOf(d.dueOn())).param("company", d.companyId())
					.param("at", Timestamp.from(clock.instant())).update();
				if (inserted == 1) {
					found++;
					events.publishEvent(new DisclosureOverdue(d.compoundId(), d.companyId(), d.duty().name(), d.duty().label(), d.dueOn()));
				}
			}
			if (page.size() < PAGE) {
				return found;
			}
		}
	}

	@org.springframework.stereotype.Component
	@ConditionalOnProperty(name = "linli.notice.scheduler.enabled", havingValue = "true", matchIfMissing = true)
	static class Nightly {

		private final FindingOverdueDisclosures finding;

		Nightly(FindingOverdueDisclosures finding) {
			this.finding = finding;
		}

		@Scheduled(cron = "${linli.notice.overdue-cron:0 45 2 * * *}", zone = "Asia/Shanghai")
		void run() {
			finding.run();
		}
	}
}
