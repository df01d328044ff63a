package cn.linli.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliApplication;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.appeal.AppealFacts;
import cn.linli.appeal.AppealFacts.By;
import cn.linli.appeal.AppealFacts.Slice;
import cn.linli.appeal.AppealKind;
import cn.linli.appeal.Urgency;
import cn.linli.appeal.domain.NewAppeal;
import cn.linli.appeal.intake.RaisingAnAppeal;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * The platform stops in the middle of a burst of appeals: some events not yet taken by the
 * projection listener, some appeals marked but not yet projected. After the start every appeal is
 * counted exactly once — the figures equal the recount from the appeal table.
 */
class ProjectionRestartTests {

	@TempDir
	Path data;

	final MutableClock clock = new MutableClock();

	ConfigurableApplicationContext start(boolean upkeep) {
		return new SpringApplicationBuilder(LinliApplication.class)
			.initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
			.run("--server.port=0", "--linli.embedded.data-dir=" + data.resolve("pg"), "--linli.embedded.clean=false",
					"--linli.demo.password=" + LinliTest.PASSWORD, "--linli.uploads.dir=" + data.resolve("uploads"),
					"--linli.appeal.scheduler.enabled=false", "--linli.analytics.scheduler.enabled=" + upkeep, "--logging.level.root=WARN");
	}

	@Test
	void aRestartInTheMiddleOfABurstLosesNoCountAndCountsNoneTwice() {
		long compound;
		long waiting;
		try (var a = start(false)) {
			var jdbc = a.getBean(JdbcClient.class);
			var raising = a.getBean(RaisingAnAppeal.class);
			long house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
				.query(Long.class).single();
			compound = jdbc.sql("select b.compound_id from house h join building b on b.id = h.building_id where h.id = :h").param("h", house)
				.query(Long.class).single();
			long userId = jdbc.sql("select id from app_user where username = 'resident'").query(Long.class).single();
			var resident = new Actor(userId, "resident", "演示业主", new Scope(Role.RESIDENT, null, null, null, Set.of(compound), Set.of(house)));
			String[] texts = { "楼道灯不亮了", "电梯异响很大", "楼下有人乱停车", "垃圾没有及时清运", "绿化带长满杂草", "楼顶漏水" };
			for (int i = 0; i < 60; i++) {
				raising.raise(resident, new NewAppeal(i % 3 == 0 ? AppealKind.COMPLAINT : AppealKind.REPAIR, i % 2 == 0 ? "FACILITY" : "SANITATION",
						Urgency.NORMAL, texts[i % texts.length] + "（第 " + (i + 1) + " 次反映，编号" + (1000 + i * 7) + "）", house, null, null, null, null), null);
			}
			waiting = jdbc.sql("select count(*) from analytics_stale").query(Long.class).single()
					+ jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like '%ProjectionFeed%'")
						.query(Long.class).single();
		}
		assertThat(waiting).as("precondition: the stop came before the projections caught up").isPositive();

		try (var b = start(true)) {
			var jdbc = b.getBean(JdbcClient.class);
			var figures = b.getBean(AppealFigures.class);
			var facts = b.getBean(AppealFacts.class);
			var city = new Actor(0, "city", "市住建局", Scope.region(Role.CITY, "3710"));
			var period = Period.lastDays(366, clock);
			await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select count(*) from analytics_stale").query(Long.class).single() == 0
					&& jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
			// nothing is waiting any more: the figures are the appeal table's, for the compound and for the city
			var compoundFigures = figures.forCompound(compound, period);
			var recount = facts.recount(Slice.compound(compound), By.TOTAL, period.from(), period.to(), clock.instant()).get("");
			assertThat(compoundFigures.appeals()).isEqualTo(recount.appeals())
				.isEqualTo(jdbc.sql("select count(*) from appeal where compound_id = :c").param("c", compound).query(Long.class).single());
			assertThat(compoundFigures.complaints()).isEqualTo(recount.complaints());
			assertThat(compoundFigures.acceptDue()).isEqualTo(recount.acceptDue());
			var total = figures.forRegion(city, "3710", period).total();
			var cityRecount = facts.recount(Slice.region("3710"), By.TOTAL, period.from(), period.to(), clock.instant()).get("");
			assertThat(new long[] { total.appeals(), total.acceptDue(), total.resolveDue(), total.rated(), total.complaints(), total.repeats() })
				.containsExactly(cityRecount.appeals(), cityRecount.acceptDue(), cityRecount.resolveDue(), cityRecount.rated(),
						cityRecount.complaints(), cityRecount.repeats());
		}
	}
}
