package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.committee.FilingCommittees;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.RegisteringHouses;

/** A live vote on the hand-worked roll of {@link VotingCompound}: heads by owner set, a ballot per voter, empty rolls refused. */
@LinliTest
class VotersByOwnerSetTests {

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

	long openMotion(int matter, String title, String extra) throws Exception {
		var now = clock.instant();
		return api.draft(vc.committee, vc.id, matter, title, extra, now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
	}

	@Test
	void theRollCountsOneHeadPerOwnerSetAndASharedCoOwnerVotesForEachOfItsHouses() throws Exception {
		long motion = openMotion(4, "续聘物业", "");
		var published = api.publish(motion);
		assertThat(published.get("rollHead").asLong()).as("{A,B}, {B,C}, {C}, {D}, the developer, {F}").isEqualTo(6);
		assertThat(published.get("rollArea").asLong()).isEqualTo(57_000);
		assertThat(published.get("thresholds").get("quorumArea").asLong()).as("⌈2/3 × 570.00 m²⌉").isEqualTo(38_000);
		assertThat(published.get("thresholds").get("quorumHead").asLong()).isEqualTo(4);

		// B belongs to A+B (101) and B+C (102): it must say which, and may vote for both
		String b = vc.residents.get("B");
		var mine = api.ok(api.call(b, "GET", "/api/v1/motions/" + motion + "/my-ballots", null));
		assertThat(mine).extracting(v -> v.get("voterId").asString()).containsExactly(vc.voter("A", "B"), vc.voter("B", "C"));
		assertThat(mine).extracting(v -> v.get("houses").asString()).containsExactly("1号楼-101", "1号楼-102");
		var unnamed = api.problem(api.vote(b, motion, null, "AGREE"), 400);
		assertThat(unnamed.get("errors").get(0).get("field").asString()).isEqualTo("voterId");
		assertThat(unnamed.get("detail").asString()).isEqualTo("您在本次表决中可为 2 户表决，请选择为哪一户投票");
		api.ok(api.vote(b, motion, vc.voter("A", "B"), "AGREE"));
		api.ok(api.vote(b, motion, vc.voter("B", "C"), "OPPOSE"));
		assertThat(api.problem(api.vote(b, motion, vc.voter("D"), "AGREE"), 400).get("detail").asString()).isEqualTo("您不能为该户表决");

		// C is a co-owner of 102: its ballot for B+C supersedes B's; its own 103 is another voter
		String c = vc.residents.get("C");
		api.ok(api.vote(c, motion, vc.voter("B", "C"), "AGREE"));
		api.ok(api.vote(c, motion, vc.voter("C"), "AGREE"));
		// D owns two houses alone: one voter, no need to name it
		api.ok(api.vote(vc.residents.get("D"), motion, null, "ABSTAIN"));
		assertThat(api.vote(vc.residents.get("E"), motion, null, "AGREE").getStatus()).as("E's house is undelivered: the developer votes")
			.isEqualTo(403);
		assertThat(jdbc.sql("select voter_id || ':' || choice from ballot where motion_id = ? and effective order by voter_id").param(motion)
			.query(String.class).list()).containsExactlyInAnyOrder(vc.voter("A", "B") + ":AGREE", vc.voter("B", "C") + ":AGREE",
					vc.voter("C") + ":AGREE", vc.voter("D") + ":ABSTAIN");

		clock.advance(Duration.ofHours(1));
		counting.closeDue();
		var outcome = api.ok(api.call("community", "GET", "/api/v1/motions/" + motion, null)).get("outcome");
		// 4 of 6 heads with 100 + 90 + 80 + 130 = 400.00 of 570.00 m² take part: a quorum; 3 of 4 and 270.00 of 400.00 agree
		assertThat(outcome.get("participatingHead").asLong()).isEqualTo(4);
		assertThat(outcome.get("participatingArea").asLong()).isEqualTo(40_000);
		assertThat(outcome.get("agreeHead").asLong()).isEqualTo(3);
		assertThat(outcome.get("agreeArea").asLong()).isEqualTo(27_000);
		assertThat(outcome.get("result").asString()).isEqualTo("PASSED");
		assertThat(api.ok(api.call(b, "GET", "/api/v1/motions/" + motion + "/participation", null)).get("content")).extracting(n -> n.asString())
			.containsExactly("1号楼-101", "1号楼-102", "1号楼-103", "1号楼-104、2号楼-201");

		// the exported files name the same voters and recount to the same figures
		byte[] housesCsv = api.call(vc.committee, "GET", "/api/v1/motions/" + motion + "/houses.csv", null).getContentAsByteArray();
		byte[] ballotsCsv = api.call(vc.committee, "GET", "/api/v1/motions/" + motion + "/ballots.csv", null).getContentAsByteArray();
		assertThat(new String(ballotsCsv, StandardCharsets.UTF_8)).contains(vc.voter("A", "B") + ",AGREE", vc.voter("D") + ",ABSTAIN");
		var recount = json.readTree(mvc.perform(multipart("/api/v1/governance/tally").file(new MockMultipartFile("houses", housesCsv))
			.file(new MockMultipartFile("ballots", ballotsCsv)).param("matter", "4")
			.header("Authorization", "Bearer " + TestApi.token(mvc, json, vc.committee))).andReturn().getResponse().getContentAsString());
		assertThat(recount.get("totalHead").asLong()).isEqualTo(6);
		assertThat(recount.get("agreeArea").asLong()).isEqualTo(27_000);
		assertThat(recount.get("result").asString()).isEqualTo("PASSED");
	}

	@Test
	void aBuildingsRollHasThatBuildingsHeads() throws Exception {
		long motion = openMotion(5, "2号楼外墙维修", "\"buildingIds\":[" + vc.building2 + "],");
		var published = api.publish(motion);
		assertThat(published.get("rollHead").asLong()).as("D (201 only), the developer, F").isEqualTo(3);
		assertThat(published.get("rollArea").asLong()).isEqualTo(23_000);
		assertThat(published.get("scope").asString()).isEqualTo("2号楼的业主");
	}

	@Test
	void aMotionWhoseRollIsEmptyIsNotPublishedAndNothingIsWritten() throws Exception {
		long motion = openMotion(8, "车库改建充电车位", "\"buildingIds\":[" + vc.garage + "],");
		long audits = jdbc.sql("select count(*) from audit_log where subject_type = 'motion' and subject_id = ?").param(String.valueOf(motion))
			.query(Long.class).single();
		var refused = api.problem(api.call("community", "POST", "/api/v1/motions/" + motion + "/publish", null), 409);
		assertThat(refused.get("code").asString()).isEqualTo("empty-roll");
		assertThat(refused.get("detail").asString()).isEqualTo("表决范围内没有计入表决的专有部分（车位、摊位不计入），表决名册为空，不能发布");
		assertThat(api.ok(api.call("community", "GET", "/api/v1/motions/" + motion, null)).get("status").asString()).isEqualTo("DRAFT");
		assertThat(jdbc.sql("select count(*) from roll_entry where motion_id = ?").param(motion).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_log where subject_type = 'motion' and subject_id = ?").param(String.valueOf(motion))
			.query(Long.class).single()).isEqualTo(audits);
	}

	@Test
	void theSeatRuleCountsTheCompoundsHouseholdsNotTheRollsHeads() throws Exception {
		// 6 heads on the roll, but 120 households registered: a three-member committee is not allowed
		var big = VotingCompound.create(compounds, houses, committees, users, jdbc, 120);
		var now = clock.instant();
		String candidates = "\"seats\":3,\"candidateIds\":[\"%s\",\"%s\",\"%s\"],".formatted(big.owners.get("A"), big.owners.get("C"),
				big.owners.get("F"));
		long motion = api.draft(big.committee, big.id, 3, "选举业委会", candidates, now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
		api.publish(motion);
		api.ok(api.vote(big.residents.get("F"), motion, null, "AGREE"));
		clock.advance(Duration.ofHours(1));
		counting.closeDue();
		var outcome = api.ok(api.call(big.committee, "GET", "/api/v1/motions/" + motion, null)).get("outcome");
		assertThat(outcome.get("warnings")).extracting(n -> n.asString())
			.containsExactly("应选席位数宜为5–11人的单数（100户以下可为3人），本小区 120 户，当前为 3 人");

		long small = api.draft(vc.committee, vc.id, 3, "选举业委会", "\"seats\":3,\"candidateIds\":[\"%s\",\"%s\",\"%s\"],"
			.formatted(vc.owners.get("A"), vc.owners.get("C"), vc.owners.get("F")), clock.instant(), clock.instant().plus(1, ChronoUnit.HOURS));
		api.publish(small);
		clock.advance(Duration.ofHours(1));
		counting.closeDue();
		assertThat(api.ok(api.call(vc.committee, "GET", "/api/v1/motions/" + small, null)).get("outcome").has("warnings"))
			.as("60 households: 3 members allowed").isFalse();
	}
}
