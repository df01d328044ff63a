package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.RegisteringHouses;

/**
 * A motion's life on the platform's one clock: convened, returned with a reason, revised and
 * resubmitted, published, voted between its opening and its close, counted, final after the
 * objection period — and who hears of it in the inbox at each step.
 */
@LinliTest
class MotionLifecycleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration users;

	@Autowired
	RegisteringCompounds compounds;

	@Autowired
	RegisteringHouses houses;

	@Autowired
	FilingCommittees committees;

	@Autowired
	CountingTheVote counting;

	@Autowired
	MutableClock clock;

	GovernanceApiCalls api;

	VotingCompound vc;

	@BeforeEach
	void compound() {
		api = new GovernanceApiCalls(mvc, json, jdbc);
		vc = VotingCompound.create(compounds, houses, committees, users, jdbc, 60);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	String status(long motion) throws Exception {
		var m = api.ok(api.call("community", "GET", "/api/v1/motions/" + motion, null));
		return m.get("status").asString() + "/" + m.get("statusLabel").asString();
	}

	@Test
	void aMotionMovesThroughItsTimesOnTheClock() throws Exception {
		Instant start = clock.instant();
		String title = "更换小区门禁" + vc.prefix;
		long motion = api.draft(vc.committee, vc.id, 9, title, "", start.plus(1, ChronoUnit.HOURS), start.plus(3, ChronoUnit.HOURS));
		api.publish(motion);
		assertThat(status(motion)).isEqualTo("PUBLISHED/已公告，未开始");
		var early = api.problem(api.vote(vc.residents.get("F"), motion, null, "AGREE"), 409);
		assertThat(early.get("detail").asString()).isEqualTo("不在投票时间内");

		clock.advance(Duration.ofHours(1));
		assertThat(status(motion)).isEqualTo("PUBLISHED/投票中");
		api.ok(api.vote(vc.residents.get("A"), motion, vc.voter("A", "B"), "AGREE"));
		api.ok(api.vote(vc.residents.get("C"), motion, vc.voter("C"), "AGREE"));
		api.ok(api.vote(vc.residents.get("D"), motion, null, "AGREE"));
		api.ok(api.vote(vc.residents.get("F"), motion, null, "AGREE"));
		assertThat(counting.closeDue()).as("not due before its close").isZero();

		clock.advance(Duration.ofHours(2));
		assertThat(status(motion)).isEqualTo("PUBLISHED/已截止，待计票");
		assertThat(api.vote(vc.residents.get("B"), motion, vc.voter("B", "C"), "AGREE").getStatus()).isEqualTo(409);
		Instant countedAt = clock.instant();
		counting.closeDue();
		var closed = api.ok(api.call("community", "GET", "/api/v1/motions/" + motion, null));
		assertThat(closed.get("statusLabel").asString()).isEqualTo("已计票，异议期内");
		// A+B 100, C 80, D 130, F 65: 4 of 6 heads and 375.00 of 570.00 m² — 37,500 × 3 < 57,000 × 2, no quorum on the area
		assertThat(closed.get("outcome").get("participatingArea").asLong()).isEqualTo(37_500);
		assertThat(closed.get("outcome").get("result").asString()).isEqualTo("NO_QUORUM");
		Instant until = Instant.parse(closed.get("objectionsUntil").asString());
		assertThat(until).isBetween(countedAt.plus(Duration.ofDays(7)), clock.instant().plus(Duration.ofDays(7)));
		assertThat(closed.get("finalResult").asBoolean()).isFalse();

		clock.advance(Duration.ofDays(7).plusMinutes(1));
		assertThat(status(motion)).isEqualTo("CLOSED/结果已生效");
	}

	@Test
	void theCommunityReturnsADraftWithAReasonAndTheConvenerResubmitsIt() throws Exception {
		var now = clock.instant();
		String title = "续聘物业服务企业" + vc.prefix;
		long motion = api.draft(vc.committee, vc.id, 4, title, "", now, now.plus(2, ChronoUnit.HOURS));
		String review = "表决事项待审核：" + title;
		await().atMost(Duration.ofSeconds(10)).until(() -> api.recipients(review).size() == 1);
		assertThat(api.recipients(review)).as("the community hears that a motion awaits its review").containsExactly("community");

		assertThat(api.problem(api.call("community", "POST", "/api/v1/motions/" + motion + "/return", "{\"reason\":\" \"}"), 400)
			.get("errors").get(0).get("field").asString()).isEqualTo("reason");
		assertThat(api.call(vc.committee, "POST", "/api/v1/motions/" + motion + "/return", "{\"reason\":\"自己退回\"}").getStatus())
			.as("only the community reviews").isEqualTo(403);
		var returned = api.ok(api.call("community", "POST", "/api/v1/motions/" + motion + "/return", "{\"reason\":\"请附上续聘合同草案\"}"));
		assertThat(returned.get("status").asString()).isEqualTo("RETURNED");
		assertThat(returned.get("returnReason").asString()).isEqualTo("请附上续聘合同草案");
		assertThat(api.problem(api.call("community", "POST", "/api/v1/motions/" + motion + "/publish", null), 409).get("detail").asString())
			.isEqualTo("已退回召集人修改，重新提交后才能发布");
		await().atMost(Duration.ofSeconds(10)).until(() -> !api.recipients("表决事项被退回修改：" + title).isEmpty());
		assertThat(api.inbox(vc.committee)).contains("表决事项被退回修改：" + title + "｜社区退回理由：请附上续聘合同草案");

		int version = returned.get("version").asInt();
		String revised = """
				{"matter":4,"title":"%s","body":"附：续聘合同草案","opensAt":"%s","closesAt":"%s","version":%d}"""
			.formatted(title, now, now.plus(2, ChronoUnit.HOURS), version);
		assertThat(api.call(vc.committee, "PUT", "/api/v1/motions/" + motion, revised.replace("\"version\":" + version, "\"version\":" + (version - 1)))
			.getStatus()).as("a stale version").isEqualTo(409);
		var resubmitted = api.ok(api.call(vc.committee, "PUT", "/api/v1/motions/" + motion, revised));
		assertThat(resubmitted.get("status").asString()).isEqualTo("DRAFT");
		assertThat(resubmitted.get("body").asString()).isEqualTo("附：续聘合同草案");
		await().atMost(Duration.ofSeconds(10)).until(() -> api.recipients(review).size() == 2);

		var published = api.publish(motion);
		assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
		String opened = "业主共同决定开始表决：" + title;
		await().atMost(Duration.ofSeconds(10)).until(() -> api.recipients(opened).size() == 5);
		assertThat(api.recipients(opened)).as("the owners on the roll; E's only house is undelivered")
			.containsExactlyInAnyOrderElementsOf(List.of("A", "B", "C", "D", "F").stream().map(vc.residents::get).toList());

		api.ok(api.vote(vc.residents.get("F"), motion, null, "AGREE"));
		clock.advance(Duration.ofHours(2));
		counting.closeDue();
		String result = "表决结果已公布：" + title;
		await().atMost(Duration.ofSeconds(10)).until(() -> api.recipients(result).size() == 6);
		assertThat(api.recipients(result)).containsExactlyInAnyOrderElementsOf(
				List.of(vc.residents.get("A"), vc.residents.get("B"), vc.residents.get("C"), vc.residents.get("D"), vc.residents.get("F"), vc.committee));
		assertThat(api.inbox(vc.residents.get("F"))).filteredOn(m -> m.startsWith(result)).singleElement().asString()
			.startsWith(result + "｜结果：参与表决的专有面积或人数不足三分之二，未形成决定。异议期至 ");
	}
}
