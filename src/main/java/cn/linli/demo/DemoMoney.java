package cn.linli.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.fee.billing.IssuingBills;
import cn.linli.fee.billing.RecordingPayments;
import cn.linli.fee.board.KeepingThePriceBoard;
import cn.linli.fee.income.KeepingCommonIncome;
import cn.linli.fund.project.ProposingAProject;
import cn.linli.fund.project.UsingTheFund;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.governance.domain.Ballot;
import cn.linli.governance.review.ReviewingAMotion;
import cn.linli.governance.voting.CastingABallot;
import cn.linli.identity.UserAdministration;
import cn.linli.notice.board.PostingANotice;
import cn.linli.registry.OwnerRolls;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The showcase compound's money in the open, made through the use cases as people would make it:
 * the price board and three months of bills and payments (a realistic 缴费率), a quarter's common
 * income disclosed, the provider's notices, an emergency lift repair and a normal roof repair (its
 * plan posted, the building's owners voting online, approved, accepted, settled and posted). Runs
 * after the demo's registry is committed: every step is its own transaction, and the vote's result
 * reaches the fund through the event publication registry as it does in production.
 */
@Component
class DemoMoney {

	private static final Logger log = LoggerFactory.getLogger(DemoMoney.class);

	private final JdbcClient jdbc;
	private final KeepingThePriceBoard board;
	private final IssuingBills billing;
	private final RecordingPayments payments;
	private final KeepingCommonIncome income;
	private final PostingANotice notices;
	private final ProposingAProject proposing;
	private final UsingTheFund using;
	private final ReviewingAMotion review;
	private final CastingABallot casting;
	private final CountingTheVote counting;
	private final OwnerRolls rolls;
	private final RegisteringHouses houses;
	private final UserAdministration users;
	private final Clock clock;

	DemoMoney(JdbcClient jdbc, KeepingThePriceBoard board, IssuingBills billing, RecordingPayments payments, KeepingCommonIncome income,
			PostingANotice notices, ProposingAProject proposing, UsingTheFund using, ReviewingAMotion review, CastingABallot casting,
			CountingTheVote counting, OwnerRolls rolls, RegisteringHouses houses, UserAdministration users, Clock clock) {
		this.jdbc = jdbc;
		this.board = board;
		this.billing = billing;
		this.payments = payments;
		this.income = income;
		this.notices = notices;
		this.proposing = proposing;
		this.using = using;
		this.review = review;
		this.casting = casting;
		this.counting = counting;
		this.rolls = rolls;
		this.houses = houses;
		this.users = users;
		this.clock = clock;
	}

	void seed(long compoundId, String password) {
		long started = System.currentTimeMillis();
		var random = new Random(DemoDataLoader.SEED);
		var company = actor("company");
		var committee = actor("committee");
		var bureau = actor("city");
		var community = actor("community");
		var today = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));

		// 明码标价 and the provider's other disclosures
		board.add(company, compoundId, new KeepingThePriceBoard.Item("物业服务费", "保洁、秩序维护、绿化养护、共用设施设备日常运行维护", "《威海市住宅物业服务等级标准》二级",
				"AREA_MONTH", "RESIDENTIAL", 130L, "GUIDED", 120L, 10, "威价发〔2024〕12号；物业服务合同第五条", today.withDayOfYear(1)));
		board.add(company, compoundId, new KeepingThePriceBoard.Item("商铺物业服务费", "公共区域保洁、秩序维护", "同住宅二级", "AREA_MONTH", "COMMERCIAL", 200L,
				"MARKET", null, null, "物业服务合同第五条", today.withDayOfYear(1)));
		board.add(company, compoundId, new KeepingThePriceBoard.Item("地下车位管理费", "车库照明、通风、排水、秩序维护", "24 小时巡查", "HOUSE_MONTH", "PARKING",
				6_000L, "MARKET", null, null, "物业服务合同第六条", today.withDayOfYear(1)));
		notices.post(company, compoundId, new PostingANotice.Draft("SERVICE", "物业服务事项与质量标准", "保洁：楼道每日清扫一次、每周拖洗一次；秩序维护：24 小时门岗与每 2 小时巡逻；"
				+ "绿化：每月修剪两次；共用设施设备：电梯每半月维保一次。", "30", List.of()));
		notices.post(company, compoundId, new PostingANotice.Draft("STAFF", "项目负责人与服务人员公示", "项目经理：项目管家，服务电话 0631-5200000；"
				+ "客服 2 人、秩序维护 6 人、保洁 4 人、工程维修 2 人。", "30", List.of()));
		notices.post(company, compoundId, new PostingANotice.Draft("COMPLAINT", "投诉渠道", "物业服务中心 0631-5200000（24 小时）；平台「你呼我应」；"
				+ "社区居委会；价格举报 12358。", "30", List.of()));
		notices.post(committee, compoundId, new PostingANotice.Draft("GENERAL", "关于夏季用水用电安全的提醒", "请勿私拉电线为电动车充电；高温期间请错峰用水。", "14", List.of()));

		// three months of bills: the months before mostly paid, this month still being collected
		var month = YearMonth.from(today);
		int[] paidPercent = { 94, 91, 58 };
		for (int i = 2; i >= 0; i--) {
			var period = month.minusMonths(i);
			billing.issue(company, compoundId, period);
			var bills = jdbc.sql("select id, amount_fen from fee_bill where compound_id = :c and period = :p order by house_id").param("c", compoundId)
				.param("p", java.sql.Date.valueOf(period.atDay(1))).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
			for (var b : bills) {
				if (random.nextInt(100) < paidPercent[2 - i]) {
					boolean cash = random.nextInt(5) == 0;
					payments.record(company, b[0], b[1], cash ? "CASH" : "TRANSFER", (cash ? "XJ-" : "YH-") + period + "-" + b[0]);
				}
			}
		}

		// a quarter's common income, disclosed; this quarter's so far
		var quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
		var last = quarter.minusMonths(3);
		income.record(company, compoundId, new KeepingCommonIncome.Income("LIFT_AD", "电梯轿厢广告（12 部，季度）", 1_440_000L, 0L, "GG-" + last.getYear() + "-07",
				"SK-" + last + "-01", last.plusDays(9)));
		income.record(company, compoundId, new KeepingCommonIncome.Income("PARKING", "地面临时停车费", 2_365_000L, 236_500L, "TC-" + last.getYear() + "-02",
				"SK-" + last + "-02", last.plusMonths(2).plusDays(27)));
		income.record(company, compoundId, new KeepingCommonIncome.Income("VENUE", "活动室场地租赁", 80_000L, 0L, "CD-" + last.getYear() + "-01",
				"SK-" + last + "-03", last.plusMonths(1).plusDays(14)));
		income.disclose(company, compoundId, last);
		income.record(company, compoundId, new KeepingCommonIncome.Income("GATE_AD", "道闸广告", 300_000L, 0L, "GG-" + quarter.getYear() + "-11", "SK-" + quarter + "-01",
				quarter.plusDays(5).isAfter(today) ? today : quarter.plusDays(5)));

		var buildings = houses.buildings(Scope.region(Role.CITY, DemoDataLoader.WEIHAI), compoundId);
		long first = buildings.stream().filter(b -> b.name().equals("1号楼")).findFirst().orElseThrow().id();
		long second = buildings.stream().filter(b -> b.name().equals("2号楼")).findFirst().orElseThrow().id();

		// an emergency: 2号楼's lift traps a resident; reported with a photo, confirmed on site, approved, accepted, settled
		long lift = proposing.reportEmergency(company, compoundId, new ProposingAProject.Proposal("2号楼电梯曳引机更换", "电梯曳引机轴承损坏，发生困人，特种设备检验机构要求停用更换",
				"BUILDINGS", List.of(second), List.of(), 4_800_000L, "威海某电梯工程公司 48,000.00 元", true, List.of(DemoFile.png("电梯机房.png"))),
				new ProposingAProject.Emergency("LIFT", "2号楼 1单元 301、502 业主", null));
		proposing.confirmEmergency(committee, lift, null);
		using.approve(bureau, lift, "WHJS-YJ-" + lift + "-70", null);
		using.accept(community, lift, "曳引机已更换，经特种设备检验机构检验合格，恢复运行", List.of(DemoFile.pdf("验收记录.pdf", "acceptance")), null);
		using.settle(bureau, lift, 4_650_000L, "WHJS-YJ-" + lift + "-JS", null);

		// a normal repair: 1号楼's roof; the plan posted for a week, the building's owners vote online, then the money moves
		long roof = proposing.propose(company, compoundId, new ProposingAProject.Proposal("1号楼屋面防水翻新", "顶层多户渗漏，防水层已超过使用年限", "BUILDINGS",
				List.of(first), List.of(), 12_000_000L, "威海某防水工程公司 120,000.00 元（三家比选最低）", true, List.of(DemoFile.pdf("报价单.pdf", "quote"))));
		// the week of posting is the demo's history: the plan went up a month ago
		jdbc.sql("update fund_project set proposed_at = proposed_at - interval '30 days', plan_posted_until = proposed_at - interval '23 days' where id = :id")
			.param("id", roof).update();
		Instant opens = clock.instant().minusSeconds(60);
		Instant closes = clock.instant().plusSeconds(8);
		long motion = proposing.putToVote(committee, roof, opens, closes, null);
		review.publish(community, motion);
		int agreed = 0;
		for (var h : rolls.housesForRoll(compoundId)) {
			if (h.buildingId() != first || h.ownerIds().isEmpty() || h.developerHeld()) {
				continue;
			}
			var voter = ownerAccount(h.houseId(), h.ownerIds().get(0), compoundId, password);
			var choice = random.nextInt(10) < 8 ? Ballot.Choice.AGREE : random.nextInt(2) == 0 ? Ballot.Choice.OPPOSE : Ballot.Choice.ABSTAIN;
			try {
				casting.vote(voter, motion, null, choice, List.of());
				agreed += choice == Ballot.Choice.AGREE ? 1 : 0;
			}
			catch (DomainException e) {
				// an owner of several houses of the building names which it votes for: the demo lets that one be
			}
		}
		sleepUntil(closes.plusSeconds(1));
		counting.closeDue();
		if (!awaitStatus(roof, "PASSED")) {
			log.warn("demo: the roof repair's vote did not pass ({} agreed); it stays as counted", agreed);
			return;
		}
		using.approve(bureau, roof, "WHJS-ZC-" + roof + "-70", null);
		using.accept(committee, roof, "防水层重做，闭水试验 48 小时无渗漏；业主代表到场", List.of(), null);
		using.settle(bureau, roof, 11_680_000L, "WHJS-ZC-" + roof + "-JS", null);
		jdbc.sql("""
				update notice set posted_at = posted_at - interval '30 days', posted_until = posted_until - interval '30 days'
				where source = :s""").param("s", "fund_project:" + roof + ":plan").update();
		log.info("demo: fees, common income, notices and two fund projects in {} ms", System.currentTimeMillis() - started);
	}

	/** The owner's resident account for voting, made once (the demo's "resident" is one of them). */
	private Actor ownerAccount(long houseId, long ownerId, long compoundId, String password) {
		var existing = jdbc.sql("select u.id, u.username from resident_binding rb join app_user u on u.id = rb.user_id where rb.house_id = :h and rb.owner_id = :o")
			.param("h", houseId).param("o", ownerId).query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) }).optional();
		long userId;
		String username;
		if (existing.isPresent()) {
			userId = (Long) existing.get()[0];
			username = (String) existing.get()[1];
		}
		else {
			username = "owner" + houseId;
			userId = users.createBoundResident(username, "139" + String.format("%08d", 10_000_000 + houseId), "业主" + houseId, password, houseId, ownerId);
		}
		var houseIds = Set.copyOf(jdbc.sql("select house_id from resident_binding where user_id = :u").param("u", userId).query(Long.class).list());
		return new Actor(userId, username, username, new Scope(Role.RESIDENT, null, null, null, Set.of(compoundId), houseIds));
	}

	private Actor actor(String username) {
		var row = jdbc.sql("select id, display_name, role, region_code, company_id, staff_id, compound_id from app_user where username = :u").param("u", username)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, Long.class),
					rs.getObject(6, Long.class), rs.getObject(7, Long.class) })
			.single();
		var role = (Role) row[2];
		Scope scope = switch (role) {
			case CITY, DISTRICT, STREET, COMMUNITY -> Scope.region(role, (String) row[3]);
			case COMPANY_ADMIN -> new Scope(role, null, (Long) row[4], null, Set.of(), Set.of());
			case COMMITTEE -> new Scope(role, null, null, null, Set.of((Long) row[6]), Set.of());
			default -> throw new IllegalArgumentException(username);
		};
		return new Actor((Long) row[0], username, (String) row[1], scope);
	}

	private boolean awaitStatus(long project, String status) {
		for (int i = 0; i < 100; i++) {
			if (status.equals(jdbc.sql("select status from fund_project where id = :id").param("id", project).query(String.class).single())) {
				return true;
			}
			sleep(Duration.ofMillis(200));
		}
		return false;
	}

	private void sleepUntil(Instant t) {
		var left = Duration.between(clock.instant(), t);
		if (!left.isNegative()) {
			sleep(left);
		}
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
