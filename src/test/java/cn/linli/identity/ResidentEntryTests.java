package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.linli.LinliTest;

/** Residents come and go through the phone sign-in, staff through the login page. */
@LinliTest
class ResidentEntryTests {

	@Autowired
	MockMvc mvc;

	@Test
	void withoutASessionResidentPagesLeadToThePhoneSignInAndOthersToTheLogin() throws Exception {
		for (String path : new String[] { "/app", "/app/bind", "/app/appeals", "/app/appeals/new" }) {
			assertThat(mvc.perform(get(path)).andReturn().getResponse().getRedirectedUrl()).as(path).isEqualTo("/app/signup");
		}
		for (String path : new String[] { "/home", "/compounds", "/admin/users", "/application" }) {
			assertThat(mvc.perform(get(path)).andReturn().getResponse().getRedirectedUrl()).as(path).isEqualTo("/login");
		}
	}

	@Test
	void anHtmxRequestWithoutASessionIsToldToLoadTheSignInWhole() throws Exception {
		var resident = mvc.perform(get("/app/appeals").header("HX-Request", "true")).andReturn().getResponse();
		assertThat(resident.getStatus()).isEqualTo(401);
		assertThat(resident.getHeader("HX-Redirect")).isEqualTo("/app/signup");
		var staff = mvc.perform(get("/appeals").header("HX-Request", "true")).andReturn().getResponse();
		assertThat(staff.getHeader("HX-Redirect")).isEqualTo("/login");
	}

	@Test
	void aResidentWhoSignsOutIsBackAtThePhoneSignInAndStaffAtTheLogin() throws Exception {
		assertThat(mvc.perform(post("/logout").with(csrf()).with(user("resident").roles("RESIDENT"))).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/app/signup?logout");
		assertThat(mvc.perform(post("/logout").with(csrf()).with(user("street").roles("STREET"))).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login?logout");
		assertThat(mvc.perform(post("/logout").with(csrf()).header("Referer", "http://localhost/app/appeals/12")).andReturn().getResponse().getRedirectedUrl())
			.as("a session that had already run out: the page it was on tells").isEqualTo("/app/signup?logout");
		assertThat(mvc.perform(post("/logout").with(csrf()).header("Referer", "http://localhost/compounds")).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login?logout");
	}

	@Test
	void theSignInPageSaysTheResidentSignedOut() throws Exception {
		assertThat(mvc.perform(get("/app/signup").param("logout", "")).andReturn().getResponse().getContentAsString())
			.contains("<p class=\"notice\">您已退出</p>");
	}
}
