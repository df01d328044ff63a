package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliApplication;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.appeal.intake.RaisingAnAppeal;
import cn.linli.appeal.handling.HandlingAnAppeal;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.domain.SlaPolicy;
import cn.linli.appeal.policy.SlaPolicies;

/**
 * The platform stops with one appeal's clock about to run out and another one paused; while it is
 * down the deadline passes. After the start the scheduler escalates the first exactly once, and
 * the paused one keeps its remaining time.
 */
class EscalationRestartTests {

	@TempDir
	Path data;

	final MutableClock clock = new MutableClock();

	ConfigurableApplicationContext start(boolean scheduler) {
		return new SpringApplicationBuilder(LinliApplication.class)
			.initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
			// arguments, not default properties: application.yml would override those
			.run("--server.port=0", "--linli.embedded.data-dir=" + data.resolve("pg"), "--linli.embedded.clean=false",
					"--linli.demo.password=" + LinliTest.PASSWORD, "--linli.uploads.dir=" + data.resolve("uploads"),
					"--linli.appeal.scheduler.enabled=" + scheduler, "--linli.appeal.sweep-every=PT1S", "--logging.level.root=WARN");
	}

	@Test
	void aRestartNeitherLosesNorRepeatsAnEscalationAndKeepsAPause() {
		long overdue;
		long paused;
		Instant dueBefore;
		Instant pauseFrom;
		Instant pauseTo;
		try (var a = start(false)) {
			var jdbc = a.getBean(JdbcClient.class);
			var appeals = a.getBean(RaisingAnAppeal.class);
			var handling = a.getBean(HandlingAnAppeal.class);
			long house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
				.query(Long.class).single();
			long compound = jdbc.sql("select b.compound_id from house h join building b on b.id = h.building_id where h.id = :h").param("h", house)
				.query(Long.class).single();
			var resident = new Actor(id(jdbc, "resident"), "resident", "演示业主",
					new Scope(Role.RESIDENT, null, null, null, Set.of(compound), Set.of(house)));
			var staffRow = jdbc.sql("select u.id, u.staff_id, s.company_id from app_user u join staff s on s.id = u.staff_id where u.username = 'staff'")
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }).single();
			var staff = new Actor(staffRow[0], "staff", "项目管家", new Scope(Role.STAFF, null, staffRow[2], staffRow[1], Set.of(compound), Set.of()));
			var city = new Actor(id(jdbc, "city"), "city", "市住建局", Scope.region(Role.CITY, "3710"));
			a.getBean(SlaPolicies.class).set(city, "GOVERNANCE", Urgency.NORMAL, new SlaPolicy.Minutes(1, 1, 1));

			overdue = appeals.raise(resident, new NewAppeal(AppealKind.COMPLAINT, "GOVERNANCE", Urgency.NORMAL, "业主大会迟迟不召开", null, compound,
					null, null, null), null).id();
			paused = appeals.raise(resident, new NewAppeal(AppealKind.REPAIR, "GOVERNANCE", Urgency.NORMAL, "议事厅的门锁坏了", house, null, null,
					null, null), null).id();
			handling.accept(staff, paused, null);
			handling.start(staff, paused, null);
			// the pause starts at some instant of the platform's clock between these two readings
			pauseFrom = clock.instant();
			handling.pause(staff, paused, null, "等业委会开门");
			pauseTo = clock.instant();
			dueBefore = jdbc.sql("select resolve_due_at from appeal where id = :id").param("id", paused).query(Timestamp.class).single().toInstant();
		}

		clock.advance(Duration.ofMinutes(5));

		try (var b = start(true)) {
			var jdbc = b.getBean(JdbcClient.class);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(level(jdbc, overdue)).isEqualTo("COMMUNITY"));
			// for three more seconds (three ticks of the sweep) it stays exactly one: no second escalation for the same clock,
			// and the community's own minute has not run out
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
				.until(() -> jdbc.sql("select count(*) from appeal_event where appeal_id = :id and action = 'ESCALATED'").param("id", overdue)
					.query(Long.class).single() == 1);
			assertThat(level(jdbc, overdue)).isEqualTo("COMMUNITY");
			assertThat(level(jdbc, paused)).as("a paused clock does not run while the platform is down either").isEqualTo("HANDLER");

			var staffRow = jdbc.sql("select u.id, u.staff_id, s.company_id from app_user u join staff s on s.id = u.staff_id where u.username = 'staff'")
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }).single();
			long compound = jdbc.sql("select compound_id from appeal where id = :id").param("id", paused).query(Long.class).single();
			var staff = new Actor(staffRow[0], "staff", "项目管家", new Scope(Role.STAFF, null, staffRow[2], staffRow[1], Set.of(compound), Set.of()));
			var resumeFrom = clock.instant();
			b.getBean(HandlingAnAppeal.class).resume(staff, paused, null);
			var resumeTo = clock.instant();
			// the deadline moves by exactly the pause: from the pause to the resume on the platform's clock, which includes the
			// five minutes it was down; bracketed by the readings around both calls (a microsecond for the database's rounding)
			var dueAfter = jdbc.sql("select resolve_due_at from appeal where id = :id").param("id", paused).query(Timestamp.class).single().toInstant();
			var shortest = Duration.between(pauseTo, resumeFrom).minusNanos(1_000);
			var longest = Duration.between(pauseFrom, resumeTo).plusNanos(1_000);
			assertThat(shortest).isGreaterThan(Duration.ofMinutes(5));
			assertThat(Duration.between(dueBefore, dueAfter)).isBetween(shortest, longest);
			assertThat(jdbc.sql("select paused_seconds from appeal where id = :id").param("id", paused).query(Long.class).single())
				.as("whole seconds of the pause").isBetween(shortest.toSeconds(), longest.toSeconds());
			assertThat(level(jdbc, paused)).isEqualTo("HANDLER");
		}
	}

	private static long id(JdbcClient jdbc, String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	private static String level(JdbcClient jdbc, long id) {
		return jdbc.sql("select level from appeal where id = :id").param("id", id).query(String.class).single();
	}
}
