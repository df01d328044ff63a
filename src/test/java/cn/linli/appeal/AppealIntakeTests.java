package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestApi;

/** Intake: photos checked by their bytes, size and name; all-or-nothing; routing; repeats linked; the public column anonymous. */
@LinliTest
class AppealIntakeTests {

	static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1 };

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	MutableClock clock;
	@Autowired
	AppealText text;

	AppealApi api;
	String resident;

	@BeforeEach
	void setUp() throws Exception {
		api = new AppealApi(mvc, json, jdbc);
		resident = TestApi.token(mvc, json, "resident");
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	MvcResult upload(MockMultipartFile... files) throws Exception {
		var request = multipart("/api/v1/appeals").param("kind", "REPAIR").param("category", "FACILITY").param("body", "单元门门禁坏了")
			.param("place", "h:" + api.residentHouse()).header("Authorization", "Bearer " + resident);
		for (var f : files) {
			request.file(f);
		}
		return mvc.perform(request).andReturn();
	}

	long appeals() {
		return jdbc.sql("select count(*) from appeal").query(Long.class).single();
	}

	@Test
	void photosAreCheckedByTheirBytesSizeAndNameAndNothingIsWrittenWhenOneIsBad() throws Exception {
		long before = appeals();
		var goodJpeg = new MockMultipartFile("photos", "door.jpg", "image/jpeg", JPEG);

		long filesBefore = storedFiles();
		var textAsJpeg = upload(goodJpeg, new MockMultipartFile("photos", "virus.jpg", "image/jpeg", "MZ this is not a picture".getBytes()));
		assertThat(textAsJpeg.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(textAsJpeg).get("detail").asString()).contains("文件类型");
		assertThat(storedFiles()).as("the good photo stored before the bad one was refused is removed with the rollback").isEqualTo(filesBefore);

		byte[] big = Arrays.copyOf(JPEG, 5 * 1024 * 1024 + 1);
		var tooLarge = upload(new MockMultipartFile("photos", "big.jpg", "image/jpeg", big));
		assertThat(tooLarge.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(tooLarge).get("detail").asString()).contains("5 MB");

		var badName = upload(new MockMultipartFile("photos", "../../etc/passwd.jpg", "image/jpeg", JPEG));
		assertThat(badName.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.read(badName).get("detail").asString()).contains("文件名");

		// more than six full photos can hold is refused from the declared length, before anything is spooled
		var oversized = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/appeals")
			.header("Authorization", "Bearer " + resident).contentType("multipart/form-data; boundary=x")
			.content(new byte[32 * 1024 * 1024 + 1])).andReturn();
		assertThat(oversized.getResponse().getStatus()).isEqualTo(413);
		assertThat(api.read(oversized).get("detail").asString()).contains("5 MB");
		var oversizedPage = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/app/appeals")
			.with(user("resident")).with(csrf()).contentType("multipart/form-data; boundary=x")
			.content(new byte[32 * 1024 * 1024 + 1])).andReturn();
		assertThat(oversizedPage.getResponse().getStatus()).isEqualTo(413);

		var seven = new MockMultipartFile[7];
		Arrays.fill(seven, goodJpeg);
		assertThat(upload(seven).getResponse().getStatus()).isEqualTo(400);

		assertThat(appeals()).as("a refused upload leaves no appeal behind").isEqualTo(before);

		// a PNG named .jpg is a PNG: the bytes decide; the stored name is the store's own
		var png = new MockMultipartFile("photos", "photo.jpg", "image/jpeg", AppealScopeTests.PNG);
		var ok = upload(goodJpeg, png);
		assertThat(ok.getResponse().getStatus()).isEqualTo(201);
		long id = api.read(ok).get("id").asLong();
		var keys = jdbc.sql("select storage_key from appeal_photo where appeal_id = :id order by seq").param("id", id).query(String.class).list();
		assertThat(keys).hasSize(2);
		assertThat(keys.get(0)).matches("\\d{4}/\\d{2}/[0-9a-f-]{36}\\.jpg");
		assertThat(keys.get(1)).endsWith(".png");
		assertThat(Files.exists(Path.of("target/test-uploads").resolve(keys.get(1)))).isTrue();
		var photo = mvc.perform(get("/api/v1/appeals/" + id + "/photos/2").header("Authorization", "Bearer " + resident)).andReturn();
		assertThat(photo.getResponse().getContentType()).isEqualTo("image/png");
	}

	static long storedFiles() throws java.io.IOException {
		var root = Path.of("target/test-uploads");
		if (!Files.exists(root)) {
			return 0;
		}
		try (var files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	@Test
	void thePageShowsTheErrorBesideTheFormInChinese() throws Exception {
		var r = mvc.perform(multipart("/app/appeals").param("kind", "REPAIR").param("category", "FACILITY").param("body", "")
			.param("place", "h:" + api.residentHouse()).with(user("resident")).with(csrf())).andReturn();
		// the page re-renders the form, keeping what was typed, with the message
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		assertThat(r.getResponse().getContentAsString()).contains("请描述您的诉求").contains("form-error");
	}

	@Test
	void routesToTheCompanyUnderContractAndLinksRepeats() throws Exception {
		long first = api.raiseRepair(resident, "GREENING", "楼前的大树树枝压到了电线，刮风时很危险");
		assertThat(jdbc.sql("select handler_company_id = (select company_id from service_contract sc where sc.compound_id = a.compound_id "
				+ "and current_date between sc.starts_on and sc.ends_on) from appeal a where id = :id").param("id", first).query(Boolean.class).single())
			.isTrue();

		// same house, same category within 30 days → a repeat of the first
		// demo history may already hold an earlier one; a group always points at its first appeal
		long root = jdbc.sql("select coalesce(repeat_of, id) from appeal where id = :id").param("id", first).query(Long.class).single();
		long again = api.raiseRepair(resident, "GREENING", "树枝还是没有修剪");
		assertThat(repeat(again)).isEqualTo(root + "/SAME_PLACE");

		// different category but the same thing in other words → linked by text similarity
		long similar = api.raiseRepair(resident, "SAFETY", "楼前大树的树枝压着电线，刮风很危险");
		assertThat(repeat(similar)).isEqualTo(root + "/SIMILAR_TEXT");

		// something else entirely, in a category this house has not used lately → not a repeat
		String unused = jdbc.sql("""
				select code from appeal_category c where not exists (select 1 from appeal a where a.house_id = :h and a.category = c.code
				  and a.created_at > now() - interval '30 days') order by sort limit 1""").param("h", api.residentHouse()).query(String.class).single();
		long other = api.raiseRepair(resident, unused, "快递柜被人撬开，包裹丢了");
		assertThat(repeat(other)).isEqualTo("null/null");

		// after 30 days the same place no longer counts
		clock.advance(Duration.ofDays(31));
		long later = api.raiseRepair(resident, "GREENING", "大树又长高了");
		assertThat(repeat(later)).as(() -> jdbc.sql("select string_agg(id || ' ' || category || ' ' || created_at || ' ' || coalesce(house_id::text, '-') || ' ' || body, ' | ') from appeal where id in (select repeat_of from appeal where id = :id) or id = :id")
			.param("id", later).query(String.class).single() + " first=" + first + " now=" + clock.instant()).isEqualTo("null/null");

		String staff = TestApi.token(mvc, json, "staff");
		var detail = api.read(api.detail(staff, root));
		var repeats = new java.util.ArrayList<Long>();
		detail.get("repeats").forEach(n -> repeats.add(n.asLong()));
		assertThat(repeats).as("the repeats are shown on the original").contains(again, similar);
		assertThat(api.read(api.detail(staff, again)).get("row").get("repeatOf").asLong()).isEqualTo(root);
	}

	String repeat(long id) {
		return jdbc.sql("select coalesce(repeat_of::text, 'null') || '/' || coalesce(repeat_reason, 'null') from appeal where id = :id").param("id", id)
			.query(String.class).single();
	}

	@Test
	void propertyWordsStayWholeAndThePublicTextHidesNamesAndNumbers() {
		assertThat(text.words("3号楼2单元楼道灯坏了")).contains("楼道灯").doesNotContain("单元楼");
		assertThat(text.words("电梯困人了快来")).contains("电梯困人");
		assertThat(text.terms("楼道灯坏了，晚上很黑")).contains("楼道灯");
		double same = AppealText.similarity(text.terms("2单元楼道灯坏了一个星期，晚上很黑"), text.terms("楼道灯坏了好几天，晚上黑"));
		double different = AppealText.similarity(text.terms("2单元楼道灯坏了一个星期"), text.terms("小区东门消防通道被私家车堵住了"));
		assertThat(same).isGreaterThanOrEqualTo(AppealText.REPEAT_THRESHOLD);
		assertThat(different).isLessThan(AppealText.REPEAT_THRESHOLD);
		String shown = text.forPublic("我是3号楼2单元301室的刘芳，电话13800138000，楼道灯坏了");
		assertThat(shown).doesNotContain("301").doesNotContain("13800138000").doesNotContain("刘芳").contains("3号楼").contains("楼道灯");
		assertThat(text.forPublic("电话１３８１２３４５６７８，住三〇一室，２单元")).doesNotContain("１３８").doesNotContain("三〇一").doesNotContain("２单元");
		// the ways residents write a door that the unit/room words do not catch, and the people they name
		assertThat(text.forPublic("8栋12号住户半夜装修")).contains("8栋").doesNotContain("12号");
		assertThat(text.forPublic("12号楼3-2-12漏水到楼下")).contains("12号楼").doesNotContain("3-2-12").doesNotContain("2-12");
		assertThat(text.forPublic("4号楼1单元十二楼东户一直占用楼道")).contains("4号楼").doesNotContain("十二楼东户").doesNotContain("1单元");
		assertThat(text.forPublic("赵经理说找李阿姨，物业的王师傅没来")).doesNotContain("赵经理").doesNotContain("李阿姨").doesNotContain("王师傅")
			.contains("物业的");
		assertThat(text.forPublic("欧阳娜娜家的狗天天叫")).doesNotContain("欧阳娜娜");
		assertThat(text.forPublic("有事加我微信 zhang_san88 或 QQ：12345")).doesNotContain("zhang_san88").doesNotContain("12345");
		// gates, directions, buildings, days, hours and jobs are not people or doors
		for (String plain : List.of("小区西门垃圾桶满了，东方向的路灯不亮，3号楼门口", "物业公司马上派人", "早上官方客服不接电话", "家长孙子都在家",
				"门卫大爷不让进", "保安队长态度差", "物管经理没回复", "宿管阿姨", "收费大姐说要涨价", "12月3号停水", "上个月15号报修的",
				"1号电梯又坏了", "小区3号门锁坏了", "地铁2号线旁边", "每天8-10点施工", "楼上两户都在装修", "1楼东侧垃圾桶满了")) {
			assertThat(text.forPublic(plain)).as(plain).isEqualTo(plain);
		}
	}

	@Test
	void thePublicColumnShowsTheCompoundsAppealsAndRatesWithoutPersonalData() throws Exception {
		var created = api.raise(resident, """
				{"kind":"COMPLAINT","category":"SERVICE","body":"我是刘芳，住3单元502，电话13800138000，保洁一周没来了","houseId":%d}"""
			.formatted(api.residentHouse()));
		long id = api.read(created).get("id").asLong();
		var page = mvc.perform(get("/public/compounds/" + api.showcaseCompound())).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		String html = page.getResponse().getContentAsString();
		String houseLabel = jdbc.sql("select h.number from house h where h.id = :h").param("h", api.residentHouse()).query(String.class).single();
		assertThat(html).contains("保洁一周没来了").contains("响应率").contains("近 30 天").contains("近 90 天")
			.doesNotContain("13800138000").doesNotContain("刘芳").doesNotContain("502").doesNotContain("演示业主")
			.doesNotContain("-" + houseLabel);
		String community = jdbc.sql("select community_code from appeal where id = :id").param("id", id).query(String.class).single();
		var communityPage = mvc.perform(get("/public/communities/" + community)).andReturn();
		assertThat(communityPage.getResponse().getStatus()).isEqualTo(200);
		assertThat(communityPage.getResponse().getContentAsString()).contains("各小区三率").doesNotContain("13800138000");
		assertThat(mvc.perform(get("/public/communities/abc")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}
}
