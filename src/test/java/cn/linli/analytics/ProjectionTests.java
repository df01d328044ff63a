package cn.linli.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.Projected;
import cn.linli.TestApi;
import cn.linli.analytics.projection.AppealProjections;
import cn.linli.analytics.trend.Trends;
import cn.linli.appeal.AppealApi;
import cn.linli.appeal.AppealFacts;
import cn.linli.appeal.AppealFacts.By;
import cn.linli.appeal.AppealFacts.Slice;
import cn.linli.appeal.FreshCompound;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The projections are the appeal table summed: for random regions (every level), companies,
 * compounds and periods (inside a month, across months, whole months, a year back) the figures
 * read from the projections equal {@link AppealFacts#recount} over the raw appeals, count for
 * count — after the demo's ninety days and a history of our own with reopening, a hand-over to
 * another company, a pause, a repeat and clocks that ran out.
 */
@LinliTest
class ProjectionTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	MutableClock clock;
	@Autowired
	Projected projected;
	@Autowired
	AppealFigures figures;
	@Autowired
	AppealFacts facts;
	@Autowired
	AppealProjections projections;
	@Autowired
	Trends trends;
	@Autowired
	IncompleteEventPublications incomplete;
	@Autowired
	RegisteringCompounds compounds;
	@Autowired
	RegisteringHouses houses;
	@Autowired
	RecordingContracts contracts;
	@Autowired
	UserAdministration users;

	final Actor city = new Actor(0, "city", "市住建局", Scope.region(Role.CITY, "3710"));

	@AfterEach
	void backToRealTime() {
		clock.reset();
	}

	@Test
	void projectionsEqualTheRecountFromTheAppealTableForRandomRegionsCompaniesCompoundsAndPeriods() throws Exception {
		history();
		projected.now();
		var today = TimeConfiguration.today(clock);
		var random = new Random(20261201);
		var codes = new ArrayList<String>();
		for (String community : jdbc.sql("select distinct community_code from appeal where community_code like '3710%'").query(String.class).list()) {
			for (int len : new int[] { 4, 6, 9, 12 }) {
				if (!codes.contains(community.substring(0, len))) {
					codes.add(community.substring(0, len));
				}
			}
		}
		assertThat(codes).as("the demo has appeals in several streets and communities").hasSizeGreaterThan(6);
		var periods = new ArrayList<Period>(List.of(Period.lastDays(30, clock), Period.lastDays(90, clock), Period.lastDays(365, clock),
				Period.month(java.time.YearMonth.from(today)), Period.month(java.time.YearMonth.from(today).minusMonths(1)),
				new Period(today, today)));
		for (int i = 0; i < 40; i++) {
			var from = today.minusDays(random.nextInt(150));
			periods.add(new Period(from, min(today, from.plusDays(random.nextInt(100)))));
		}
		int compared = 0;
		for (var period : periods) {
			String code = codes.get(random.nextInt(codes.size()));
			var report = figures.forRegion(city, code, period);
			var by = switch (code.length()) {
				case 4 -> By.AREA;
				case 6 -> By.STREET;
				case 9 -> By.COMMUNITY;
				default -> By.COMPOUND;
			};
			var recount = facts.recount(Slice.region(code), By.TOTAL, period.from(), period.to(), clock.instant());
			assertThat(bare(report.total())).as(code + " " + period).isEqualTo(recount.getOrDefault("", IndicatorCounts.ZERO));
			var children = facts.recount(Slice.region(code), by, period.from(), period.to(), clock.instant());
			for (var child : report.children()) {
				assertThat(bare(child.counts())).as(code + " → " + child.key() + " " + period).isEqualTo(children.getOrDefault(child.key(), IndicatorCounts.ZERO));
				compared++;
			}
			assertThat(report.children().stream().mapToLong(r -> r.counts().appeals()).sum()).as(code + " children add up")
				.isEqualTo(report.total().appeals());
		}
		var companies = jdbc.sql("select distinct handler_company_id from appeal where handler_company_id is not null order by 1").query(Long.class).list();
		for (int i = 0; i < 15; i++) {
			long company = companies.get(random.nextInt(companies.size()));
			var period = periods.get(random.nextInt(periods.size()));
			var report = figures.forCompany(city, company, period);
			assertThat(bare(report.total())).as("company " + company + " " + period)
				.isEqualTo(facts.recount(Slice.company(company), By.TOTAL, period.from(), period.to(), clock.instant()).getOrDefault("", IndicatorCounts.ZERO));
			for (var child : report.children()) {
				var recount = facts.recount(new Slice(null, company, Long.parseLong(child.key())), By.TOTAL, period.from(), period.to(), clock.instant());
				assertThat(bare(child.counts())).as("company " + company + " at " + child.key()).isEqualTo(recount.getOrDefault("", IndicatorCounts.ZERO));
				compared++;
			}
		}
		var compoundIds = jdbc.sql("select distinct compound_id from appeal order by 1").query(Long.class).list();
		for (int i = 0; i < 15; i++) {
			long compound = compoundIds.get(random.nextInt(compoundIds.size()));
			var period = periods.get(random.nextInt(periods.size()));
			assertThat(bare(figures.forCompound(compound, period))).as("compound " + compound + " " + period)
				.isEqualTo(facts.recount(Slice.compound(compound), By.TOTAL, period.from(), period.to(), clock.instant()).getOrDefault("", IndicatorCounts.ZERO));
		}
		assertThat(compared).as("units compared one by one").isGreaterThan(100);
	}

	@Test
	void weeklyAndMonthlyTrendsAreTheRecountOfTheirDaysAndOfTheSameDaysAYearBefore() throws Exception {
		history();
		projected.now();
		var today = TimeConfiguration.today(clock);
		// within a year the series and last year's are read in one statement, longer ones apart: both ways are recounted
		for (int[] lengths : new int[][] { { 20, 5 }, { 60, 14 } }) {
			for (var grain : Trends.Grain.values()) {
				int length = lengths[grain.ordinal()];
				for (String code : new String[] { "3710", jdbc.sql("select community_code from appeal order by id limit 1").query(String.class).single() }) {
					var series = trends.forRegion(city, code, grain, length, null);
					assertThat(series.points()).hasSize(length);
					long all = 0;
					for (var p : series.points()) {
						var end = p.end().isAfter(today) ? today : p.end();
						var recount = facts.recount(Slice.region(code), By.TOTAL, p.start(), end, clock.instant()).getOrDefault("", IndicatorCounts.ZERO);
						assertThat(p.appeals()).as(code + " " + p.label()).isEqualTo(recount.appeals());
						assertThat(p.complaints()).as(code + " " + p.label()).isEqualTo(recount.complaints());
						assertThat(p.satisfied()).as(code + " " + p.label()).isEqualTo(recount.satisfied());
						var before = facts.recount(Slice.region(code), By.TOTAL, Trends.yearBefore(grain, p.start()), Trends.yearBefore(grain, end),
								clock.instant()).getOrDefault("", IndicatorCounts.ZERO);
						assertThat(p.appealsYearBefore()).isEqualTo(before.appeals());
						all += p.appeals();
					}
					assertThat(all).as("the demo's ninety days are in the series").isPositive();
				}
			}
		}
		// by category: the categories add up to the whole
		var whole = trends.forRegion(city, "3710", Trends.Grain.MONTH, 4, null);
		long byCategory = 0;
		for (String category : jdbc.sql("select code from appeal_category").query(String.class).list()) {
			byCategory += trends.forRegion(city, "3710", Trends.Grain.MONTH, 4, category).points().stream().mapToLong(Trends.Point::appeals).sum();
		}
		assertThat(byCategory).isEqualTo(whole.points().stream().mapToLong(Trends.Point::appeals).sum());
	}

	@Test
	void eventsDeliveredAgainOrTwiceAtOnceChangeNothing() throws Exception {
		history();
		projected.now();
		var period = Period.lastDays(366, clock);
		var before = figures.forRegion(city, "3710", period);
		// a restart redelivers what was not marked complete; a second instance works the same queue at the same time
		incomplete.resubmitIncompletePublications(p -> true);
		var ids = jdbc.sql("select id from appeal").query(Long.class).list();
		var pool = Executors.newFixedThreadPool(2);
		for (int round = 0; round < 2; round++) {
			ids.forEach(id -> jdbc.sql("insert into analytics_stale values (:id) on conflict do nothing").param("id", id).update());
			var a = pool.submit(() -> projections.catchUp(true));
			var b = pool.submit(() -> projections.catchUp(true));
			// (the upkeep job may take some first: each waits for the lock, so when both return the queue is empty)
			assertThat(a.get() + b.get()).isLessThanOrEqualTo(ids.size());
			assertThat(jdbc.sql("select count(*) from analytics_stale").query(Long.class).single()).isZero();
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		var after = figures.forRegion(city, "3710", period);
		assertThat(after.total()).isEqualTo(before.total());
		assertThat(bare(after.total())).isEqualTo(facts.recount(Slice.region("3710"), By.TOTAL, period.from(), period.to(), clock.instant()).get(""));
		// and a rebuild from the appeal table gives the same figures
		projections.rebuild();
		assertThat(figures.forRegion(city, "3710", period).total()).isEqualTo(before.total());
	}

	/** Our own history in a fresh compound, spread over days and a month end, on top of the demo's. */
	private void history() throws Exception {
		var api = new AppealApi(mvc, json, jdbc);
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "投影测试小区" + System.nanoTime() % 100000, 60, "5000.00", 3);
		String r1 = TestApi.token(mvc, json, x.residents().get(0));
		String r2 = TestApi.token(mvc, json, x.residents().get(1));
		String company = TestApi.token(mvc, json, "company");
		String community = TestApi.token(mvc, json, "community");
		long a = raise(api, r1, "REPAIR", "FACILITY", "三单元电梯按钮失灵，按了没反应", x.houses().get(0));
		api.actOk(company, a, "accept", null);
		api.actOk(company, a, "resolve", "{\"result\":\"已更换按钮\"}");
		api.actOk(r1, a, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"第二天又坏了\"}");
		long repeat = raise(api, r1, "REPAIR", "FACILITY", "三单元电梯按钮还是失灵", x.houses().get(0));
		long b = raise(api, r2, "COMPLAINT", "SANITATION", "楼下垃圾桶满了没人清运", x.houses().get(1));
		clock.advance(java.time.Duration.ofDays(2));
		api.actOk(company, b, "accept", null);
		api.actOk(company, b, "start", null);
		api.actOk(company, b, "pause", "{\"reason\":\"需入户查看\"}");
		long c = raise(api, r2, "COMPLAINT", "PARKING", "消防通道被私家车长期占用", x.houses().get(1));
		// another company with a project in the same street (a supervisor may only send it to one of those)
		String other = jdbc.sql("""
				select sc.company_id::text from service_contract sc join compound k on k.id = sc.compound_id
				where k.community_code like :street and (now() at time zone 'Asia/Shanghai')::date between sc.starts_on and sc.ends_on
				  and sc.company_id <> (select handler_company_id from appeal where id = :c)
				order by 1 limit 1""").param("street", x.communityCode().substring(0, 9) + "%").param("c", c).query(String.class).single();
		api.actOk(community, c, "reassign", "{\"companyId\":" + other + ",\"reason\":\"改由停车管理单位处理\"}");
		clock.advance(java.time.Duration.ofDays(30));
		api.actOk(company, b, "resume", null);
		api.actOk(company, b, "resolve", "{\"result\":\"已清运\"}");
		assertThat(jdbc.sql("select repeat_of from appeal where id = :id").param("id", repeat).query(Long.class).single()).isEqualTo(a);
	}

	private static long raise(AppealApi api, String token, String kind, String category, String body, long house) throws Exception {
		var r = api.raise(token, """
				{"kind":"%s","category":"%s","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(kind, category, body, house));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}

	private static IndicatorCounts bare(IndicatorCounts c) {
		return new IndicatorCounts(c.appeals(), c.acceptDue(), c.acceptedOnTime(), c.resolveDue(), c.resolvedOnTime(), c.rated(), c.satisfied(),
				c.solved(), c.complaints(), c.repeats(), 0, 0);
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}
}
