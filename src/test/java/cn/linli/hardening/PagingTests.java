package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.TestApi;

/** Lists under /api/v1 page like the others: page, size, totalElements, and nothing silently cut off. */
@LinliTest
class PagingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	JsonNode page(String token, String path) throws Exception {
		var response = mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse();
		assertThat(response.getStatus()).as(path + " " + response.getContentAsString()).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

	@Test
	void contractsPageThroughAllOfThemWithTheirTotal() throws Exception {
		String city = TestApi.token(mvc, json, "city");
		// the city sees every contract of its compounds (region code 3710…)
		long total = jdbc.sql("select count(*) from service_contract sc join compound c on c.id = sc.compound_id where c.community_code like '3710%'")
			.query(Long.class).single();
		assertThat(total).as("more than the 500 the list used to stop at").isGreaterThan(500);
		var first = page(city, "/api/v1/contracts?page=0&size=200");
		assertThat(first.get("totalElements").asLong()).isEqualTo(total);
		assertThat(first.get("content").size()).isEqualTo(200);
		long lastPage = (total - 1) / 200;
		var last = page(city, "/api/v1/contracts?page=" + lastPage + "&size=200");
		assertThat(last.get("content").size()).isEqualTo((int) (total - lastPage * 200));
		var seen = new java.util.HashSet<Long>();
		for (int p = 0; p <= lastPage; p++) {
			page(city, "/api/v1/contracts?page=" + p + "&size=200").get("content").forEach(c -> seen.add(c.get("id").asLong()));
		}
		assertThat(seen).as("every contract once").hasSize((int) total);
	}

	@Test
	void buildingsAndCommitteesOfACompoundArePaged() throws Exception {
		String community = TestApi.token(mvc, json, "committee");
		long compound = jdbc.sql("select compound_id from app_user where username = 'committee'").query(Long.class).single();
		long buildings = jdbc.sql("select count(*) from building where compound_id = ?").param(compound).query(Long.class).single();
		var page = page(community, "/api/v1/compounds/" + compound + "/buildings?page=0&size=2");
		assertThat(page.get("totalElements").asLong()).isEqualTo(buildings);
		assertThat(page.get("content").size()).isEqualTo((int) Math.min(2, buildings));
		long committees = jdbc.sql("select count(*) from owners_committee where compound_id = ?").param(compound).query(Long.class).single();
		var c = page(community, "/api/v1/compounds/" + compound + "/committees");
		assertThat(c.get("totalElements").asLong()).isEqualTo(committees);
		assertThat(c.get("page").asInt()).isZero();
	}

	@Test
	void badPagingIsA400() throws Exception {
		String city = TestApi.token(mvc, json, "city");
		var response = mvc.perform(get("/api/v1/contracts?size=501").header("Authorization", "Bearer " + city)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("detail").asString()).contains("size 为 1–500");
	}

	@Test
	void queueBoardAndInboxPageWithoutLosingOrRepeatingARow() throws Exception {
		// the city's whole board (all=true: every escalated appeal of its region) in pages of 3
		String city = TestApi.token(mvc, json, "city");
		assertPagesCoverTheTotal(city, "/api/v1/appeals/board?all=true&size=3");
		String company = TestApi.token(mvc, json, "company");
		assertPagesCoverTheTotal(company, "/api/v1/appeals/queue?size=1");
		String resident = TestApi.token(mvc, json, "resident");
		// five messages written in one instant: the order must not depend on the clock alone
		jdbc.sql("""
				insert into inbox_message (user_id, title, body, created_at)
				select u.id, '分页测试 ' || g, '正文', now() from app_user u, generate_series(1, 5) g where u.username = 'resident'""").update();
		long messages = jdbc.sql("select count(*) from inbox_message m join app_user u on u.id = m.user_id where u.username = 'resident'")
			.query(Long.class).single();
		assertThat(assertPagesCoverTheTotal(resident, "/api/v1/inbox?size=2")).isEqualTo(messages);
	}

	/** Walks every page; returns the total after checking each row came exactly once. */
	private long assertPagesCoverTheTotal(String token, String path) throws Exception {
		var first = page(token, path + "&page=0");
		long total = first.get("totalElements").asLong();
		int size = first.get("size").asInt();
		assertThat(total).as(path + " has rows to page through").isGreaterThan(size);
		var seen = new java.util.HashSet<Long>();
		for (int p = 0; p * (long) size < total; p++) {
			var content = page(token, path + "&page=" + p).get("content");
			assertThat(content.size()).isEqualTo((int) Math.min(size, total - (long) p * size));
			content.forEach(row -> assertThat(seen.add(row.get("id").asLong())).as("row on one page only").isTrue());
		}
		assertThat(seen).hasSize((int) total);
		return total;
	}
}
