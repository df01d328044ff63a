package cn.linli.appeal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryApi;

/**
 * Ninety days of appeal history for the demo city, so that boards, indicators and the public
 * column have something true to show. Every appeal goes through the aggregate's own transitions
 * at back-dated times, so the clocks, on-time flags and ladder are what the platform would have
 * produced; only the notifications of the past are not sent.
 */
@Service
public class DemoAppeals {

	private static final String[][] TEXTS = {
			{ "SERVICE", "COMPLAINT", "物业前台工作时间经常没人，打电话也不接", "物业费收费标准没有公示，要求公开明细" },
			{ "PARKING", "COMPLAINT", "地下车库有僵尸车长期占用车位", "小区门口乱停车，消防车进不来", "电动车在楼道飞线充电，很危险" },
			{ "SANITATION", "COMPLAINT", "垃圾桶满了两天没人清运，气味很大", "楼道卫生很久没人打扫了", "化粪池堵了，污水漫到路面" },
			{ "GREENING", "SUGGESTION", "楼前的树太高挡光，建议修剪", "绿化带里的草很久没修剪了，蚊子很多" },
			{ "FACILITY", "REPAIR", "楼道灯坏了，晚上很黑", "电梯经常停在半层，按钮失灵", "单元门门禁坏了，谁都能进", "屋面漏水，顶楼墙皮脱落" },
			{ "SAFETY", "COMPLAINT", "消防通道被杂物堵塞", "消防栓没有水，灭火器过期了", "高空抛物，楼下车辆被砸" },
			{ "NEIGHBOUR", "COMPLAINT", "楼上装修噪音太大，晚上还在施工", "楼下广场舞音响太吵", "邻居违章搭建阳光房" },
			{ "GOVERNANCE", "INQUIRY", "业委会什么时候换届？", "公共收益的去向能不能公开" } };

	private static final String[] RESULTS = { "已安排人员现场处理完毕", "已维修并测试正常", "已清理并加强巡查", "已与相关业主沟通，问题已解决",
			"已书面答复并在公告栏公示" };

	private final AppealRepository appeals;
	private final Appeals useCases;
	private final RegistryApi registry;
	private final SlaPolicies policies;
	private final AppealText text;
	private final JdbcTemplate template;
	private final Clock clock;

	DemoAppeals(AppealRepository appeals, Appeals useCases, RegistryApi registry, SlaPolicies policies, AppealText text, JdbcTemplate template,
			Clock clock) {
		this.appeals = appeals;
		this.useCases = useCases;
		this.registry = registry;
		this.policies = policies;
		this.text = text;
		this.template = template;
		this.clock = clock;
	}

	/** Seeds history for every compound of a region; returns how many appeals were made. */
	@Transactional
	public int seed(String regionCode, long seed, Long residentUserId, Long residentHouseId) {
		var random = new Random(seed);
		var now = clock.instant();
		var timeline = new ArrayList<Object[]>();
		int made = 0;
		for (long compoundId : registry.compoundIdsIn(regionCode)) {
			var facts = registry.compoundFacts(compoundId).orElseThrow();
			int count = random.nextInt(5);
			var times = new ArrayList<Instant>();
			for (int i = 0; i < count; i++) {
				times.add(now.minus(Duration.ofMinutes(30 + random.nextInt(88 * 24 * 60))));
			}
			times.sort(Comparator.naturalOrder());
			for (var t0 : times) {
				var place = new Placement(compoundId, facts.communityCode(), null, null, facts.companyId());
				made++;
				timeline.addAll(history(random, place, t0, now, null));
			}
		}
		if (residentUserId != null && residentHouseId != null) {
			timeline.addAll(residentExamples(residentUserId, residentHouseId, now));
			made += 2;
		}
		template.batchUpdate("""
				insert into appeal_event (appeal_id, at, action, from_status, to_status, level, actor_name, note, due_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", timeline);
		return made;
	}

	/** The demo resident's own: one resolved and waiting for its rating, one just raised. */
	private List<Object[]> residentExamples(long userId, long houseId, Instant now) {
		var house = registry.houseFacts(houseId).orElseThrow();
		var facts = registry.compoundFacts(house.compoundId()).orElseThrow();
		var place = new Placement(facts.id(), facts.communityCode(), house.buildingId(), house.houseId(), facts.companyId());
		var rows = new ArrayList<Object[]>();
		var t0 = now.minus(Duration.ofDays(2));
		var resolved = raise(place, userId, AppealKind.REPAIR, "FACILITY", Urgency.NORMAL, "单元门门禁坏了，谁都能进，请尽快维修", t0);
		var steps = new ArrayList<Appeal.Step>(List.of(resolved.submitted()));
		var times = new ArrayList<Instant>(List.of(t0));
		steps.add(resolved.accept(t0.plus(Duration.ofMinutes(25))));
		times.add(t0.plus(Duration.ofMinutes(25)));
		steps.add(resolved.start(t0.plus(Duration.ofHours(2))));
		times.add(t0.plus(Duration.ofHours(2)));
		steps.add(resolved.resolve("已更换门禁控制板，测试正常", t0.plus(Duration.ofHours(20))));
		times.add(t0.plus(Duration.ofHours(20)));
		rows.addAll(rows(appeals.save(resolved), steps, times));
		var t1 = now.minus(Duration.ofMinutes(20));
		var fresh = raise(place, userId, AppealKind.COMPLAINT, "PARKING", Urgency.NORMAL, "地下车库有僵尸车长期占用车位", t1);
		rows.addAll(rows(appeals.save(fresh), List.of(fresh.submitted()), List.of(t1)));
		return rows;
	}

	private Appeal raise(Placement place, Long userId, AppealKind kind, String category, Urgency urgency, String body, Instant t0) {
		var clocks = policies.effective(place.communityCode(), category, urgency).minutes();
		var a = Appeal.raise(new NewAppeal(kind, category, urgency, body, place.houseId(), place.compoundId(), null, null, null), place,
				clocks, "{}", t0);
		a.channel = "APP";
		a.raisedBy = userId;
		a.raisedByRole = userId == null ? null : "RESIDENT";
		a.terms = text.terms(body);
		useCases.linkRepeat(a, t0);
		return a;
	}

	private List<Object[]> history(Random random, Placement place, Instant t0, Instant now, Long residentUserId) {
		var row = TEXTS[random.nextInt(TEXTS.length)];
		String body = row[2 + random.nextInt(row.length - 2)];
		var urgency = random.nextInt(10) == 0 ? Urgency.URGENT : Urgency.NORMAL;
		var clocks = policies.effective(place.communityCode(), row[0], urgency).minutes();
		var a = raise(place, residentUserId, AppealKind.valueOf(row[1]), row[0], urgency, body, t0);
		var steps = new ArrayList<Appeal.Step>();
		var times = new ArrayList<Instant>();
		steps.add(a.submitted());
		times.add(t0);

		boolean lateAccept = random.nextInt(100) < 12;
		var acceptAt = t0.plus(Duration.ofMinutes((long) (clocks.accept() * (lateAccept ? 1.2 + random.nextDouble() : 0.1 + 0.8 * random.nextDouble()))));
		if (lateAccept && a.acceptDueAt.isBefore(now)) {
			steps.add(a.escalate("签收时限已到", a.acceptDueAt));
			times.add(a.acceptDueAt);
		}
		if (acceptAt.isBefore(now)) {
			steps.add(a.accept(acceptAt));
			times.add(acceptAt);
			boolean lateResolve = random.nextInt(100) < 22;
			var resolveAt = acceptAt.plus(Duration.ofMinutes((long) (clocks.resolve() * (lateResolve ? 1.1 + random.nextDouble() : 0.05 + 0.8 * random.nextDouble()))));
			if (resolveAt.isBefore(now)) {
				steps.add(a.resolve(RESULTS[random.nextInt(RESULTS.length)], resolveAt));
				times.add(resolveAt);
				rate(random, a, steps, times, resolveAt, now, clocks);
			}
		}
		return rows(appeals.save(a), steps, times);
	}

	private static List<Object[]> rows(Appeal saved, List<Appeal.Step> steps, List<Instant> times) {
		var rows = new ArrayList<Object[]>();
		for (int i = 0; i < steps.size(); i++) {
			var s = steps.get(i);
			rows.add(new Object[] { saved.id, Timestamp.from(times.get(i)), s.action(), s.from() == null ? null : s.from().name(), s.to().name(),
					s.level().name(), s.action().equals("SUBMITTED") || s.action().equals("RATED") || s.action().equals("REOPENED") ? "居民" : "物业服务中心",
					s.note(), s.dueAt() == null ? null : Timestamp.from(s.dueAt()) });
		}
		return rows;
	}

	private void rate(Random random, Appeal a, List<Appeal.Step> steps, List<Instant> times, Instant resolvedAt, Instant now,
			SlaPolicy.Minutes clocks) {
		var ratedAt = resolvedAt.plus(Duration.ofMinutes(60 + random.nextInt(3 * 24 * 60)));
		int dice = random.nextInt(100);
		if (dice >= 92) {
			var timeout = resolvedAt.plus(Duration.ofDays(7));
			if (timeout.isBefore(now)) {
				steps.add(a.closeUnrated(timeout));
				times.add(timeout);
			}
			return;
		}
		if (!ratedAt.isBefore(now)) {
			return;
		}
		if (dice >= 82) {
			steps.add(a.rate(Rating.DISSATISFIED, "问题没有彻底解决", ratedAt));
			times.add(ratedAt);
			var again = ratedAt.plus(Duration.ofMinutes(clocks.resolve() / 2));
			if (again.isBefore(now)) {
				steps.add(a.start(again));
				times.add(again);
				steps.add(a.resolve("返工处理完毕", again));
				times.add(again);
				var second = again.plus(Duration.ofHours(5));
				if (second.isBefore(now)) {
					steps.add(a.rate(Rating.BASICALLY_SATISFIED, null, second));
					times.add(second);
				}
			}
			return;
		}
		steps.add(a.rate(dice < 62 ? Rating.SATISFIED : Rating.BASICALLY_SATISFIED, null, ratedAt));
		times.add(ratedAt);
	}
}
