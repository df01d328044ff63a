package cn.linli.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.springframework.stereotype.Component;

import cn.linli.appeal.AppealHistory;
import cn.linli.appeal.AppealHistory.Accepted;
import cn.linli.appeal.AppealHistory.ClosedUnrated;
import cn.linli.appeal.AppealHistory.Escalated;
import cn.linli.appeal.AppealHistory.Ordered;
import cn.linli.appeal.AppealHistory.Past;
import cn.linli.appeal.AppealHistory.Rated;
import cn.linli.appeal.AppealHistory.Resolved;
import cn.linli.appeal.AppealHistory.RouteRejected;
import cn.linli.appeal.AppealHistory.Started;
import cn.linli.appeal.AppealHistory.Step;
import cn.linli.appeal.AppealKind;
import cn.linli.appeal.Rating;
import cn.linli.appeal.Urgency;
import cn.linli.registry.RegistryDirectory;

/**
 * Ninety days of appeal history for the demo city, so that boards, indicators and the public
 * column have something true to show — made through the appeal module's history import, which
 * takes every step through the aggregate at its back-dated time. Besides the random history, the
 * demo accounts each find work waiting: an appeal escalated to each supervising level (community,
 * street, district, city) and still open, one returned by its company (派单异议) to the community,
 * and the resident's own appeal waiting for its rating.
 */
@Component
class DemoAppeals {

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

	/**
	 * The national default clocks of DOMAIN.md §3 in minutes (accept, resolve, supervise), which
	 * the demo city has not changed when the demo loads: the history is timed against them.
	 */
	private static final int[] NORMAL = { 24 * 60, 7 * 24 * 60, 24 * 60 };
	private static final int[] URGENT = { 2 * 60, 24 * 60, 4 * 60 };

	private final AppealHistory history;
	private final RegistryDirectory directory;

	DemoAppeals(AppealHistory history, RegistryDirectory directory) {
		this.history = history;
		this.directory = directory;
	}

	/** The demo's places: the showcase compound (the demo resident's), and one compound each of another street and another district. */
	record Places(long showcase, long neighbour, long otherStreet, long otherDistrict, long residentUser, long residentHouse) {
	}

	/** Seeds history for every compound of a region; returns how many appeals were made. */
	int seed(String regionCode, long seed, Places places, Instant now) {
		var random = new Random(seed);
		var past = new ArrayList<Past>();
		for (long compoundId : directory.compoundIdsIn(regionCode)) {
			int count = random.nextInt(5);
			var times = new ArrayList<Instant>();
			for (int i = 0; i < count; i++) {
				times.add(now.minus(Duration.ofMinutes(30 + random.nextInt(88 * 24 * 60))));
			}
			times.sort(Comparator.naturalOrder());
			for (var t0 : times) {
				past.add(random(random, compoundId, t0, now));
			}
		}
		past.addAll(waitingWork(places, now));
		past.addAll(hotSpot(places.neighbour(), now));
		history.importAll(past);
		return past.size();
	}

	/**
	 * What the demo accounts find waiting: one appeal at each supervising level, never accepted,
	 * whose latest escalation was six hours ago (so the level's own clock still runs); a 派单异议
	 * back with the community; the resident's appeal resolved and waiting for its rating, and one
	 * just raised.
	 */
	private List<Past> waitingWork(Places p, Instant now) {
		var out = new ArrayList<Past>();
		out.add(escalated(p.showcase(), 1, "3号楼电梯按钮失灵，按了没反应，老人上下楼很不方便", now));
		out.add(escalated(p.neighbour(), 2, "小区东门道闸坏了好几天，外来车辆随便进出", now));
		out.add(escalated(p.otherStreet(), 3, "地下车库积水严重，车都泡了，物业一直没人管", now));
		out.add(escalated(p.otherDistrict(), 4, "消防通道被私家车长期占用，多次反映无人处理", now));
		var t0 = now.minus(Duration.ofHours(5));
		out.add(new Past(p.showcase(), null, null, AppealKind.COMPLAINT, "SAFETY", Urgency.NORMAL, "小区北侧围墙外的路灯坏了，晚上很黑，行人不安全",
				t0, List.of(new RouteRejected(t0.plus(Duration.ofHours(1)), "围墙外道路路灯属市政照明，不在物业服务范围"))));
		var r0 = now.minus(Duration.ofDays(2));
		out.add(new Past(p.showcase(), p.residentHouse(), p.residentUser(), AppealKind.REPAIR, "FACILITY", Urgency.NORMAL,
				"单元门门禁坏了，谁都能进，请尽快维修", r0, List.of(new Accepted(r0.plus(Duration.ofMinutes(25))),
						new Started(r0.plus(Duration.ofHours(2))), new Resolved(r0.plus(Duration.ofHours(20)), "已更换门禁控制板，测试正常"))));
		out.add(new Past(p.showcase(), null, p.residentUser(), AppealKind.COMPLAINT, "PARKING", Urgency.NORMAL, "地下车库有僵尸车长期占用车位",
				now.minus(Duration.ofMinutes(20)), List.of()));
		return out;
	}

	/**
	 * A hot spot for the boards: the neighbouring compound's water supply failing six times in three
	 * days, each accepted in time and being handled (a quiet compound's floor of five is passed).
	 */
	private static List<Past> hotSpot(long compoundId, Instant now) {
		String[] texts = { "今天早上家里突然停水了，也没有通知", "楼上水压很低，洗澡水都上不去", "又停水了，这周已经第二次了", "自来水发黄，不敢喝",
				"二次供水水泵房一直响，水压忽高忽低", "高层又没水了，老人做饭都成问题" };
		var out = new ArrayList<Past>();
		for (int i = 0; i < texts.length; i++) {
			var t0 = now.minus(Duration.ofHours(70 - i * 12L));
			out.add(new Past(compoundId, null, null, AppealKind.REPAIR, "FACILITY", Urgency.NORMAL, texts[i], t0,
					List.of(new Accepted(t0.plus(Duration.ofMinutes(40))), new Started(t0.plus(Duration.ofHours(2))))));
		}
		return out;
	}

	/** Raised so that its accept clock and then {@code levels − 1} supervise clocks ran out, the last six hours ago. */
	private static Past escalated(long compoundId, int levels, String body, Instant now) {
		var lastEscalation = now.minus(Duration.ofHours(6));
		var raised = lastEscalation.minus(Duration.ofMinutes(NORMAL[0] + (long) (levels - 1) * NORMAL[2]));
		var steps = new ArrayList<Step>();
		var at = raised.plus(Duration.ofMinutes(NORMAL[0]));
		steps.add(new Escalated(at, "签收时限已到"));
		for (int i = 1; i < levels; i++) {
			at = at.plus(Duration.ofMinutes(NORMAL[2]));
			steps.add(new Escalated(at, "督办时限已到"));
		}
		if (levels >= 3) {
			steps.add(new Ordered(at.plus(Duration.ofHours(1)), "请承办单位于24小时内到场处置并反馈"));
		}
		return new Past(compoundId, null, null, AppealKind.COMPLAINT, levels == 1 ? "FACILITY" : levels == 4 ? "SAFETY" : "PARKING",
				Urgency.NORMAL, body, raised, steps);
	}

	private static Past random(Random random, long compoundId, Instant t0, Instant now) {
		var row = TEXTS[random.nextInt(TEXTS.length)];
		String body = row[2 + random.nextInt(row.length - 2)];
		var urgency = random.nextInt(10) == 0 ? Urgency.URGENT : Urgency.NORMAL;
		int[] clocks = urgency == Urgency.URGENT ? URGENT : NORMAL;
		var steps = new ArrayList<Step>();
		var acceptDue = t0.plus(Duration.ofMinutes(clocks[0]));
		boolean lateAccept = random.nextInt(100) < 12;
		var acceptAt = t0.plus(Duration.ofMinutes((long) (clocks[0] * (lateAccept ? 1.2 + random.nextDouble() : 0.1 + 0.8 * random.nextDouble()))));
		if (lateAccept && acceptDue.isBefore(now) && acceptDue.isBefore(acceptAt)) {
			steps.add(new Escalated(acceptDue, "签收时限已到"));
		}
		if (acceptAt.isBefore(now)) {
			steps.add(new Accepted(acceptAt));
			boolean lateResolve = random.nextInt(100) < 22;
			var resolveAt = acceptAt
				.plus(Duration.ofMinutes((long) (clocks[1] * (lateResolve ? 1.1 + random.nextDouble() : 0.05 + 0.8 * random.nextDouble()))));
			if (resolveAt.isBefore(now)) {
				steps.add(new Resolved(resolveAt, RESULTS[random.nextInt(RESULTS.length)]));
				rate(random, steps, resolveAt, now, clocks);
			}
		}
		return new Past(compoundId, null, null, AppealKind.valueOf(row[1]), row[0], urgency, body, t0, steps);
	}

	private static void rate(Random random, List<Step> steps, Instant resolvedAt, Instant now, int[] clocks) {
		var ratedAt = resolvedAt.plus(Duration.ofMinutes(60 + random.nextInt(3 * 24 * 60)));
		int dice = random.nextInt(100);
		if (dice >= 92) {
			var timeout = resolvedAt.plus(Duration.ofDays(7));
			if (timeout.isBefore(now)) {
				steps.add(new ClosedUnrated(timeout));
			}
			return;
		}
		if (!ratedAt.isBefore(now)) {
			return;
		}
		if (dice >= 82) {
			steps.add(new Rated(ratedAt, Rating.DISSATISFIED, "问题没有彻底解决"));
			var again = ratedAt.plus(Duration.ofMinutes(clocks[1] / 2));
			if (again.isBefore(now)) {
				steps.add(new Started(again));
				steps.add(new Resolved(again, "返工处理完毕"));
				var second = again.plus(Duration.ofHours(5));
				if (second.isBefore(now)) {
					steps.add(new Rated(second, Rating.BASICALLY_SATISFIED, null));
				}
			}
			return;
		}
		steps.add(new Rated(ratedAt, dice < 62 ? Rating.SATISFIED : Rating.BASICALLY_SATISFIED, null));
	}
}
