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
import cn.linli.appeal.text.AppealText;

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
	@Autowired
	cn.linli.registry.compound.RegisteringCompounds compounds;
	@Autowired
	cn.linli.registry.house.RegisteringHouses houses;
	@Autowired
	cn.linli.registry.contract.RecordingContracts contracts;
	@Autowired
	cn.linli.identity.UserAdministration users;

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
	void routesToTheCompanyUnderContractAndLinksOnlyTheSameProblem() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "重复诉求测试小区", 120, "9000.00", 1);
		String r = TestApi.token(mvc, json, x.residents().get(0));
		long house = x.houses().get(0);
		long first = raise(r, "REPAIR", "GREENING", "楼前的大树树枝压到了电线，刮风时很危险", house);
		assertThat(repeat(first)).isEqualTo("null/null");
		long company = jdbc.sql("select company_id from service_contract where compound_id = :c").param("c", x.id()).query(Long.class).single();
		assertThat(jdbc.sql("select handler_company_id from appeal where id = :id").param("id", first).query(Long.class).single()).isEqualTo(company);

		// the same tree of the same flat's surroundings, other words, same category → a repeat by place
		long again = raise(r, "REPAIR", "GREENING", "树枝还是没有修剪，电线都压弯了", house);
		assertThat(repeat(again)).isEqualTo(first + "/SAME_PLACE");
		// the same thing under another category → linked by what the texts are about
		long similar = raise(r, "COMPLAINT", "SAFETY", "楼前大树的树枝压着电线，刮风很危险", house);
		assertThat(repeat(similar)).isEqualTo(first + "/SIMILAR_TEXT");

		// same flat, same category, another problem: a ceiling leak is not a broken door lock
		long leak = raise(r, "REPAIR", "FACILITY", "卫生间天花板漏水，一直往下滴", house);
		long lock = raise(r, "REPAIR", "FACILITY", "入户门门锁坏了，钥匙插进去拧不动", house);
		assertThat(repeat(leak)).isEqualTo("null/null");
		assertThat(repeat(lock)).isEqualTo("null/null");
		// praise and suggestions are never repeats, nor the first of a group
		long praise = raise(r, "PRAISE", "GREENING", "感谢物业把楼前大树的树枝修剪了", house);
		long suggestion = raise(r, "SUGGESTION", "GREENING", "建议每年春天修剪一次楼前大树的树枝", house);
		assertThat(repeat(praise)).isEqualTo("null/null");
		assertThat(repeat(suggestion)).isEqualTo("null/null");

		// after 30 days the same problem is a new one
		clock.advance(Duration.ofDays(31));
		long later = raise(r, "REPAIR", "GREENING", "楼前大树的树枝又压到电线了", house);
		assertThat(repeat(later)).isEqualTo("null/null");

		String staff = TestApi.token(mvc, json, "company");
		var detail = api.read(api.detail(staff, first));
		var repeats = new java.util.ArrayList<Long>();
		detail.get("repeats").forEach(n -> repeats.add(n.asLong()));
		assertThat(repeats).as("the repeats are shown on the original").containsExactlyInAnyOrder(again, similar);
		assertThat(api.read(api.detail(staff, again)).get("row").get("repeatOf").asLong()).isEqualTo(first);
	}

	private long raise(String token, String kind, String category, String body, long house) throws Exception {
		var r = api.raise(token, """
				{"kind":"%s","category":"%s","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(kind, category, body, house));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}

	String repeat(long id) {
		return jdbc.sql("select coalesce(repeat_of::text, 'null') || '/' || coalesce(repeat_reason, 'null') from appeal where id = :id").param("id", id)
			.query(String.class).single();
	}

	@Test
	void propertyWordsStayWholeAndThePublicTextHidesNamesAndNumbers() {
		assertThat(text.words("3号楼2单元楼道灯坏了")).contains("楼道灯").doesNotContain("单元楼");
		assertThat(text.words("电梯困人了快来")).contains("电梯困人");
		assertThat(text.subject("2单元楼道灯坏了一个星期，晚上很黑").objects()).containsExactly("灯");
		assertThat(text.subject("5号楼二单元楼道里的灯坏了").units()).containsExactly("2");
		assertThat(text.subject("3号楼4楼楼道灯坏了").floors()).containsExactly("4");
		assertThat(text.subject("按8楼没反应").floors()).as("a lift button, not a floor").isEmpty();
		assertThat(text.subject("电梯卡在5楼下不来，里面还有人").aspects()).containsExactly("电梯.困人");
		assertThat(text.subject("暖气费今年什么时候交").objects()).as("the longest word claims its characters").containsExactly("暖气费");
		assertThat(text.subject("卫生间地漏往上反臭味").objects()).as("卫生间 is a place, not 卫生").containsExactlyInAnyOrder("下水", "~臭味");
		assertThat(text.terms("楼道灯坏了，晚上很黑")).contains("o:灯").contains("w:楼道灯");
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
