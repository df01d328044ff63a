package cn.linli.appeal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.HandlerKind;
import cn.linli.appeal.Rating;
import cn.linli.appeal.SupervisionLevel;
import cn.linli.appeal.Urgency;
import cn.linli.shared.domain.DomainException;

/**
 * Every action from every state: allowed ones land in the state DOMAIN §3 names, refused ones
 * throw a 409 and change nothing. Plain JUnit on the aggregate, no database.
 */
class AppealStateMachineTests {

	static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
	static final SlaPolicy.Minutes CLOCK = new SlaPolicy.Minutes(30, 120, 60);
	static final Appeal.Origin APP = new Appeal.Origin("APP", 11L, "RESIDENT", null);

	static Appeal raised(SlaPolicy.Minutes clock, Instant at) {
		return Appeal.raise(new NewAppeal(AppealKind.REPAIR, "FACILITY", Urgency.EMERGENCY, "电梯困人", 1L, null, null, null, null),
				new Placement(1, "371002001001", 1L, 1L, 7L), clock, "{}", "电梯 困人", APP, at);
	}

	/** An appeal brought into a state through allowed steps only. */
	static Appeal in(AppealStatus status) {
		var a = raised(CLOCK, T0);
		var t = T0.plusSeconds(60);
		switch (status) {
			case SUBMITTED -> {
			}
			case ACCEPTED -> a.accept(t);
			case IN_PROGRESS -> {
				a.accept(t);
				a.start(t);
			}
			case RESOLVED -> {
				a.accept(t);
				a.resolve("已修好", t);
			}
			case REOPENED -> {
				a.accept(t);
				a.resolve("已修好", t);
				a.rate(Rating.DISSATISFIED, "没修好", t);
			}
			case REJECTED_ROUTE -> a.rejectRoute("供电公司的线路", t);
			case CLOSED -> {
				a.accept(t);
				a.resolve("已修好", t);
				a.rate(Rating.SATISFIED, null, t);
			}
		}
		assertThat(a.status).isEqualTo(status);
		return a;
	}

	static final Instant LATER = T0.plus(Duration.ofMinutes(10));

	/** action → the states it is allowed from and the state it leads to (null: stays where it was). */
	record Rule(Set<AppealStatus> from, AppealStatus to, BiConsumer<Appeal, Instant> action) {
	}

	static final Map<String, Rule> RULES = new LinkedHashMap<>();
	static {
		RULES.put("accept", new Rule(EnumSet.of(AppealStatus.SUBMITTED), AppealStatus.ACCEPTED, (a, t) -> a.accept(t)));
		RULES.put("start", new Rule(EnumSet.of(AppealStatus.ACCEPTED, AppealStatus.REOPENED), AppealStatus.IN_PROGRESS, (a, t) -> a.start(t)));
		RULES.put("resolve", new Rule(EnumSet.of(AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS), AppealStatus.RESOLVED,
				(a, t) -> a.resolve("结果", t)));
		RULES.put("rejectRoute", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED), AppealStatus.REJECTED_ROUTE,
				(a, t) -> a.rejectRoute("不归我们", t)));
		RULES.put("redispatch", new Rule(EnumSet.of(AppealStatus.REJECTED_ROUTE), AppealStatus.SUBMITTED,
				(a, t) -> a.redispatch(null, null, "区供热办", null, false, t)));
		RULES.put("reassign", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS,
				AppealStatus.REOPENED, AppealStatus.REJECTED_ROUTE), AppealStatus.SUBMITTED, (a, t) -> a.reassign(9L, "九号物业", null, null, true, t)));
		RULES.put("handOverAtContractEnd", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS,
				AppealStatus.REOPENED), AppealStatus.SUBMITTED, (a, t) -> a.handOverAtContractEnd(8L, "八号物业", t)));
		RULES.put("rateSatisfied", new Rule(EnumSet.of(AppealStatus.RESOLVED), AppealStatus.CLOSED, (a, t) -> a.rate(Rating.SATISFIED, null, t)));
		RULES.put("rateDissatisfied", new Rule(EnumSet.of(AppealStatus.RESOLVED), AppealStatus.REOPENED,
				(a, t) -> a.rate(Rating.DISSATISFIED, "还是坏的", t)));
		RULES.put("closeUnrated", new Rule(EnumSet.of(AppealStatus.RESOLVED), AppealStatus.CLOSED, (a, t) -> a.closeUnrated(t)));
		RULES.put("assign", new Rule(EnumSet.of(AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.REOPENED), AppealStatus.IN_PROGRESS,
				(a, t) -> a.assign(3L, "张师傅", t)));
		RULES.put("pause", new Rule(EnumSet.of(AppealStatus.IN_PROGRESS), null, (a, t) -> a.pause("约定入户时间", t)));
		RULES.put("order", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.REOPENED,
				AppealStatus.REJECTED_ROUTE), null, (a, t) -> a.order("限期办结", t)));
	}

	/** What a refused action must leave untouched. */
	private static List<Object> state(Appeal a) {
		return Arrays.asList(a.status, a.level, a.updatedAt, a.acceptDueAt, a.resolveDueAt, a.superviseDueAt, a.nextEscalationAt, a.pausedAt,
				a.pausedSeconds, a.handlerKind, a.handlerCompanyId, a.firstAcceptDueAt, a.firstResolveDueAt, a.firstAcceptedAt, a.rating);
	}

	@Test
	void everyActionIsAllowedExactlyFromItsStatesAndLeadsWhereDomainSays() {
		int allowed = 0;
		int refused = 0;
		for (var rule : RULES.entrySet()) {
			for (var from : AppealStatus.values()) {
				var a = in(from);
				if (rule.getValue().from().contains(from)) {
					rule.getValue().action().accept(a, LATER);
					var expected = rule.getValue().to() == null ? from : rule.getValue().to();
					assertThat(a.status).as("%s from %s", rule.getKey(), from).isEqualTo(expected);
					assertThat(a.updatedAt).as("%s from %s touches the appeal", rule.getKey(), from).isEqualTo(LATER);
					allowed++;
				}
				else {
					var before = state(a);
					assertThatThrownBy(() -> rule.getValue().action().accept(a, LATER)).as("%s from %s", rule.getKey(), from)
						.isInstanceOf(DomainException.class)
						.satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(409));
					assertThat(state(a)).as("%s from %s changes nothing", rule.getKey(), from).isEqualTo(before);
					refused++;
				}
			}
		}
		// 13 rules × 7 states; the sizes of the from-sets above add up to 29
		assertThat(allowed).isEqualTo(29);
		assertThat(refused).isEqualTo(62);
	}

	@Test
	void pauseStopsTheClockAndAnOrderRestartsTheLevelsClock() {
		var a = in(AppealStatus.IN_PROGRESS);
		a.pause("约定入户时间", LATER);
		assertThat(a.pausedAt).isEqualTo(LATER);
		assertThat(a.nextEscalationAt).isNull();
		var b = in(AppealStatus.IN_PROGRESS);
		b.escalate("办结时限已到", T0.plus(Duration.ofMinutes(5)));
		b.order("限期办结", LATER);
		assertThat(b.superviseDueAt).isEqualTo(LATER.plus(Duration.ofMinutes(60)));
		assertThat(b.nextEscalationAt).isEqualTo(LATER.plus(Duration.ofMinutes(60)));
	}

	@Test
	void statusTableMatchesTheLifecycle() {
		var s = AppealStatus.class;
		assertThat(AppealStatus.SUBMITTED.next()).containsExactlyInAnyOrder(AppealStatus.ACCEPTED, AppealStatus.REJECTED_ROUTE, AppealStatus.SUBMITTED);
		assertThat(AppealStatus.ACCEPTED.next()).containsExactlyInAnyOrder(AppealStatus.IN_PROGRESS, AppealStatus.RESOLVED,
				AppealStatus.REJECTED_ROUTE, AppealStatus.SUBMITTED);
		assertThat(AppealStatus.IN_PROGRESS.next()).containsExactlyInAnyOrder(AppealStatus.RESOLVED, AppealStatus.SUBMITTED);
		assertThat(AppealStatus.RESOLVED.next()).containsExactlyInAnyOrder(AppealStatus.CLOSED, AppealStatus.REOPENED);
		assertThat(AppealStatus.REOPENED.next()).containsExactlyInAnyOrder(AppealStatus.IN_PROGRESS, AppealStatus.SUBMITTED);
		assertThat(AppealStatus.REJECTED_ROUTE.next()).containsExactly(AppealStatus.SUBMITTED);
		assertThat(AppealStatus.CLOSED.next()).isEmpty();
		assertThat(EnumSet.allOf(s).stream().filter(AppealStatus::isOpen)).containsExactlyInAnyOrder(AppealStatus.SUBMITTED,
				AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.REOPENED, AppealStatus.REJECTED_ROUTE);
		assertThat(AppealStatus.sqlList(AppealStatus::awaitsAcceptance)).isEqualTo("('SUBMITTED', 'REJECTED_ROUTE')");
		assertThat(AppealStatus.sqlList(AppealStatus::withHandler)).isEqualTo("('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'REOPENED')");
		for (var x : AppealStatus.values()) {
			assertThat(x.open311()).isEqualTo(x == AppealStatus.CLOSED ? "closed" : "open");
		}
	}

	@Test
	void clocksFollowTheState() {
		var a = in(AppealStatus.SUBMITTED);
		assertThat(a.acceptDueAt).isEqualTo(T0.plus(Duration.ofMinutes(30)));
		assertThat(a.nextEscalationAt).isEqualTo(a.acceptDueAt);
		a.accept(T0.plus(Duration.ofMinutes(5)));
		assertThat(a.resolveDueAt).isEqualTo(T0.plus(Duration.ofMinutes(125)));
		assertThat(a.nextEscalationAt).isEqualTo(a.resolveDueAt);
		a.start(T0.plus(Duration.ofMinutes(6)));
		a.pause("等居民", T0.plus(Duration.ofMinutes(10)));
		assertThat(a.nextEscalationAt).as("no clock while waiting for the resident").isNull();
		assertThatThrownBy(() -> a.pause("again", T0.plus(Duration.ofMinutes(11)))).isInstanceOf(DomainException.class)
			.satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(409)).hasMessageContaining("等待居民配合");
		a.resume(T0.plus(Duration.ofMinutes(70)));
		assertThat(a.resolveDueAt).isEqualTo(T0.plus(Duration.ofMinutes(185)));
		assertThat(a.firstResolveDueAt).as("the judged clock is extended by the pause too").isEqualTo(T0.plus(Duration.ofMinutes(185)));
		assertThat(a.pausedSeconds).isEqualTo(3600);
		a.resolve("好了", T0.plus(Duration.ofMinutes(180)));
		assertThat(a.resolvedOnTime).as("on time because the hour of waiting does not count").isTrue();
		assertThat(a.nextEscalationAt).isNull();
	}

	@Test
	void resolvingWhilePausedEndsThePause() {
		var a = in(AppealStatus.IN_PROGRESS);
		a.pause("等居民", T0.plus(Duration.ofMinutes(2)));
		a.resolve("居民自行处理了", T0.plus(Duration.ofMinutes(3)));
		assertThat(a.pausedAt).isNull();
		assertThat(a.pausedSeconds).isEqualTo(60);
	}

	/**
	 * The example: URGENT (accept 2 h, resolve 24 h), accepted 3 h late, reassigned at
	 * +30 h, re-accepted at +30.5 h and resolved at +54 h. Judged against the clocks it was raised
	 * with it was accepted late and resolved late (resolve clock from the accept deadline, +2 h + 24 h).
	 */
	@Test
	void aReassignmentDoesNotLaunderTheFirstHandlersLateness() {
		var urgent = new SlaPolicy.Minutes(120, 24 * 60, 240);
		var a = raised(urgent, T0);
		a.accept(T0.plus(Duration.ofHours(3)));
		a.reassign(9L, "九号物业", null, null, true, T0.plus(Duration.ofHours(30)));
		a.accept(T0.plus(Duration.ofMinutes(30 * 60 + 30)));
		a.resolve("已修好", T0.plus(Duration.ofHours(54)));
		assertThat(a.firstAcceptDueAt).isEqualTo(T0.plus(Duration.ofHours(2)));
		assertThat(a.firstAcceptedAt).as("the first acceptance stays on the record").isEqualTo(T0.plus(Duration.ofHours(3)));
		assertThat(a.firstResolveDueAt).isEqualTo(T0.plus(Duration.ofHours(26)));
		assertThat(a.resolvedOnTime).isFalse();
		assertThat(a.acceptDueAt).as("the new handler still got its own working accept clock").isEqualTo(T0.plus(Duration.ofHours(32)));
	}

	@Test
	void aHandOverBeforeAnyAcceptanceIsJudgedAgainstTheRaisedAcceptClock() {
		var a = raised(CLOCK, T0);
		a.handOverAtContractEnd(8L, "八号物业", T0.plus(Duration.ofMinutes(50)));
		a.accept(T0.plus(Duration.ofMinutes(55)));
		assertThat(a.firstAcceptedAt).isEqualTo(T0.plus(Duration.ofMinutes(55)));
		assertThat(a.firstAcceptDueAt).as("accepted after the 30 minutes it was raised with").isEqualTo(T0.plus(Duration.ofMinutes(30)));
		// a late acceptance buys no resolve time: 30 + 120 minutes from raising
		assertThat(a.firstResolveDueAt).isEqualTo(T0.plus(Duration.ofMinutes(150)));
		a.resolve("已处理", T0.plus(Duration.ofMinutes(160)));
		assertThat(a.resolvedOnTime).isFalse();
	}

	@Test
	void pauseTimeSurvivesAHandOverAndAConfirmation() {
		var a = in(AppealStatus.IN_PROGRESS);
		a.pause("等居民开门", T0.plus(Duration.ofMinutes(10)));
		a.handOverAtContractEnd(8L, "八号物业", T0.plus(Duration.ofMinutes(40)));
		assertThat(a.pausedSeconds).as("the 30 minutes waited before the hand-over").isEqualTo(1800);
		assertThat(a.pausedAt).isNull();
		assertThat(a.firstResolveDueAt).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(120 + 30)));

		var b = in(AppealStatus.REOPENED);
		b.start(T0.plus(Duration.ofMinutes(2)));
		b.pause("等居民", T0.plus(Duration.ofMinutes(5)));
		b.confirmSolved("属合同外需求", T0.plus(Duration.ofMinutes(25)));
		assertThat(b.pausedSeconds).isEqualTo(1200);
		assertThat(b.pausedAt).isNull();
		assertThat(b.status).isEqualTo(AppealStatus.CLOSED);
	}

	@Test
	void redispatchConfirmsTheRouteWasWrong() {
		var a = in(AppealStatus.REJECTED_ROUTE);
		assertThat(a.wronglyRouted).isFalse();
		a.redispatch(null, null, "区供热办", "属供热管网", false, LATER);
		assertThat(a.wronglyRouted).isTrue();
		var b = in(AppealStatus.IN_PROGRESS);
		b.reassign(9L, "九号物业", null, null, true, LATER);
		assertThat(b.wronglyRouted).as("a supervisor's reassignment says nothing about the first routing").isFalse();
		assertThat(b.routedOutsideContract).isTrue();
	}

	@Test
	void dissatisfiedNeedsAReasonAndStartsANewResolveClock() {
		var a = in(AppealStatus.RESOLVED);
		assertThatThrownBy(() -> a.rate(Rating.DISSATISFIED, " ", LATER)).isInstanceOf(DomainException.class)
			.hasMessageContaining("原因");
		assertThat(a.status).isEqualTo(AppealStatus.RESOLVED);
		a.rate(Rating.DISSATISFIED, "没修好", LATER);
		assertThat(a.resolveDueAt).isEqualTo(LATER.plus(Duration.ofMinutes(120)));
		assertThat(a.dissatisfiedAgain()).isFalse();
		a.start(LATER);
		a.resolve("再修", LATER);
		a.rate(Rating.DISSATISFIED, "还是没修好", LATER);
		assertThat(a.dissatisfiedAgain()).isTrue();
	}

	@Test
	void escalationClimbsTheLadderAndStopsAtTheCity() {
		var a = in(AppealStatus.IN_PROGRESS);
		var levels = new java.util.ArrayList<SupervisionLevel>();
		for (int i = 0; i < 5; i++) {
			a.escalate("测试", LATER);
			levels.add(a.level);
		}
		assertThat(levels).containsExactly(SupervisionLevel.COMMUNITY, SupervisionLevel.STREET, SupervisionLevel.DISTRICT, SupervisionLevel.CITY,
				SupervisionLevel.CITY);
		assertThat(a.nextEscalationAt).as("nothing above the city").isNull();
		assertThat(a.status).as("the handler stays responsible").isEqualTo(AppealStatus.IN_PROGRESS);
	}

	@Test
	void theCommunityIsSkippedWhenItHandlesOrIsLateToRedispatch() {
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.COMMUNITY, AppealStatus.SUBMITTED)).isEqualTo(SupervisionLevel.STREET);
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.EXTERNAL, AppealStatus.IN_PROGRESS)).isEqualTo(SupervisionLevel.STREET);
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.COMPANY, AppealStatus.SUBMITTED)).isEqualTo(SupervisionLevel.COMMUNITY);
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.COMPANY, AppealStatus.REJECTED_ROUTE)).isEqualTo(SupervisionLevel.STREET);
		var a = in(AppealStatus.REJECTED_ROUTE);
		a.escalate("重新派单时限已到", LATER);
		assertThat(a.level).as("the aggregate climbs the same ladder the sweep does").isEqualTo(SupervisionLevel.STREET);
		assertThat(SupervisionLevel.STREET.regionOf("371002001001")).isEqualTo("371002001");
		assertThat(SupervisionLevel.DISTRICT.regionOf("371002001001")).isEqualTo("371002");
		assertThat(SupervisionLevel.CITY.regionOf("371002001001")).isEqualTo("3710");
	}

	@Test
	void handOverNeedsExactlyOneTarget() {
		var a = in(AppealStatus.REJECTED_ROUTE);
		assertThatThrownBy(() -> a.redispatch(null, null, " ", null, false, LATER)).isInstanceOf(DomainException.class)
			.satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(400));
		assertThatThrownBy(() -> a.redispatch(4L, "四号物业", "区供热办", null, false, LATER)).isInstanceOf(DomainException.class)
			.satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(400));
		a.redispatch(null, null, "区供热办", "属供热管网", false, LATER);
		assertThat(a.handlerKind).isEqualTo(HandlerKind.EXTERNAL);
		assertThat(a.externalHandler).isEqualTo("区供热办");
		assertThat(a.acceptDueAt).isEqualTo(LATER.plus(Duration.ofMinutes(30)));
	}

	@Test
	void aContractEndingHandsTheAppealToWhoeverServesTheCompoundNow() {
		var a = in(AppealStatus.IN_PROGRESS);
		var step = a.handOverAtContractEnd(null, null, LATER);
		assertThat(a.handlerKind).isEqualTo(HandlerKind.COMMUNITY);
		assertThat(a.handlerCompanyId).isNull();
		assertThat(a.acceptedAt).isNull();
		assertThat(a.acceptDueAt).isEqualTo(LATER.plus(Duration.ofMinutes(30)));
		assertThat(step.action()).isEqualTo("HANDED_OVER");
		assertThat(step.note()).isEqualTo("原物业企业的服务合同已到期，移交社区承办");
		// only a company's appeal has a contract to end
		assertThatThrownBy(() -> a.handOverAtContractEnd(8L, "八号物业", LATER)).isInstanceOf(DomainException.class);
		var b = in(AppealStatus.ACCEPTED);
		var named = b.handOverAtContractEnd(8L, "八号物业", LATER);
		assertThat(b.handlerKind).isEqualTo(HandlerKind.COMPANY);
		assertThat(b.handlerCompanyId).isEqualTo(8L);
		assertThat(b.status).isEqualTo(AppealStatus.SUBMITTED);
		assertThat(named.note()).as("the timeline names the company, not its number").isEqualTo("原物业企业的服务合同已到期，移交八号物业承办");
	}

	@Test
	void everyFieldErrorOfANewAppealAtOnce() {
		assertThatThrownBy(() -> new NewAppeal(null, " ", null, "x".repeat(2001), null, null, "12345", null, null))
			.isInstanceOf(DomainException.class)
			.satisfies(e -> assertThat(((DomainException) e).fieldErrors()).extracting(DomainException.FieldError::field)
				.containsExactly("kind", "category", "body", "houseId", "contactPhone"));
		assertThatThrownBy(() -> new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "  ", 1L, null, null, null, null))
			.hasMessageContaining("描述");
		assertThatThrownBy(() -> new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "楼道灯坏了", 1L, null, "12345", null, null))
			.isInstanceOf(DomainException.class).hasMessageContaining("手机号码")
			.satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(400));
		assertThat(new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "灯".repeat(2000), 1L, null, null, null, null).urgency())
			.isEqualTo(Urgency.NORMAL);
	}
}
