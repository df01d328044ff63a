package cn.linli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.PartyOrg;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.company.CompanyDetails;
import cn.linli.registry.company.RegisteringCompanies;
import cn.linli.registry.compound.CompoundDetails;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.OwnerDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.registry.staff.StaffDetails;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.IdNumber;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/**
 * Every role against every compound, house, contract, company and staff record, through the API
 * and the pages: what an independent oracle (SQL written from DOMAIN.md §1) says a role may see
 * is exactly what it gets, and everything else is refused.
 */
@LinliTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

	static final List<String> USERS = List.of("city", "district", "street", "community", "company", "staff", "committee",
			"resident", "admin");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	RegisteringCompounds compounds;

	@Autowired
	RegisteringCompanies companies;

	@Autowired
	RecordingContracts contracts;

	@Autowired
	RegisteringStaff staff;

	@Autowired
	RegisteringHouses houses;

	final Map<String, String> tokens = new HashMap<>();

	long jinanCompound;

	@BeforeAll
	void outsideWeihai() throws Exception {
		// a compound in Jinan, outside every demo user's scope, with a company, contract, staff, house and owner
		var jinan = Scope.region(Role.CITY, "3701");
		String community = jdbc.sql("select code from region where level = 5 and urban and code like '3701%' order by code limit 1")
			.query(String.class).single();
		jinanCompound = compounds.register(jinan, new CompoundDetails("泉城花园", "济南市", community, null, null, 300, new Area(0),
				2010, false, ServiceMode.PROFESSIONAL)).id();
		String first17 = "91370102MA3C00001";
		var company = companies.register(jinan,
				new CompanyDetails("济南泉城物业有限公司", CreditCode.of(first17 + CreditCode.checkCharacter(first17)), PartyOrg.NONE, null, null));
		contracts.sign(jinan, jinanCompound, company.creditCode(), LocalDate.now().minusYears(1), LocalDate.now().plusYears(1), null);
		staff.hire(new Scope(Role.COMPANY_ADMIN, null, company.id(), null, Set.of(), Set.of()), company.id(),
				new StaffDetails("济南管家", null, true, false, Set.of(jinanCompound)));
		var building = houses.addBuilding(jinan, jinanCompound, "1号楼", 6);
		var house = houses.registerHouse(jinan, building.id(),
				new HouseDetails("1单元", "101", Area.parse("88.50"), AreaSource.REGISTRY, HouseKind.RESIDENTIAL, false, "鲁(2020)济南市不动产权第0000001号"));
		houses.addOwner(jinan, house.id(), new OwnerDetails("济南业主", "13700000001", "37010219800101001" + IdNumber.checkCharacter("37010219800101001")), true);
		for (String u : USERS) {
			tokens.put(u, TestApi.token(mvc, json, u));
		}
	}

	// ---- the oracle ----

	record UserRow(long id, Role role, String region, Long company, Long staff, Long compound) {
	}

	UserRow userRow(String username) {
		return jdbc.sql("select * from app_user where username = :u").param("u", username)
			.query((rs, n) -> new UserRow(rs.getLong("id"), Role.valueOf(rs.getString("role")), rs.getString("region_code"),
					(Long) rs.getObject("company_id"), (Long) rs.getObject("staff_id"), (Long) rs.getObject("compound_id")))
			.single();
	}

	LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	Set<Long> ids(String sql, Object... args) {
		var q = jdbc.sql(sql);
		for (Object a : args) {
			q = q.param(a);
		}
		return new HashSet<>(q.query(Long.class).list());
	}

	Set<Long> visibleCompounds(String username) {
		var u = userRow(username);
		return switch (u.role()) {
			case CITY, DISTRICT, STREET, COMMUNITY -> ids("select id from compound where community_code like ?", u.region() + "%");
			case COMPANY_ADMIN -> ids("select compound_id from service_contract where company_id = ? and ? between starts_on and ends_on",
					u.company(), today());
			case STAFF -> ids("select compound_id from staff_compound where staff_id = ?", u.staff());
			case COMMITTEE -> Set.of(u.compound());
			case RESIDENT -> ids("select b.compound_id from resident_binding rb join house h on h.id = rb.house_id join building b on b.id = h.building_id where rb.user_id = ?", u.id());
			case ADMIN -> ids("select id from compound");
		};
	}

	Set<Long> visibleHouses(String username) {
		var u = userRow(username);
		return switch (u.role()) {
			case ADMIN -> Set.of();
			case RESIDENT -> ids("select house_id from resident_binding where user_id = ?", u.id());
			default -> {
				var visible = visibleCompounds(username);
				var result = new HashSet<Long>();
				jdbc.sql("select h.id, b.compound_id from house h join building b on b.id = h.building_id")
					.query((rs, n) -> visible.contains(rs.getLong(2)) ? result.add(rs.getLong(1)) : false).list();
				yield result;
			}
		};
	}

	Set<Long> visibleContracts(String username) {
		var u = userRow(username);
		if (u.role() == Role.ADMIN) {
			return Set.of();
		}
		var visible = visibleCompounds(username);
		var result = new HashSet<Long>();
		Long company = u.role() == Role.STAFF ? jdbc.sql("select company_id from staff where id = ?").param(u.staff())
			.query(Long.class).single() : u.company();
		jdbc.sql("select id, compound_id, company_id from service_contract").query((rs, n) -> {
			boolean ownCompany = !(u.role() == Role.COMPANY_ADMIN || u.role() == Role.STAFF) || company.equals(rs.getLong(3));
			return visible.contains(rs.getLong(2)) && ownCompany ? result.add(rs.getLong(1)) : false;
		}).list();
		return result;
	}

	Set<Long> visibleCompanies(String username) {
		var u = userRow(username);
		return switch (u.role()) {
			case CITY, ADMIN -> ids("select id from property_company");
			case DISTRICT, STREET, COMMUNITY -> ids("select sc.company_id from service_contract sc join compound c on c.id = sc.compound_id where c.community_code like ?", u.region() + "%");
			case COMPANY_ADMIN -> Set.of(u.company());
			case STAFF -> ids("select company_id from staff where id = ?", u.staff());
			case COMMITTEE, RESIDENT -> {
				var visible = visibleCompounds(username);
				var result = new HashSet<Long>();
				jdbc.sql("select company_id, compound_id from service_contract where ? between starts_on and ends_on").param(today())
					.query((rs, n) -> visible.contains(rs.getLong(2)) ? result.add(rs.getLong(1)) : false).list();
				yield result;
			}
		};
	}

	Set<Long> visibleStaff(String username) {
		var u = userRow(username);
		return switch (u.role()) {
			case COMPANY_ADMIN -> ids("select id from staff where company_id = ?", u.company());
			case STAFF -> Set.of(u.staff());
			case CITY, DISTRICT, STREET, COMMUNITY -> ids("select sc.staff_id from staff_compound sc join compound c on c.id = sc.compound_id where c.community_code like ?", u.region() + "%");
			default -> Set.of();
		};
	}

	// ---- the matrix ----

	/**
	 * A check of the oracle and the demo accounts, not of the product: the scopes nest around the
	 * showcase compound as the README's table says, so the matrix below exercises every kind of scope.
	 */
	@Test
	void theDemoAccountsScopesNestAroundTheShowcaseCompound() {
		long showcase = userRow("committee").compound();
		assertThat(userRow("city").region()).isEqualTo("3710");
		assertThat(userRow("district").region()).isEqualTo("371002");
		assertThat(userRow("street").region()).isEqualTo("371002001");
		assertThat(userRow("community").region()).hasSize(12).startsWith("371002001");
		assertThat(jdbc.sql("select community_code from compound where id = ?").param(showcase).query(String.class).single())
			.isEqualTo(userRow("community").region());

		assertThat(visibleCompounds("resident")).containsExactly(showcase);
		assertThat(visibleCompounds("committee")).containsExactly(showcase);
		assertThat(visibleCompounds("staff")).as("the demo's staff member serves the showcase only").containsExactly(showcase);
		assertThat(visibleCompounds("company")).contains(showcase);
		assertThat(visibleCompounds("admin")).isEqualTo(ids("select id from compound"));
		assertThat(visibleCompounds("district")).containsAll(visibleCompounds("street"));
		assertThat(visibleCompounds("street")).containsAll(visibleCompounds("community"));
		assertThat(visibleCompounds("community")).contains(showcase);
		assertThat(visibleCompounds("street")).isNotEqualTo(visibleCompounds("community"));
		assertThat(visibleCompounds("district")).isNotEqualTo(visibleCompounds("street"));
		assertThat(visibleCompounds("city")).isNotEqualTo(visibleCompounds("district"));
		for (String u : USERS) {
			if (!u.equals("admin")) {
				assertThat(visibleCompounds(u)).as(u).doesNotContain(jinanCompound);
			}
		}
	}

	@Test
	void compoundListsContainExactlyTheCompoundsInScope() throws Exception {
		for (String u : USERS) {
			var seen = new HashSet<Long>();
			for (int page = 0; ; page++) {
				var body = api(u, "/api/v1/compounds?size=500&page=" + page, 200);
				body.get("content").forEach(c -> seen.add(c.get("id").asLong()));
				if ((page + 1) * 500 >= body.get("totalElements").asLong()) {
					break;
				}
			}
			assertThat(seen).as("compounds listed for %s", u).isEqualTo(visibleCompounds(u));
		}
	}

	@Test
	void regionFilterNeverWidensTheScope() throws Exception {
		for (String u : USERS) {
			var body = api(u, "/api/v1/compounds?size=500&region=3701", 200);
			var expected = u.equals("admin") ? Set.of(jinanCompound) : Set.<Long>of();
			var seen = new HashSet<Long>();
			body.get("content").forEach(c -> seen.add(c.get("id").asLong()));
			assertThat(seen).as(u).isEqualTo(expected);
		}
	}

	@Test
	void everyCompoundIsReadableExactlyWithinScope() throws Exception {
		var all = ids("select id from compound");
		for (String u : USERS) {
			var visible = visibleCompounds(u);
			for (long id : all) {
				status(u, "/api/v1/compounds/" + id, visible.contains(id) ? 200 : 404);
			}
		}
	}

	@Test
	void everyHouseIsReadableExactlyWithinScope() throws Exception {
		var all = ids("select id from house");
		for (String u : USERS) {
			var visible = visibleHouses(u);
			for (long id : all) {
				status(u, "/api/v1/houses/" + id, visible.contains(id) ? 200 : 404);
			}
		}
	}

	@Test
	void everyContractCompanyAndStaffRecordIsReadableExactlyWithinScope() throws Exception {
		var allContracts = ids("select id from service_contract");
		var allCompanies = ids("select id from property_company");
		var allStaff = ids("select id from staff");
		for (String u : USERS) {
			var contracts = visibleContracts(u);
			for (long id : allContracts) {
				status(u, "/api/v1/contracts/" + id, contracts.contains(id) ? 200 : 404);
			}
			var companies = visibleCompanies(u);
			for (long id : allCompanies) {
				status(u, "/api/v1/companies/" + id, companies.contains(id) ? 200 : 404);
			}
			var staff = visibleStaff(u);
			for (long id : allStaff) {
				status(u, "/api/v1/staff/" + id, staff.contains(id) ? 200 : 404);
			}
		}
	}

	@Test
	void nobodyCanChangeACompoundOutsideTheirScope() throws Exception {
		String before = jdbc.sql("select name || version from compound where id = ?").param(jinanCompound).query(String.class).single();
		String community = jdbc.sql("select community_code from compound where id = ?").param(jinanCompound).query(String.class).single();
		String body = "{\"name\":\"改名\",\"communityCode\":\"" + community + "\",\"households\":\"10\",\"serviceMode\":\"NONE\",\"version\":0}";
		for (String u : USERS) {
			int put = mvc.perform(put("/api/v1/compounds/" + jinanCompound).header("Authorization", "Bearer " + tokens.get(u))
				.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus();
			// the admin sees every compound but may not change one; everyone else does not see it at all
			assertThat(put).as("PUT by %s", u).isEqualTo(u.equals("admin") ? 403 : 404);
			int created = mvc.perform(post("/api/v1/compounds").header("Authorization", "Bearer " + tokens.get(u))
				.contentType(MediaType.APPLICATION_JSON).content(body.replace("改名", "新小区" + u))).andReturn().getResponse().getStatus();
			assertThat(created).as("POST by %s", u).isEqualTo(403);
		}
		assertThat(jdbc.sql("select name || version from compound where id = ?").param(jinanCompound).query(String.class).single())
			.isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from compound where name like '新小区%'").query(Long.class).single()).isZero();
	}

	@Test
	void pagesRefuseWhatTheApiRefuses() throws Exception {
		var all = new ArrayList<>(ids("select id from compound order by id"));
		all.sort(Long::compare);
		for (String u : USERS) {
			var visible = visibleCompounds(u);
			// every visible compound up to 5, and 25 others spread over the city
			var sample = new ArrayList<Long>(visible.stream().sorted().limit(5).toList());
			for (int i = 0; i < all.size(); i += all.size() / 25) {
				sample.add(all.get(i));
			}
			sample.add(jinanCompound);
			var role = userRow(u).role().name();
			for (long id : sample) {
				int status = mvc.perform(get("/compounds/" + id).with(user(u).roles(role))).andReturn().getResponse().getStatus();
				assertThat(status).as("page /compounds/%d for %s", id, u).isEqualTo(visible.contains(id) ? 200 : 404);
			}
			for (long id : List.of(jinanCompound, sample.get(sample.size() / 2))) {
				int governance = mvc.perform(get("/governance/compounds/" + id).with(user(u).roles(role))).andReturn().getResponse().getStatus();
				assertThat(governance).as("owners' decisions of compound %d for %s", id, u).isEqualTo(visible.contains(id) ? 200 : 404);
			}
			int admin = mvc.perform(get("/admin/users").with(user(u).roles(role))).andReturn().getResponse().getStatus();
			assertThat(admin).as("/admin/users for %s", u).isEqualTo(u.equals("admin") ? 200 : 403);
		}
	}

	@Test
	void supervisorsCannotOpenAnotherRegionsDashboard() throws Exception {
		Map<String, String> foreign = Map.of("city", "3701", "district", "371003", "street", "371002002", "community",
				"371002001099");
		for (var e : foreign.entrySet()) {
			String code = e.getValue();
			if (e.getKey().equals("street")) {
				code = jdbc.sql("select code from region where parent_code = '371002' and code <> ? order by code limit 1")
					.param(userRow("street").region()).query(String.class).single();
			}
			if (e.getKey().equals("community")) {
				code = jdbc.sql("select code from region where parent_code = ? and code <> ? order by code limit 1")
					.param(userRow("street").region()).param(userRow("community").region()).query(String.class).single();
			}
			var role = userRow(e.getKey()).role().name();
			assertThat(mvc.perform(get("/dashboard/" + code).with(user(e.getKey()).roles(role))).andReturn().getResponse().getStatus())
				.as("%s on %s", e.getKey(), code).isEqualTo(404);
			status(e.getKey(), "/api/v1/coverage/" + code, 404);
			assertThat(mvc.perform(get("/dashboard/" + userRow(e.getKey()).region()).with(user(e.getKey()).roles(role)))
				.andReturn().getResponse().getStatus()).isEqualTo(200);
		}
		for (String u : List.of("company", "staff", "committee", "resident")) {
			status(u, "/api/v1/coverage/3710", 404);
		}
	}

	/**
	 * 科学分析 of a region only for those who supervise it: every analytics page and API of a foreign
	 * region is 404 for each supervisor (and 200 on its own), and 404 for the roles without a region;
	 * the province map is the platform administrator's alone.
	 */
	@Test
	void analyticsOfAnotherRegionAreRefusedOnEveryPageAndApi() throws Exception {
		String month = java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
		java.util.function.Function<String, List<String>> pages = c -> List.of("/appeals/indicators/" + c, "/analytics/topics/" + c,
				"/analytics/map/" + c, "/analytics/bulletins/" + c + "/" + month, "/analytics/bulletins/" + c + "/" + month + ".xlsx",
				"/analytics/screen/" + c, "/analytics/screen/" + c + "/live");
		java.util.function.Function<String, List<String>> apis = c -> List.of("/api/v1/appeal-indicators/" + c, "/api/v1/analytics/trends/" + c,
				"/api/v1/analytics/hotspots?region=" + c, "/api/v1/analytics/topics?region=" + c, "/api/v1/analytics/map/" + c,
				"/api/v1/analytics/bulletins/" + c + "/" + month, "/api/v1/analytics/bulletins/" + c + "/" + month + ".pdf",
				"/api/v1/analytics/bulletins/" + c + "/" + month + ".xlsx");
		Map<String, String> foreign = new HashMap<>(Map.of("city", "3701", "district", "371003"));
		foreign.put("street", jdbc.sql("select code from region where parent_code = '371002' and code <> ? order by code limit 1")
			.param(userRow("street").region()).query(String.class).single());
		foreign.put("community", jdbc.sql("select code from region where parent_code = ? and code <> ? order by code limit 1")
			.param(userRow("street").region()).param(userRow("community").region()).query(String.class).single());
		for (var e : foreign.entrySet()) {
			var role = userRow(e.getKey()).role().name();
			String own = userRow(e.getKey()).region();
			for (String path : pages.apply(e.getValue())) {
				assertThat(mvc.perform(get(path).with(user(e.getKey()).roles(role))).andReturn().getResponse().getStatus())
					.as("%s on %s", e.getKey(), path).isEqualTo(404);
			}
			for (String path : pages.apply(own)) {
				assertThat(mvc.perform(get(path).with(user(e.getKey()).roles(role))).andReturn().getResponse().getStatus())
					.as("%s on its own %s", e.getKey(), path).isEqualTo(200);
			}
			for (String path : apis.apply(e.getValue())) {
				status(e.getKey(), path, 404);
			}
			for (String path : apis.apply(own)) {
				status(e.getKey(), path, 200);
			}
			status(e.getKey(), "/api/v1/analytics/map/37", 404);
		}
		for (String u : List.of("company", "staff", "committee", "resident", "admin")) {
			for (String path : apis.apply("3710")) {
				status(u, path, 404);
			}
		}
		status("admin", "/api/v1/analytics/map/37", 200);
	}

	@Test
	void anonymousCallersAreRefused() throws Exception {
		assertThat(mvc.perform(get("/api/v1/compounds")).andReturn().getResponse().getStatus()).isEqualTo(401);
		assertThat(mvc.perform(get("/api/v1/compounds").header("Authorization", "Bearer forged")).andReturn().getResponse()
			.getStatus()).isEqualTo(401);
		assertThat(mvc.perform(get("/compounds")).andReturn().getResponse().getStatus()).isEqualTo(302);
	}

	private JsonNode api(String user, String path, int expected) throws Exception {
		var response = mvc.perform(get(path).header("Authorization", "Bearer " + tokens.get(user))).andReturn().getResponse();
		assertThat(response.getStatus()).as("%s %s", user, path).isEqualTo(expected);
		return json.readTree(response.getContentAsString());
	}

	private void status(String user, String path, int expected) throws Exception {
		var response = mvc.perform(get(path).header("Authorization", "Bearer " + tokens.get(user))).andReturn().getResponse();
		assertThat(response.getStatus()).as("%s %s", user, path).isEqualTo(expected);
	}
}
