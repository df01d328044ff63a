package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.shared.security.Role;
import cn.linli.appeal.supervision.HandingOverAtContractEnd;

/**
 * Who sees an appeal, as a matrix: every role, and the same roles of another company, another
 * street and another household, against one appeal with a photo — list, detail, photo, queue and
 * an action. Anything not expected to see it must get 404 and find nothing in its lists.
 */
@LinliTest
class AppealScopeTests {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	UserAdministration users;
	@Autowired
	HandingOverAtContractEnd handOvers;

	AppealApi api;

	@BeforeEach
	void setUp() {
		api = new AppealApi(mvc, json, jdbc);
	}

	/** What a user sees of the showcase resident's appeal: nothing, the public column's view (masked, no intake photo), or all of it. */
	enum Sight {
		NOTHING, PUBLIC, PERSONAL
	}

	Map<String, Sight> expectations() {
		return Map.ofEntries(Map.entry("city", Sight.PERSONAL), Map.entry("district", Sight.PERSONAL), Map.entry("street", Sight.PERSONAL),
				Map.entry("community", Sight.PERSONAL), Map.entry("company", Sight.PERSONAL), Map.entry("staff", Sight.PERSONAL),
				Map.entry("committee", Sight.PUBLIC), Map.entry("resident", Sight.PERSONAL), Map.entry("admin", Sight.NOTHING),
				Map.entry("scope-other-company", Sight.NOTHING), Map.entry("scope-other-street", Sight.NOTHING),
				Map.entry("scope-other-district", Sight.NOTHING), Map.entry("scope-other-staff", Sight.NOTHING),
				Map.entry("scope-neighbour", Sight.NOTHING));
	}

	void createOutsiders() {
		if (jdbc.sql("select count(*) from app_user where username = 'scope-other-company'").query(Long.class).single() > 0) {
			return;
		}
		long showcase = api.showcaseCompound();
		long showcaseCompany = jdbc.sql("select company_id from service_contract where compound_id = :c and (now() at time zone 'Asia/Shanghai')::date between starts_on and ends_on")
			.param("c", showcase).query(Long.class).single();
		long otherCompany = jdbc.sql("select id from property_company where id <> :c order by id limit 1").param("c", showcaseCompany)
			.query(Long.class).single();
		users.create(new NewUser("scope-other-company", "他企", Role.COMPANY_ADMIN, null, otherCompany, null, null, null), LinliTest.PASSWORD);
		String street = jdbc.sql("select substr(community_code, 1, 9) from compound where id = :c").param("c", showcase).query(String.class).single();
		String otherStreet = jdbc.sql("select code from region where code like '371002%' and length(code) = 9 and code <> :s order by code desc limit 1")
			.param("s", street).query(String.class).single();
		users.create(new NewUser("scope-other-street", "他街道", Role.STREET, otherStreet, null, null, null, null), LinliTest.PASSWORD);
		users.create(new NewUser("scope-other-district", "文登区", Role.DISTRICT, "371003", null, null, null, null), LinliTest.PASSWORD);
		// staff of the showcase company's other compound... or of another company: both must see nothing here
		long otherStaff = jdbc.sql("select s.id from staff s where s.company_id <> :c order by s.id limit 1").param("c", showcaseCompany)
			.query(Long.class).single();
		users.create(new NewUser("scope-other-staff", "他企员工", Role.STAFF, null, null, otherStaff, null, null), LinliTest.PASSWORD);
		// a neighbour: another owner in the same compound
		var neighbour = jdbc.sql("""
				select h.id, ho.owner_id from house h join building b on b.id = h.building_id join house_owner ho on ho.house_id = h.id
				where b.compound_id = :c and h.id <> :mine and not h.developer_held and h.kind = 'RESIDENTIAL' order by h.id desc limit 1""")
			.param("c", showcase).param("mine", api.residentHouse()).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		users.createBoundResident("scope-neighbour", "13911112222", "邻居", LinliTest.PASSWORD, neighbour[0], neighbour[1]);
	}

	@Test
	void everyRoleSeesTheAppealOnlyWhenItsScopeHoldsIt() throws Exception {
		createOutsiders();
		String resident = TestApi.token(mvc, json, "resident");
		var created = mvc.perform(multipart("/api/v1/appeals").file(new MockMultipartFile("photos", "lamp.png", "image/png", PNG))
			.param("kind", "REPAIR").param("category", "FACILITY").param("body", "5号楼电梯按钮失灵，联系电话13800138000")
			.param("place", "h:" + api.residentHouse()).param("contactPhone", "13800138000").header("Authorization", "Bearer " + resident))
			.andReturn();
		assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
		long id = api.read(created).get("id").asLong();

		for (var e : expectations().entrySet()) {
			String user = e.getKey();
			var sight = e.getValue();
			String token = TestApi.token(mvc, json, user);
			var detail = api.detail(token, id);
			assertThat(detail.getResponse().getStatus()).as(user + " detail").isEqualTo(sight == Sight.NOTHING ? 404 : 200);
			var photo = mvc.perform(get("/api/v1/appeals/" + id + "/photos/1").header("Authorization", "Bearer " + token)).andReturn();
			assertThat(photo.getResponse().getStatus()).as(user + " the raiser's photo").isEqualTo(sight == Sight.PERSONAL ? 200 : 404);
			var list = api.read(mvc.perform(get("/api/v1/appeals?size=100").header("Authorization", "Bearer " + token)).andReturn());
			List<Long> listed = list.get("content").findValues("id").stream().map(n -> n.asLong()).toList();
			if (sight == Sight.NOTHING) {
				assertThat(listed).as(user + " list").doesNotContain(id);
				// out of scope answers 404 whatever the action: its existence does not leak
				assertThat(api.act(token, id, "accept", null).getResponse().getStatus()).as(user + " accept").isEqualTo(404);
				assertThat(api.act(token, id, "order", "{\"note\":\"x\"}").getResponse().getStatus()).as(user + " order").isEqualTo(404);
				continue;
			}
			assertThat(listed).as(user + " list").contains(id);
			var seen = api.read(detail);
			String words = seen.get("body").asString() + " " + seen.get("row").get("summary").asString();
			if (sight == Sight.PUBLIC) {
				assertThat(words).as(user + " reads the public column's words").doesNotContain("13800138000").contains("5号楼电梯按钮失灵");
				assertThat(seen.get("contactPhone").isNull()).as(user).isTrue();
				assertThat(seen.get("houseLabel").isNull()).as(user).isTrue();
				assertThat(api.act(token, id, "accept", null).getResponse().getStatus()).as(user + " accept").isEqualTo(403);
			}
			else {
				assertThat(words).as(user).contains("13800138000");
			}
		}
		assertThat(api.status(id)).as("no outsider changed it").isEqualTo("SUBMITTED");

		// region roles and residents may see, but only the handler may handle
		for (String user : List.of("city", "street", "community", "resident")) {
			assertThat(api.act(TestApi.token(mvc, json, user), id, "accept", null).getResponse().getStatus()).as(user).isEqualTo(403);
		}
		// and only supervisors supervise
		for (String user : List.of("company", "staff", "resident")) {
			assertThat(api.act(TestApi.token(mvc, json, user), id, "order", "{\"note\":\"x\"}").getResponse().getStatus()).as(user).isEqualTo(403);
		}
	}

	@Test
	void aNeighbourWhoBacksAnAppealSeesItsProgressButNotTheRaisersHouseOrPhone() throws Exception {
		createOutsiders();
		String resident = TestApi.token(mvc, json, "resident");
		var created = api.raise(resident, """
				{"kind":"COMPLAINT","category":"SAFETY","body":"8号楼下消防通道被杂物堵塞，我是3单元502的，电话13800138000","compoundId":%d,"contactPhone":"13800138000","attributes":{"note":null}}"""
			.formatted(api.showcaseCompound()));
		long id = api.read(created).get("id").asLong();
		String neighbour = TestApi.token(mvc, json, "scope-neighbour");
		assertThat(api.detail(neighbour, id).getResponse().getStatus()).isEqualTo(404);
		// while typing its own appeal of the same category, the neighbour is offered this one to back, in the public column's words
		var similar = mvc.perform(get("/app/appeals/similar").param("place", "c:" + api.showcaseCompound()).param("category", "SAFETY")
			.session(api.session("scope-neighbour"))).andReturn();
		assertThat(similar.getResponse().getStatus()).isEqualTo(200);
		assertThat(similar.getResponse().getContentAsString()).contains("/app/appeals/" + id + "/support").doesNotContain("13800138000")
			.doesNotContain("502");
		api.actOk(neighbour, id, "support", null);
		var seen = api.read(api.detail(neighbour, id));
		assertThat(seen.get("contactPhone").isNull()).isTrue();
		assertThat(seen.get("houseLabel").isNull()).isTrue();
		assertThat(seen.get("row").get("supporters").asInt()).isEqualTo(1);
		// the words, not the whole answer: a timestamp's microseconds may well read 502
		String words = seen.get("body").asString() + " " + seen.get("row").get("summary").asString() + " " + seen.get("timeline").findValues("note");
		assertThat(words).as("a backer reads the raiser's words as the public does").doesNotContain("13800138000").doesNotContain("502");
		assertThat(seen.get("timeline").findValues("actor").stream().map(n -> n.asString()).toList()).as("who acted, by side only")
			.containsExactly("居民", "居民");
		var listed = api.read(mvc.perform(get("/api/v1/appeals?size=100").header("Authorization", "Bearer " + neighbour)).andReturn());
		assertThat(listed.toString()).doesNotContain("13800138000");
		// a flat's own repair cannot be backed, so it cannot be seen that way either
		long flat = api.raiseRepair(resident, "FACILITY", "我家卫生间漏水");
		assertThat(api.act(neighbour, flat, "support", null).getResponse().getStatus()).isEqualTo(404);
		assertThat(api.detail(neighbour, flat).getResponse().getStatus()).isEqualTo(404);
		// backing twice counts once; the raiser cannot back its own
		api.actOk(neighbour, id, "support", null);
		assertThat(api.read(api.detail(neighbour, id)).get("row").get("supporters").asInt()).isEqualTo(1);
		assertThat(api.act(resident, id, "support", null).getResponse().getStatus()).isEqualTo(409);
		assertThat(api.read(api.detail(resident, id)).get("contactPhone").asString()).isEqualTo("13800138000");
	}

	@Test
	void indicatorsAndBoardsOfAnotherRegionAreRefused() throws Exception {
		createOutsiders();
		String otherStreet = TestApi.token(mvc, json, "scope-other-street");
		String showcaseStreet = jdbc.sql("select substr(community_code, 1, 9) from compound where id = :c").param("c", api.showcaseCompound())
			.query(String.class).single();
		var r = mvc.perform(get("/api/v1/appeal-indicators/" + showcaseStreet).header("Authorization", "Bearer " + otherStreet)).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(404);
		var company = mvc.perform(get("/api/v1/appeals/board").header("Authorization", "Bearer " + TestApi.token(mvc, json, "company"))).andReturn();
		assertThat(company.getResponse().getStatus()).isEqualTo(403);
		var own = mvc.perform(get("/api/v1/appeal-indicators/" + showcaseStreet).header("Authorization", "Bearer " + TestApi.token(mvc, json, "street")))
			.andReturn();
		assertThat(own.getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void anAppealIsOnlyReassignedToACompanyServingTheNeighbourhood() throws Exception {
		createOutsiders();
		String resident = TestApi.token(mvc, json, "resident");
		long id = api.raiseRepair(resident, "FACILITY", "单元门闭门器坏了");
		String street = TestApi.token(mvc, json, "street");
		String showcaseStreet = jdbc.sql("select substr(community_code, 1, 9) from compound where id = :c").param("c", api.showcaseCompound())
			.query(String.class).single();
		long stranger = jdbc.sql("""
				select pc.id from property_company pc where not exists (select 1 from service_contract sc join compound c on c.id = sc.compound_id
				where sc.company_id = pc.id and c.community_code like :p and (now() at time zone 'Asia/Shanghai')::date between sc.starts_on and sc.ends_on) order by pc.id limit 1""")
			.param("p", showcaseStreet + "%").query(Long.class).single();
		var refused = api.act(street, id, "reassign", "{\"companyId\":" + stranger + "}");
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(refused).get("detail").asString()).contains("在管项目");
		long neighbourCompany = jdbc.sql("""
				select sc.company_id from service_contract sc join compound c on c.id = sc.compound_id
				where c.community_code like :p and (now() at time zone 'Asia/Shanghai')::date between sc.starts_on and sc.ends_on and c.id <> :showcase
				  and sc.company_id not in (select company_id from service_contract where compound_id = :showcase and (now() at time zone 'Asia/Shanghai')::date between starts_on and ends_on)
				order by sc.company_id desc limit 1""")
			.param("p", showcaseStreet + "%").param("showcase", api.showcaseCompound()).query(Long.class).single();
		api.actOk(street, id, "reassign", "{\"companyId\":" + neighbourCompany + ",\"note\":\"改由专业电梯维保单位处理\"}");
		assertThat(jdbc.sql("select handler_company_id from appeal where id = :id").param("id", id).query(Long.class).single())
			.isEqualTo(neighbourCompany);
		// the company it was sent to has no contract for this compound, yet must see and handle what it was given
		if (!jdbc.sql("select exists (select 1 from app_user where username = 'scope-reassigned-company')").query(Boolean.class).single()) {
			users.create(new NewUser("scope-reassigned-company", "受派企业", Role.COMPANY_ADMIN, null, neighbourCompany, null, null, null),
					LinliTest.PASSWORD);
		}
		String given = TestApi.token(mvc, json, "scope-reassigned-company");
		assertThat(api.detail(given, id).getResponse().getStatus()).isEqualTo(200);
		api.actOk(given, id, "accept", null);
	}

	@Test
	void aCompanyLosesTheCompoundsAppealsWhenItsContractEnds() throws Exception {
		String resident = TestApi.token(mvc, json, "resident");
		long id = api.raiseRepair(resident, "FACILITY", "地下车库照明坏了一半");
		String company = TestApi.token(mvc, json, "company");
		String staff = TestApi.token(mvc, json, "staff");
		assertThat(api.detail(company, id).getResponse().getStatus()).isEqualTo(200);
		// sent back to the same company after its 派单异议: it still holds it by contract, not by a supervisor's choice
		long returned = api.raiseRepair(resident, "FACILITY", "车库入口道闸坏了");
		api.actOk(staff, returned, "reject-route", "{\"reason\":\"道闸属停车公司\"}");
		long mine = jdbc.sql("select handler_company_id from appeal where id = :id").param("id", returned).query(Long.class).single();
		api.actOk(TestApi.token(mvc, json, "community"), returned, "redispatch", "{\"companyId\":" + mine + "}");
		long contract = jdbc.sql("select id from service_contract where compound_id = :c and (now() at time zone 'Asia/Shanghai')::date between starts_on and ends_on")
			.param("c", api.showcaseCompound()).query(Long.class).single();
		var endsOn = jdbc.sql("select ends_on from service_contract where id = :id").param("id", contract).query(java.time.LocalDate.class).single();
		jdbc.sql("update service_contract set ends_on = (now() at time zone 'Asia/Shanghai')::date - 1 where id = :id").param("id", contract).update();
		try {
			for (String former : List.of(company, staff)) {
				assertThat(api.detail(former, id).getResponse().getStatus()).isEqualTo(404);
				assertThat(mvc.perform(get("/api/v1/appeals/" + id + "/photos/1").header("Authorization", "Bearer " + former)).andReturn()
					.getResponse().getStatus()).isEqualTo(404);
				assertThat(api.act(former, id, "accept", null).getResponse().getStatus()).isEqualTo(404);
				var listed = api.read(mvc.perform(get("/api/v1/appeals?size=100").header("Authorization", "Bearer " + former)).andReturn());
				assertThat(listed.get("content").findValues("id").stream().map(n -> n.asLong()).toList()).doesNotContain(id);
			}
			// nobody serves it under contract now, so it goes to the community at once rather than when a clock runs out
			assertThat(handOvers.handOverEndedContracts()).isPositive();
			for (long handed : List.of(id, returned)) {
				assertThat(jdbc.sql("select handler_kind || '/' || status from appeal where id = :id").param("id", handed).query(String.class)
					.single()).isEqualTo("COMMUNITY/SUBMITTED");
			}
			assertThat(jdbc.sql("select note from appeal_event where appeal_id = :id and action = 'HANDED_OVER'").param("id", id)
				.query(String.class).single()).contains("合同已到期").contains("社区");
			String community = TestApi.token(mvc, json, "community");
			api.actOk(community, id, "accept", null);
			assertThat(handOvers.handOverEndedContracts()).as("handed over once").isZero();
		}
		finally {
			jdbc.sql("update service_contract set ends_on = :e where id = :id").param("e", endsOn).param("id", contract).update();
		}
		assertThat(api.detail(company, id).getResponse().getStatus()).as("handed over, it is no longer the company's").isEqualTo(404);
	}

	@Test
	void onlyTheResidentWhoRaisedItRatesAndBackersStayNameless() throws Exception {
		createOutsiders();
		String staff = TestApi.token(mvc, json, "staff");
		var patrol = api.raise(staff, """
				{"kind":"REPAIR","category":"SAFETY","body":"巡查发现2号楼灭火器过期","compoundId":%d}""".formatted(api.showcaseCompound()));
		long id = api.read(patrol).get("id").asLong();
		api.actOk(staff, id, "accept", null);
		api.actOk(staff, id, "resolve", "{\"result\":\"已更换灭火器\"}");
		var selfRated = api.act(staff, id, "rate", "{\"rating\":\"SATISFIED\"}");
		assertThat(selfRated.getResponse().getStatus()).as("a company does not rate its own work").isEqualTo(403);
		assertThat(api.status(id)).isEqualTo("RESOLVED");

		String resident = TestApi.token(mvc, json, "resident");
		long common = api.read(api.raise(resident, """
				{"kind":"COMPLAINT","category":"SANITATION","body":"垃圾分类亭三天没清运","compoundId":%d}""".formatted(api.showcaseCompound())))
			.get("id").asLong();
		int version = api.read(api.detail(staff, common)).get("row").get("version").asInt();
		String neighbour = TestApi.token(mvc, json, "scope-neighbour");
		api.actOk(neighbour, common, "support", null);
		var detail = api.read(api.detail(resident, common));
		assertThat(detail.toString()).as("the raiser does not learn who backed it").doesNotContain("邻居");
		assertThat(detail.get("row").get("supporters").asInt()).isEqualTo(1);
		// a +1 does not make the handler's page stale
		assertThat(api.act(staff, common, "accept", "{\"version\":" + version + "}").getResponse().getStatus()).isEqualTo(200);
		assertThat(api.read(api.detail(staff, common)).get("row").get("supporters").asInt()).as("and the handler's save keeps it").isEqualTo(1);
	}
}
