package cn.linli.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.Projected;
import cn.linli.TestApi;
import cn.linli.analytics.bulletin.Bulletins;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.time.TimeConfiguration;

/**
 * 月度通报 of the city for last month (the demo's history): ranked by the weighted Wilson lower
 * bounds, the bottom units named with their reason; the PDF opens with its Chinese text and its
 * fonts embedded, the Excel holds the same ranking; the city sets the weights through the form.
 */
@LinliTest
class BulletinTests {

	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	Bulletins bulletins;
	@Autowired
	Projected projected;
	@Autowired
	MutableClock clock;

	final Actor city = new Actor(0, "city", "市住建局", Scope.region(Role.CITY, "3710"));

	@Test
	void theCitysBulletinRanksFairlyAndItsPdfAndExcelHoldTheRanking() throws Exception {
		projected.now();
		var month = YearMonth.from(TimeConfiguration.today(clock)).minusMonths(1);
		var b = bulletins.of(city, "3710", month);
		var areas = b.tables().get(0);
		assertThat(areas.ranked()).as("the demo's areas have enough rated appeals").isNotEmpty();
		for (int i = 1; i < areas.ranked().size(); i++) {
			assertThat(areas.ranked().get(i).score()).isLessThanOrEqualTo(areas.ranked().get(i - 1).score());
		}
		areas.ranked().forEach(l -> assertThat(l.counts().rated()).isGreaterThanOrEqualTo(30));
		areas.tooFew().forEach(l -> assertThat(l.counts().rated()).isLessThan(30));
		assertThat(areas.bottom()).isNotEmpty();
		assertThat(areas.bottom().get(0)).isEqualTo(areas.ranked().get(areas.ranked().size() - 1));
		assertThat(areas.bottom().get(0).reason()).matches("(响应率|解决率|满意率) \\d+\\.\\d%（本级 \\d+\\.\\d%）");
		assertThat(b.comparisons()).extracting(Bulletins.Comparison::label).containsExactly("本月", "上月", "去年同月");
		String first = areas.ranked().get(0).name();

		String token = TestApi.token(mvc, json, "city");
		var pdf = mvc.perform(get("/api/v1/analytics/bulletins/3710/" + month + ".pdf").header("Authorization", "Bearer " + token)).andReturn();
		assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
		assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
		// kept for a person to look at
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "bulletin-3710.pdf"), pdf.getResponse().getContentAsByteArray());
		try (var doc = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("威海市").contains("月度通报").contains("通报末位").contains(first);
			for (var page : doc.getPages()) {
				for (var name : page.getResources().getFontNames()) {
					var font = page.getResources().getFont(name);
					assertThat(font.isEmbedded()).as("font " + font.getName() + " embedded").isTrue();
				}
			}
		}
		var xlsx = mvc.perform(get("/api/v1/analytics/bulletins/3710/" + month + ".xlsx").header("Authorization", "Bearer " + token)).andReturn();
		assertThat(xlsx.getResponse().getStatus()).isEqualTo(200);
		try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
			var sheet = wb.getSheet("下级区划");
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("名称");
			assertThat(sheet.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1);
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(first);
			assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(areas.ranked().get(0).score().doubleValue());
			assertThat(wb.getSheet("物业企业")).isNotNull();
			assertThat(wb.getSheet("概况").getRow(1).getCell(2).getNumericCellValue()).isEqualTo(b.total().appeals());
		}
		// a month not yet begun, a wrong month, another city
		assertThat(mvc.perform(get("/api/v1/analytics/bulletins/3710/" + month.plusMonths(2)).header("Authorization", "Bearer " + token)).andReturn()
			.getResponse().getStatus()).isEqualTo(400);
		assertThat(mvc.perform(get("/api/v1/analytics/bulletins/3710/2026-13").header("Authorization", "Bearer " + token)).andReturn()
			.getResponse().getContentAsString()).contains("月份格式应为 yyyy-MM");
		assertThat(mvc.perform(get("/api/v1/analytics/bulletins/3702/" + month).header("Authorization", "Bearer " + token)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void theCitySetsTheWeightsAndOnlyTheCity() throws Exception {
		var month = YearMonth.from(TimeConfiguration.today(clock)).minusMonths(1);
		var r = mvc.perform(post("/analytics/bulletins/weights").with(user("city")).with(csrf()).param("code", "3710").param("month", month.toString())
			.param("response", "20").param("resolution", "20").param("satisfaction", "60")).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(302);
		assertThat(bulletins.weights("3710")).isEqualTo(new Bulletins.Weights(20, 20, 60));
		assertThat(bulletins.weights("371002001")).as("the city's weights apply inside it").isEqualTo(new Bulletins.Weights(20, 20, 60));
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'analytics.bulletin-weights-set' and subject_id = '3710'").query(Long.class)
			.single()).isPositive();
		var street = mvc.perform(post("/analytics/bulletins/weights").with(user("street")).with(csrf()).param("code", "371002001")
			.param("month", month.toString()).param("response", "100").param("resolution", "0").param("satisfaction", "0")).andReturn();
		assertThat(street.getResponse().getStatus()).as("a street has no such form; a forged post is refused").isEqualTo(403);
		assertThat(bulletins.weights("3710")).isEqualTo(new Bulletins.Weights(20, 20, 60));
		var bad = mvc.perform(post("/analytics/bulletins/weights").with(user("city")).with(csrf()).param("code", "3710").param("month", month.toString())
			.param("response", "0").param("resolution", "0").param("satisfaction", "0")).andReturn();
		assertThat(bad.getFlashMap().get("error").toString()).contains("不能都为 0");
		// back to the default for the other tests
		jdbc.sql("delete from analytics_bulletin_weights where region_code = '3710'").update();
	}
}
