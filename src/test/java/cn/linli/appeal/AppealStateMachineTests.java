package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import cn.linli.shared.domain.DomainException;

/**
 * Every action from every state: allowed ones land in the state DOMAIN §3 names, refused ones
 * throw a 409 and change nothing. Plain JUnit on the aggregate, no database.
 */
class AppealStateMachineTests {

	static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
	static final SlaPolicy.Minutes CLOCK = new SlaPolicy.Minutes(30, 120, 60);

	/** An appeal brought into a state through allowed steps only. */
	static Appeal in(AppealStatus status) {
		var a = Appeal.raise(new NewAppeal(AppealKind.REPAIR, "FACILITY", Urgency.EMERGENCY, "电梯困人", 1L, null, null, null, null),
				new Placement(1, "371002001001", 1L, 1L, 7L), CLOCK, "{}", T0);
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

	/** action → the states it is allowed from and the state it leads to. */
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
				(a, t) -> a.redispatch(null, "区供热办", null, t)));
		RULES.put("reassign", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS,
				AppealStatus.REOPENED, AppealStatus.REJECTED_ROUTE), AppealStatus.SUBMITTED, (a, t) -> a.reassign(9L, null, null, t)));
		RULES.put("handOverAtContractEnd", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS,
				AppealStatus.REOPENED), AppealStatus.SUBMITTED, (a, t) -> a.handOverAtContractEnd(8L, t)));
		RULES.put("rateSatisfied", new Rule(EnumSet.of(AppealStatus.RESOLVED), AppealStatus.CLOSED, (a, t) -> a.rate(Rating.SATISFIED, null, t)));
		RULES.put("rateDissatisfied", new Rule(EnumSet.of(AppealStatus.RESOLVED), AppealStatus.REOPENED,
				(a, t) -> a.rate(Rating.DISSATISFIED, "还是坏的", t)));
		RULES.put("closeUnrated", new Rule(EnumSet.of(AppealStatus.RESOLVED), AppealStatus.CLOSED, (a, t) -> a.closeUnrated(t)));
		RULES.put("assign", new Rule(EnumSet.of(AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.REOPENED), AppealStatus.IN_PROGRESS,
				(a, t) -> a.assign(3L, "张师傅", t)));
		RULES.put("pause", new Rule(EnumSet.of(AppealStatus.IN_PROGRESS), AppealStatus.IN_PROGRESS, (a, t) -> a.pause("约定入户时间", t)));
		RULES.put("order", new Rule(EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.REOPENED,
				AppealStatus.REJECTED_ROUTE), null, (a, t) -> a.order("限期办结", t)));
	}

	@Test
	void everyActionIsAllowedExactlyFromItsStatesAndLeadsWhereDomainSays() {
		int checked = 0;
		for (var rule : RULES.entrySet()) {
			for (var from : AppealStatus.values()) {
				var a = in(from);
				int version = a.version == null ? 0 : a.version;
				if (rule.getValue().from().contains(from)) {
					rule.getValue().action().accept(a, LATER);
					var expected = rule.getValue().to() == null ? from : rule.getValue().to();
					assertThat(a.status).as("%s from %s", rule.getKey(), from).isEqualTo(expected);
				}
				else {
					var before = a.status;
					assertThatThrownBy(() -> rule.getValue().action().accept(a, LATER)).as("%s from %s", rule.getKey(), from)
						.isInstanceOf(DomainException.class)
						.satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(409));
					assertThat(a.status).isEqualTo(before);
					assertThat(a.version == null ? 0 : a.version).isEqualTo(version);
				}
				checked++;
			}
		}
		assertThat(checked).isEqualTo(RULES.size() * AppealStatus.values().length);
	}

	@Test
	void statusTableMatchesTheLifecycle() {
		assertThat(AppealStatus.SUBMITTED.next()).containsExactlyInAnyOrder(AppealStatus.ACCEPTED, AppealStatus.REJECTED_ROUTE, AppealStatus.SUBMITTED);
		assertThat(AppealStatus.RESOLVED.next()).containsExactlyInAnyOrder(AppealStatus.CLOSED, AppealStatus.REOPENED);
		assertThat(AppealStatus.REOPENED.next()).contains(AppealStatus.IN_PROGRESS).doesNotContain(AppealStatus.RESOLVED);
		assertThat(AppealStatus.CLOSED.next()).isEmpty();
		for (var s : AppealStatus.values()) {
			assertThat(s.open311()).isEqualTo(s == AppealStatus.CLOSED ? "closed" : "open");
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
		assertThatThrownBy(() -> a.pause("again", T0.plus(Duration.ofMinutes(11)))).isInstanceOf(DomainException.class);
		a.resume(T0.plus(Duration.ofMinutes(70)));
		assertThat(a.resolveDueAt).isEqualTo(T0.plus(Duration.ofMinutes(185)));
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
	void communityHandledAppealsSkipTheCommunityLevel() {
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.COMMUNITY)).isEqualTo(SupervisionLevel.STREET);
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.EXTERNAL)).isEqualTo(SupervisionLevel.STREET);
		assertThat(SupervisionLevel.HANDLER.above(HandlerKind.COMPANY)).isEqualTo(SupervisionLevel.COMMUNITY);
		assertThat(SupervisionLevel.STREET.regionOf("371002001001")).isEqualTo("371002001");
		assertThat(SupervisionLevel.DISTRICT.regionOf("371002001001")).isEqualTo("371002");
		assertThat(SupervisionLevel.CITY.regionOf("371002001001")).isEqualTo("3710");
	}

	@Test
	void handOverNeedsExactlyOneTarget() {
		var a = in(AppealStatus.REJECTED_ROUTE);
		assertThatThrownBy(() -> a.redispatch(null, " ", null, LATER)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> a.redispatch(4L, "区供热办", null, LATER)).isInstanceOf(DomainException.class);
		a.redispatch(null, "区供热办", "属供热管网", LATER);
		assertThat(a.handlerKind).isEqualTo(HandlerKind.EXTERNAL);
		assertThat(a.externalHandler).isEqualTo("区供热办");
		assertThat(a.acceptDueAt).isEqualTo(LATER.plus(Duration.ofMinutes(30)));
	}

	@Test
	void aContractEndingHandsTheAppealToWhoeverServesTheCompoundNow() {
		var a = in(AppealStatus.IN_PROGRESS);
		var step = a.handOverAtContractEnd(null, LATER);
		assertThat(a.handlerKind).isEqualTo(HandlerKind.COMMUNITY);
		assertThat(a.handlerCompanyId).isNull();
		assertThat(a.acceptedAt).isNull();
		assertThat(a.acceptDueAt).isEqualTo(LATER.plus(Duration.ofMinutes(30)));
		assertThat(step.action()).isEqualTo("HANDED_OVER");
		assertThat(step.note()).contains("社区");
		// only a company's appeal has a contract to end
		assertThatThrownBy(() -> a.handOverAtContractEnd(8L, LATER)).isInstanceOf(DomainException.class);
		var b = in(AppealStatus.ACCEPTED);
		b.handOverAtContractEnd(8L, LATER);
		assertThat(b.handlerKind).isEqualTo(HandlerKind.COMPANY);
		assertThat(b.handlerCompanyId).isEqualTo(8L);
		assertThat(b.status).isEqualTo(AppealStatus.SUBMITTED);
	}

	@Test
	void bodyLimitsAreCheckedInChinese() {
		assertThatThrownBy(() -> new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "x".repeat(2001), 1L, null, null, null, null))
			.hasMessageContaining("2000");
		assertThatThrownBy(() -> new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "  ", 1L, null, null, null, null))
			.hasMessageContaining("描述");
		assertThatThrownBy(() -> new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "楼道灯坏了", null, null, null, null, null))
			.hasMessageContaining("房屋");
		assertThatThrownBy(() -> new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "楼道灯坏了", 1L, null, "12345", null, null))
			.isInstanceOf(DomainException.class);
		assertThat(new NewAppeal(AppealKind.REPAIR, "FACILITY", null, "灯".repeat(2000), 1L, null, null, null, null).urgency())
			.isEqualTo(Urgency.NORMAL);
	}
}
