package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import cn.linli.LinliTest;
import cn.linli.browser.PhoneBrowser;

/**
 * The whole 你呼我应 loop on 375-px pages: the resident reports a broken light with a photo, the
 * staff member accepts and resolves, the resident is not satisfied and it reopens, the staff
 * member resolves again, the resident is satisfied. Screenshots in target/screenshots.
 */
@LinliTest
class AppealLoopBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void residentReportsStaffResolvesResidentRatesDissatisfiedThenSatisfied() throws Exception {
		Path photo = Files.createTempFile("lamp", ".png");
		var image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(new Color(40, 40, 60));
		g.fillRect(0, 0, 320, 240);
		g.setColor(Color.YELLOW);
		g.fillOval(130, 60, 60, 60);
		g.dispose();
		ImageIO.write(image, "png", photo.toFile());

		try (var browser = new PhoneBrowser(port)) {
			var resident = browser.login("resident", LinliTest.PASSWORD);
			resident.navigate(browser.url("/app"));
			resident.click("text=我要反映");
			resident.waitForSelector("#appeal-form");
			String house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
				.query(String.class).single();
			resident.selectOption("select[name=place]", "h:" + house);
			resident.selectOption("select[name=kind]", "REPAIR");
			assertThat(resident.locator("select[name='attr[trapped]']").count()).as("the lift question is asked only for 设施设备/电梯").isZero();
			resident.selectOption("select[name=category]", "FACILITY");
			resident.waitForSelector("select[name='attr[trapped]']");
			resident.selectOption("select[name='attr[trapped]']", "no");
			resident.fill("textarea[name=body]", "我家门口的楼道灯坏了三天，晚上上下楼看不见，老人容易摔倒。");
			resident.setInputFiles("input[name=photos]", photo);
			// what the first screenshot shows: the resident's own flat, a repair of a lamp, nobody trapped, one photo
			assertThat(resident.inputValue("select[name=place]")).isEqualTo("h:" + house);
			assertThat(resident.inputValue("select[name=kind]")).isEqualTo("REPAIR");
			assertThat(resident.inputValue("select[name=category]")).isEqualTo("FACILITY");
			assertThat(resident.inputValue("select[name='attr[trapped]']")).isEqualTo("no");
			assertThat(((Number) resident.evaluate("document.querySelector('input[name=photos]').files.length")).intValue()).isEqualTo(1);
			PhoneBrowser.shot(resident, "appeal-1-resident-fills-in.png");
			resident.click("#appeal-form > button[type=submit]");
			resident.waitForSelector("#created");
			assertThat(resident.textContent("#status")).isEqualTo("待签收");
			assertThat(resident.locator("figure[data-stage=INTAKE] img").count()).isEqualTo(1);
			assertThat(resident.textContent("#attributes")).contains("是否有人被困在电梯内").contains("无人被困");
			fitsThePhone(resident);
			PhoneBrowser.shot(resident, "appeal-2-submitted.png");
			String appealUrl = resident.url().replace("?created", "");
			long id = Long.parseLong(appealUrl.replaceAll(".*/", ""));

			// the number exactly: "#12" must not match "#123"
			var number = Pattern.compile("^#" + id + "$");
			var staff = browser.login("staff", LinliTest.PASSWORD);
			staff.navigate(browser.url("/appeals"));
			assertThat(staff.locator("#appeals td.c-id a", new Page.LocatorOptions().setHasText(number)).count()).isEqualTo(1);
			var row = staff.locator("#appeals tbody tr", new Page.LocatorOptions()
				.setHas(staff.locator("td.c-id a", new Page.LocatorOptions().setHasText(number))));
			assertThat(row.count()).isEqualTo(1);
			assertThat(row.locator(".c-status").textContent()).isEqualTo("待签收");
			assertThat(row.locator(".c-what span").textContent()).isEqualTo("报修 · 设施设备/电梯");
			// on the phone the time left is on screen beside the number, not in a column scrolled out of sight
			var due = row.locator(".c-due");
			var box = due.boundingBox();
			assertThat(due.textContent()).isNotBlank();
			assertThat(box.x + box.width).as("the time left fits the 375-px screen").isLessThanOrEqualTo(375);
			PhoneBrowser.shot(staff, "appeal-3-staff-queue.png");
			staff.navigate(browser.url("/appeals/" + id));
			staff.click("#accept");
			staff.waitForSelector("#start");
			staff.click("#start");
			staff.waitForSelector("#resolve");
			staff.fill("#resolve textarea[name=result]", "已更换楼道灯泡，测试正常。");
			staff.click("#resolve button[type=submit]");
			staff.waitForSelector("#result");
			assertThat(staff.textContent("#status")).isEqualTo("已反馈");
			fitsThePhone(staff);
			PhoneBrowser.shot(staff, "appeal-4-staff-resolved.png");

			resident.navigate(appealUrl);
			resident.waitForSelector("#rate");
			resident.check("#rate input[value=DISSATISFIED]");
			resident.fill("#rate textarea[name=reason]", "换的灯泡当晚又不亮了");
			resident.click("#rate button[type=submit]");
			resident.waitForSelector("#status");
			assertThat(resident.textContent("#status")).isEqualTo("重新办理");
			PhoneBrowser.shot(resident, "appeal-5-dissatisfied-reopened.png");

			staff.navigate(browser.url("/appeals/" + id));
			staff.click("#start");
			staff.waitForSelector("#resolve");
			staff.fill("#resolve textarea[name=result]", "查明是感应开关损坏，已更换开关和灯泡。");
			staff.click("#resolve button[type=submit]");
			staff.waitForSelector("#result");
			assertThat(staff.textContent("#status")).isEqualTo("已反馈");
			assertThat(staff.textContent("#result")).isEqualTo("查明是感应开关损坏，已更换开关和灯泡。");
			PhoneBrowser.shot(staff, "appeal-6-staff-resolved-again.png");

			resident.navigate(appealUrl);
			resident.check("#rate input[value=SATISFIED]");
			resident.click("#rate button[type=submit]");
			resident.waitForSelector("#status");
			assertThat(resident.textContent("#status")).isEqualTo("已办结");
			assertThat(resident.textContent("#timeline")).contains("提交诉求", "签收", "反馈办理结果", "不满意，重新办理", "居民评价");
			fitsThePhone(resident);
			PhoneBrowser.shot(resident, "appeal-7-satisfied-closed.png");

			// what the resident and the public see around it, on the same phone
			resident.navigate(browser.url("/app/appeals"));
			var mine = resident.locator("ul.list li", new Page.LocatorOptions()
				.setHas(resident.locator("a", new Page.LocatorOptions().setHasText(Pattern.compile("^#" + id + " ")))));
			assertThat(mine.count()).isEqualTo(1);
			assertThat(mine.locator("a").textContent()).isEqualTo("#" + id + " 报修 · 设施设备/电梯");
			assertThat(mine.locator(".tag").textContent()).isEqualTo("已办结");
			fitsThePhone(resident);
			PhoneBrowser.shot(resident, "appeal-8-my-appeals.png");
			long compound = Long.parseLong(appealCompound(id));
			resident.navigate(browser.url("/public/compounds/" + compound));
			assertThat(resident.textContent("body")).contains("聚焦物业").doesNotContain("13800138000");
			// the public column lists it by its building, with its state and rating, and never the flat
			var building = jdbc.sql("select b.name from house h join building b on b.id = h.building_id where h.id = :h").param("h", Long.parseLong(house))
				.query(String.class).single();
			var flat = jdbc.sql("select number from house where id = :h").param("h", Long.parseLong(house)).query(String.class).single();
			var shown = resident.locator("#public-appeals li", new Page.LocatorOptions().setHasText("我家门口的楼道灯坏了三天"));
			assertThat(shown.count()).isEqualTo(1);
			assertThat(shown.locator("b").textContent()).isEqualTo("报修 · 设施设备/电梯");
			assertThat(shown.locator(".tag").textContent()).isEqualTo("已办结");
			assertThat(shown.locator("div").textContent()).isEqualTo("我家门口的楼道灯坏了三天，晚上上下楼看不见，老人容易摔倒。");
			assertThat(shown.locator("small").textContent()).startsWith(building + " · ").endsWith(" · 评价 满意");
			assertThat(shown.textContent()).doesNotContain(flat);
			String compoundName = jdbc.sql("select name from compound where id = :id").param("id", compound).query(String.class).single();
			assertThat(resident.textContent("h1")).isEqualTo(compoundName);
			assertThat(resident.title()).isEqualTo(compoundName + " · 聚焦物业·你呼我应");
			fitsThePhone(resident);
			PhoneBrowser.shot(resident, "appeal-9-public-column.png");
		}
	}

	private String appealCompound(long id) {
		return jdbc.sql("select compound_id::text from appeal where id = :id").param("id", id).query(String.class).single();
	}

	private static void fitsThePhone(Page page) {
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
	}
}
