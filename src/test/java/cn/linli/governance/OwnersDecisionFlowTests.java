package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;
import cn.linli.governance.counting.CountingTheVote;
import cn.linli.identity.UserAdministration;

/** A motion from draft to count through the API: roll, ballots, history, concurrency, scope, export and recount, chain. */
@LinliTest
class OwnersDecisionFlowTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration users;

	@Autowired
	CountingTheVote counting;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** Heads of a compound's roll worked out in SQL from the registry: one per distinct owner set, the developer's houses one, an ownerless house one. */
	static final String HEADS = """
			select count(distinct case when h.developer_held then 'DEVELOPER'
			  when not exists (select 1 from house_owner x where x.house_id = h.id) then 'HOUSE-' || h.id
			  else (select string_agg(ho.owner_id::text, '+' order by ho.owner_id::text) from house_owner ho where ho.house_id = h.id) end)
			from house h join building b on b.id = h.building_id
			where b.compound_id = :c and h.kind not in ('PARKING', 'STALL') and (cast(:b as bigint) is null or h.building_id = :b)""";

	long heads(long compound, Long building) {
		return jdbc.sql(HEADS).param("c", compound).param("b", building).query(Long.class).single();
	}

	/** Moves the platform's clock past the close and counts. */
	void close(Duration after) {
		clock.advance(after);
		counting.closeDue();
	}

	String token(String username) throws Exception {
		return TestApi.token(mvc, json, username);
	}

	MockHttpServletResponse call(String token, String method, String path, String body) throws Exception {
		var request = method.equals("GET") ? get(path) : post(path).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
		return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 201);
		return json.readTree(response.getContentAsString());
	}

	String residentFor(long compoundId, int nth, String prefix) {
		return Residents.forOwner(jdbc, users, compoundId, nth, prefix);
	}

	@Test
	void aMotionGoesFromDraftToACountThatAnyoneCanReproduce() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		String committee = token("committee");
		String community = token("community");
		var now = clock.instant();
		String draft = """
				{"matter":4,"title":"续聘物业服务企业","body":"是否续聘现物业服务企业三年","opensAt":"%s","closesAt":"%s"}"""
			.formatted(now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
		long id = ok(call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft)).get("id").asLong();
		assertThat(call(committee, "POST", "/api/v1/motions/" + id + "/publish", null).getStatus()).as("the community publishes").isEqualTo(403);
		assertThat(call(community, "POST", "/api/v1/compounds/" + compound + "/motions", draft).getStatus())
			.as("with a committee in term, the committee convenes").isEqualTo(403);

		var published = ok(call(community, "POST", "/api/v1/motions/" + id + "/publish", null));
		assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
		long registryArea = jdbc.sql("""
				select sum(exclusive_area_centi) from house h join building b on b.id = h.building_id
				where b.compound_id = ? and h.kind not in ('PARKING', 'STALL')""").param(compound).query(Long.class).single();
		assertThat(published.get("rollArea").asLong()).isEqualTo(registryArea);
		assertThat(published.get("rollHead").asLong()).isEqualTo(heads(compound, null));

		// a change of ownership after publication does not touch the roll
		jdbc.sql("update house set exclusive_area_centi = exclusive_area_centi + 100 where id = (select house_id from roll_entry where motion_id = ? order by house_id limit 1)")
			.param(id).update();
		assertThat(ok(call(community, "GET", "/api/v1/motions/" + id, null)).get("rollArea").asLong()).isEqualTo(registryArea);

		String r1 = token(residentFor(compound, 0, "flow"));
		String r2 = token(residentFor(compound, 1, "flow"));
		String r3 = token(residentFor(compound, 2, "flow"));
		String receipt = ok(call(r1, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"AGREE\"}")).get("hash").asString();
		assertThat(receipt).hasSize(64);
		ok(call(r2, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"OPPOSE\"}"));
		ok(call(r3, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"AGREE\"}"));
		ok(call(r3, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"ABSTAIN\"}"));
		assertThat(jdbc.sql("select count(*) from ballot where motion_id = ?").param(id).query(Long.class).single()).as("history kept").isEqualTo(4);

		// fifty submissions at once for one voter leave exactly one effective ballot
		var pool = Executors.newFixedThreadPool(16);
		var tasks = new ArrayList<Callable<Integer>>();
		for (int i = 0; i < 50; i++) {
			String choice = i % 2 == 0 ? "AGREE" : "OPPOSE";
			tasks.add(() -> call(r1, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"" + choice + "\"}").getStatus());
		}
		var statuses = pool.invokeAll(tasks).stream().map(f -> {
			try {
				return f.get();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}).toList();
		pool.shutdown();
		assertThat(statuses).containsOnly(200);
		String voter1 = jdbc.sql("select voter_id from ballot where motion_id = ? order by id limit 1").param(id).query(String.class).single();
		assertThat(jdbc.sql("select count(*) from ballot where motion_id = ? and voter_id = ? and effective").param(id).param(voter1)
			.query(Long.class).single()).isOne();
		assertThat(jdbc.sql("select count(*) from ballot where motion_id = ? and effective").param(id).query(Long.class).single()).isEqualTo(3);
		assertThat(ok(call(community, "GET", "/api/v1/motions/" + id + "/chain", null)).get("intact").asBoolean()).isTrue();

		// an owner of another compound neither sees nor votes
		long elsewhere = jdbc.sql("select b.compound_id from house h join building b on b.id = h.building_id join compound c on c.id = b.compound_id where c.community_code like '371003%' limit 1")
			.query(Long.class).single();
		String stranger = token(residentFor(elsewhere, 0, "stranger"));
		assertThat(call(stranger, "GET", "/api/v1/motions/" + id, null).getStatus()).isEqualTo(404);
		assertThat(call(stranger, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"AGREE\"}").getStatus()).isEqualTo(404);
		assertThat(call(token("company"), "GET", "/api/v1/motions/" + id, null).getStatus()).isEqualTo(404);

		// the close: counted by the same Tally, the participation list says who voted, not how
		clock.advance(Duration.ofHours(1));
		assertThat(call(r2, "POST", "/api/v1/motions/" + id + "/ballots", "{\"choice\":\"AGREE\"}").getStatus()).isEqualTo(409);
		counting.closeDue();
		var closed = ok(call(community, "GET", "/api/v1/motions/" + id, null));
		assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
		var outcome = closed.get("outcome");
		assertThat(outcome.get("participatingHead").asLong()).isEqualTo(3);
		assertThat(outcome.get("result").asString()).isEqualTo("NO_QUORUM");
		assertThat(ok(call(r2, "GET", "/api/v1/motions/" + id + "/participation", null)).get("content")).hasSize(3);

		// export the two files and recount them: the same figures
		byte[] houses = call(community, "GET", "/api/v1/motions/" + id + "/houses.csv", null).getContentAsByteArray();
		byte[] ballots = call(committee, "GET", "/api/v1/motions/" + id + "/ballots.csv", null).getContentAsByteArray();
		var recount = json.readTree(mvc.perform(multipart("/api/v1/governance/tally").file(new MockMultipartFile("houses", houses))
			.file(new MockMultipartFile("ballots", ballots)).param("matter", "4").header("Authorization", "Bearer " + r2))
			.andReturn().getResponse().getContentAsString());
		for (String field : List.of("totalArea", "totalHead", "participatingArea", "participatingHead", "agreeArea", "agreeHead", "result")) {
			assertThat(recount.get(field).toString()).as(field).isEqualTo(outcome.get(field).toString());
		}
		assertThat(recount.get("totalArea").asLong()).isEqualTo(registryArea);
		assertThat(recount.get("participatingHead").asLong()).isEqualTo(3);

		// altering a stored ballot is detected
		long secondBallot = jdbc.sql("select id from ballot where motion_id = ? order by id offset 1 limit 1").param(id).query(Long.class).single();
		jdbc.sql("update ballot set choice = 'AGREE' where id = ?").param(secondBallot).update();
		var chain = ok(call(community, "GET", "/api/v1/motions/" + id + "/chain", null));
		assertThat(chain.get("intact").asBoolean()).isFalse();
		assertThat(chain.get("firstBrokenBallot").asLong()).isEqualTo(secondBallot);
	}

	@Test
	void followingTheMajorityCountsServedNonVotersOnlyWhereTheRulesSaySo() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		String committee = token("committee");
		String community = token("community");
		var now = clock.instant();
		String draft = """
				{"matter":9,"title":"设置小区门禁","body":"是否加装人脸识别门禁","followMajority":true,"opensAt":"%s","closesAt":"%s"}"""
			.formatted(now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
		var refused = call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft);
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains("议事规则");

		jdbc.sql("update owners_assembly set follow_majority_enabled = true where compound_id = ?").param(compound).update();
		try {
			long id = ok(call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft)).get("id").asLong();
			ok(call(community, "POST", "/api/v1/motions/" + id + "/publish", null));
			String[] choices = { "AGREE", "AGREE", "OPPOSE" };
			for (int i = 0; i < 3; i++) {
				ok(call(token(residentFor(compound, 50 + i, "follow")), "POST", "/api/v1/motions/" + id + "/ballots",
						"{\"choice\":\"" + choices[i] + "\"}"));
			}
			var served = java.util.List.of(Residents.soleOwner(jdbc, compound, 60), Residents.soleOwner(jdbc, compound, 61));
			assertThat(ok(call(committee, "POST", "/api/v1/motions/" + id + "/served", "{\"ownerIds\":[\"" + served.get(0) + "\",\"" + served.get(1) + "\"]}"))
				.get("recorded").asInt()).isEqualTo(2);
			close(Duration.ofHours(1));
			var outcome = ok(call(community, "GET", "/api/v1/motions/" + id, null)).get("outcome");
			assertThat(outcome.get("participatingHead").asLong()).isEqualTo(3);
			assertThat(outcome.get("agreeHead").asLong()).isEqualTo(2);
			assertThat(outcome.get("deemed").get("participatingHead").asLong()).isEqualTo(5);
			assertThat(outcome.get("deemed").get("agreeHead").asLong()).as("served non-voters follow the majority").isEqualTo(4);
		}
		finally {
			jdbc.sql("update owners_assembly set follow_majority_enabled = false where compound_id = ?").param(compound).update();
		}
	}

	@Test
	void anElectionChoosesAmongTheNominatedCandidates() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		String committee = token("committee");
		var candidates = jdbc.sql("""
				select ho.owner_id::text from house h join building b on b.id = h.building_id join house_owner ho on ho.house_id = h.id
				where b.compound_id = ? and ho.representative and not h.developer_held and h.kind = 'RESIDENTIAL' order by h.id offset 70 limit 6""")
			.param(compound).query(String.class).list();
		var now = clock.instant();
		String draft = """
				{"matter":3,"seats":5,"title":"选举第二届业主委员会","body":"应选5人","candidateIds":["%s","%s","%s","%s","%s","%s"],"opensAt":"%s","closesAt":"%s"}"""
			.formatted(candidates.get(0), candidates.get(1), candidates.get(2), candidates.get(3), candidates.get(4), candidates.get(5),
					now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
		assertThat(call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft.replace("\"seats\":5", "\"seats\":7")).getStatus())
			.as("fewer candidates than seats").isEqualTo(400);
		String stranger = jdbc.sql("select id::text from owner where name = '济南业主' or id not in (select ho.owner_id from house_owner ho join house h on h.id = ho.house_id join building b on b.id = h.building_id where b.compound_id = ?) order by id limit 1")
			.param(compound).query(String.class).single();
		var foreignCandidate = call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft.replace(candidates.get(5), stranger));
		assertThat(foreignCandidate.getStatus()).as("a candidate from another compound").isEqualTo(400);
		assertThat(call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft.replace(candidates.get(5), "x1")).getStatus())
			.as("a malformed candidate").isEqualTo(400);
		long id = ok(call(committee, "POST", "/api/v1/compounds/" + compound + "/motions", draft)).get("id").asLong();
		var published = ok(call(token("community"), "POST", "/api/v1/motions/" + id + "/publish", null));
		assertThat(published.get("candidates")).hasSize(6);
		String firstName = jdbc.sql("select name from owner where id = ?").param(Long.valueOf(candidates.get(0))).query(String.class).single();
		assertThat(published.get("candidates").get(0).get("name").asString()).isEqualTo(firstName);

		String voterName = residentFor(compound, 80, "elect");
		String voter = token(voterName);
		var page = mvc.perform(get("/governance/motions/" + id).with(user(voterName).roles("RESIDENT"))).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("name=\"candidates\"", "最多选 5 人");
		String ballot = "{\"candidates\":[\"%s\",\"%s\"]}".formatted(candidates.get(0), candidates.get(1));
		ok(call(voter, "POST", "/api/v1/motions/" + id + "/ballots", ballot));
		String outsider = jdbc.sql("select id::text from owner where id not in (" + String.join(",", candidates) + ") order by id limit 1")
			.query(String.class).single();
		assertThat(call(voter, "POST", "/api/v1/motions/" + id + "/ballots", "{\"candidates\":[\"" + outsider + "\"]}").getStatus())
			.as("only nominated candidates").isEqualTo(400);
		String tooMany = "{\"candidates\":[\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"]}".formatted(candidates.toArray());
		assertThat(call(voter, "POST", "/api/v1/motions/" + id + "/ballots", tooMany).getStatus()).as("more than the seats").isEqualTo(400);
		ok(call(token(residentFor(compound, 81, "elect")), "POST", "/api/v1/motions/" + id + "/ballots", "{\"candidates\":[]}"));

		close(Duration.ofHours(1));
		var outcome = ok(call(committee, "GET", "/api/v1/motions/" + id, null)).get("outcome");
		assertThat(outcome.get("participatingHead").asLong()).as("a blank ballot is participation").isEqualTo(2);
		assertThat(outcome.get("result").asString()).isEqualTo("NO_QUORUM");
		assertThat(outcome.get("candidates")).hasSize(2);
		var result = mvc.perform(get("/governance/motions/" + id).with(user(voterName).roles("RESIDENT"))).andReturn().getResponse();
		assertThat(result.getStatus()).isEqualTo(200);
		assertThat(result.getContentAsString()).contains("得票人数", firstName);
	}

	@Test
	void aMotionForOneBuildingHasThatBuildingsRoll() throws Exception {
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		long building = jdbc.sql("select id from building where compound_id = ? and name = '3号楼'").param(compound).query(Long.class).single();
		var now = clock.instant();
		String draft = """
				{"matter":5,"title":"3号楼电梯维修","body":"使用维修资金维修3号楼电梯","buildingIds":[%d],"opensAt":"%s","closesAt":"%s"}"""
			.formatted(building, now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));
		long id = ok(call(token("committee"), "POST", "/api/v1/compounds/" + compound + "/motions", draft)).get("id").asLong();
		var published = ok(call(token("community"), "POST", "/api/v1/motions/" + id + "/publish", null));
		long area = jdbc.sql("select sum(exclusive_area_centi) from house where building_id = ? and kind not in ('PARKING', 'STALL')")
			.param(building).query(Long.class).single();
		assertThat(published.get("rollArea").asLong()).isEqualTo(area);
		assertThat(published.get("rollHead").asLong()).isEqualTo(heads(compound, building));
		assertThat(published.get("scope").asString()).isEqualTo("3号楼的业主");
		assertThat(jdbc.sql("select count(*) from roll_entry r join house h on h.id = r.house_id where r.motion_id = ? and h.building_id <> ?")
			.param(id).param(building).query(Long.class).single()).isZero();
	}
}
