package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import cn.linli.LinliTest;
import cn.linli.browser.PhoneBrowser;

/**
 * A person who follows a broken link or a mistyped address gets a Chinese page with the layout
 * and a way home, with the right status; and the upload forms, whose CSRF token now travels in
 * their address, still work on the phone.
 */
@LinliTest
class ErrorPageBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	void assertErrorPage(Page page, String path, int status, String heading, String message, String shot) {
		var response = page.navigate("http://localhost:" + port + path);
		assertThat(response.status()).as(path).isEqualTo(status);
		assertThat(page.locator("h1").textContent()).isEqualTo(heading);
		assertThat(page.locator("p.error").textContent()).contains(message);
		assertThat(page.locator("a.button", new Page.LocatorOptions().setHasText("回到首页")).isVisible()).isTrue();
		assertThat(page.locator("header.topbar").isVisible()).as("the layout").isTrue();
		assertThat(page.content()).doesNotContain("Exception").doesNotContain("Whitelabel").doesNotContain("\"status\"");
		PhoneBrowser.shot(page, shot);
	}

	@Test
	void brokenAddressesGetAChinesePageWithAWayHome() throws Exception {
		try (var browser = new PhoneBrowser(port)) {
			var city = browser.login("city", LinliTest.PASSWORD);
			assertErrorPage(city, "/nonexistent", 404, "未找到", "请求的页面或资源不存在", "error-1-not-found.png");
			assertErrorPage(city, "/app/appeals/abc", 400, "请求有误", "参数 id 的格式不正确", "error-2-bad-id.png");
			assertErrorPage(city, "/appeals/all?status=FOO", 400, "请求有误", "状态不正确，可选：待签收（SUBMITTED）、已签收（ACCEPTED）", "error-3-bad-status.png");
			assertErrorPage(city, "/compounds?q=%E2%80%AE", 400, "请求有误", "字段 q 含有不允许的字符", "error-4-bidi-query.png");
			assertErrorPage(city, "/admin/users", 403, "无权访问", "您无权访问该页面或执行该操作", "error-5-forbidden.png");
			assertThat(city.locator("nav.nav").isVisible()).as("still signed in: the navigation is there").isTrue();
			var home = city.locator("a.button", new Page.LocatorOptions().setHasText("回到首页"));
			home.click();
			city.waitForLoadState();
			assertThat(city.locator("section.error-page").count()).as("back home").isZero();

			var anonymous = browser.phone();
			assertErrorPage(anonymous, "/public/compounds/abc", 400, "请求有误", "参数 id 的格式不正确", "error-6-anonymous.png");
			assertThat(anonymous.locator("a.button", new Page.LocatorOptions().setHasText("登录")).isVisible()).isTrue();
		}
	}

	@Test
	void uploadFormsStillWorkWithTheirTokenInTheAddress() throws Exception {
		// a compound without houses, so that the import touches nothing another test counts
		long compound = jdbc.sql("""
				select c.id from compound c where c.community_code like '371002%'
				  and not exists (select 1 from building b where b.compound_id = c.id) order by c.id limit 1""").query(Long.class).single();
		Path compounds = Files.createTempFile("compounds", ".csv");
		Files.writeString(compounds, "name,address,communityCode,latitude,longitude,households,buildingArea,yearBuilt,oldCompound,serviceMode\n"
				+ "=HYPERLINK(\"x\"),路,999999999999,1,1,1,1,2000,false,NONE\n", StandardCharsets.UTF_8);
		try (var browser = new PhoneBrowser(port)) {
			var city = browser.login("city", LinliTest.PASSWORD);
			city.navigate(browser.url("/compounds/" + compound));
			city.locator("summary", new Page.LocatorOptions().setHasText("导入房屋")).click();
			city.locator("summary", new Page.LocatorOptions().setHasText("房屋各列")).click();
			PhoneBrowser.shot(city, "upload-0-house-import-help.png");
			// as a person does it: download the template, fill in a row in Chinese, upload it
			var download = city.waitForDownload(() -> city.locator("a", new Page.LocatorOptions().setHasText("下载房屋模板")).click());
			assertThat(download.suggestedFilename()).isEqualTo("房屋导入模板.csv");
			Path houses = Files.createTempFile("houses", ".csv");
			download.saveAs(houses);
			String template = Files.readString(houses, StandardCharsets.UTF_8);
			assertThat(template).startsWith("\uFEFF楼栋,单元,房号,专有部分面积（㎡）");
			Files.writeString(houses, template + "1号楼,1,101,89.50,不动产登记,住宅,否,\n", StandardCharsets.UTF_8);
			city.setInputFiles("form[action*='/houses/import'] input[name=file]", houses);
			city.locator("form[action*='/houses/import'] button[type=submit]").click();
			city.waitForLoadState();
			assertThat(city.locator(".notice").textContent()).contains("导入完成：新增 1");
			PhoneBrowser.shot(city, "upload-1-houses-imported.png");
			assertThat(jdbc.sql("select count(*) from house h join building b on b.id = h.building_id where b.compound_id = ?").param(compound)
				.query(Long.class).single()).isOne();

			city.navigate(browser.url("/compounds/import"));
			city.setInputFiles("form[action*='/compounds/import'] input[name=file]", compounds);
			city.locator("form[action*='/compounds/import'] button[type=submit]").click();
			city.waitForLoadState();
			assertThat(city.locator("[role=alert]").textContent()).contains("文件有误，未导入任何数据");
			PhoneBrowser.shot(city, "upload-2-compound-import-refused.png");
		}
	}
}
