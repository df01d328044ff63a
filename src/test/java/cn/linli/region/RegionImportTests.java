package cn.linli.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.linli.LinliTest;
import cn.linli.shared.domain.RegionLevel;
import cn.linli.region.importing.RegionFileSet;
import cn.linli.region.importing.RegionImportJobs;
import cn.linli.region.importing.RegionImportRejected;
import cn.linli.region.importing.RegionImporter;

@LinliTest
class RegionImportTests {

	@Autowired
	RegionImporter importer;

	@Autowired
	RegionApi regions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@TempDir
	Path dir;

	@Test
	void shipsTheWholeOfShandong() {
		assertThat(regions.countAtLevel(RegionLevel.PROVINCE, "37")).isEqualTo(1);
		assertThat(regions.countAtLevel(RegionLevel.CITY, "37")).isEqualTo(16);
		assertThat(regions.countAtLevel(RegionLevel.AREA, "37")).isEqualTo(151);
		assertThat(regions.countAtLevel(RegionLevel.STREET, "37")).isEqualTo(1_853);
		assertThat(regions.countAtLevel(RegionLevel.COMMUNITY, "37")).isEqualTo(62_074);
	}

	@Test
	void weihaiHasItsSevenAreas73StreetsAnd2768Villages() {
		assertThat(regions.get("3710").name()).isEqualTo("威海市");
		assertThat(regions.countAtLevel(RegionLevel.AREA, "3710")).isEqualTo(7);
		assertThat(regions.countAtLevel(RegionLevel.STREET, "3710")).isEqualTo(73);
		assertThat(regions.countAtLevel(RegionLevel.COMMUNITY, "3710")).isEqualTo(2_768);
		assertThat(regions.chain("371002001").stream().map(Region::name)).containsExactly("山东省", "威海市", "环翠区", "环翠楼街道");
	}

	@Test
	void reimportingTheSameFilesChangesNothing() {
		long before = count();
		var report = importer.importFiles(RegionFileSet.ofClasspath("regions/shandong"), RegionImporter.Progress.NONE);
		assertThat(report.inserted()).isZero();
		assertThat(report.updated()).isZero();
		assertThat(report.unchanged()).isEqualTo(64_095);
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aChangedNameUpdatesOnlyThatRegion() throws IOException {
		write("provinces.csv", "code,name\n37,\"山东省\"\n");
		write("cities.csv", "code,name,provinceCode\n3710,\"威海市（测试改名）\",37\n");
		try {
			var report = importer.importFiles(RegionFileSet.ofDirectory(dir), RegionImporter.Progress.NONE);
			assertThat(report.updated()).isEqualTo(1);
			assertThat(report.unchanged()).isEqualTo(1);
			assertThat(regions.get("3710").name()).isEqualTo("威海市（测试改名）");
		}
		finally {
			write("cities.csv", "code,name,provinceCode\n3710,\"威海市\",37\n");
			importer.importFiles(RegionFileSet.ofDirectory(dir), RegionImporter.Progress.NONE);
		}
		assertThat(regions.get("3710").name()).isEqualTo("威海市");
	}

	@Test
	void rejectsAWrongHeaderAndWritesNothing() throws IOException {
		write("provinces.csv", "code,name\n99,\"测试省\"\n");
		write("cities.csv", "code,title,provinceCode\n9901,\"测试市\",99\n");
		assertRejected("cities.csv", 1, "表头错误");
	}

	@Test
	void rejectsACodeWhoseParentIsMissing() throws IOException {
		write("provinces.csv", "code,name\n99,\"测试省\"\n");
		write("cities.csv", "code,name,provinceCode\n9901,\"测试市\",99\n");
		write("areas.csv", "code,name,cityCode,provinceCode\n990101,\"测试区\",9901,99\n990201,\"孤儿区\",9902,99\n");
		assertRejected("areas.csv", 3, "上级区划「9902」不存在");
	}

	@Test
	void rejectsADuplicateCodeWithADifferentParent() throws IOException {
		write("provinces.csv", "code,name\n99,\"测试省\"\n98,\"另一省\"\n");
		write("cities.csv", "code,name,provinceCode\n9901,\"测试市\",99\n9801,\"另一市\",98\n");
		write("areas.csv", "code,name,cityCode,provinceCode\n990101,\"测试区\",9901,99\n");
		write("streets.csv", "code,name,areaCode,provinceCode,cityCode\n990101001,\"甲街道\",990101,99,9901\n990101002,\"乙街道\",990101,99,9901\n");
		write("villages.csv", "code,name,streetCode,provinceCode,cityCode,areaCode\n"
				+ "990101001001,\"一社区\",990101001,99,9901,990101\n990101001001,\"一社区\",990101002,99,9901,990101\n");
		assertRejected("villages.csv", 3, "重复且上级不同");
	}

	@Test
	void rejectsAMalformedCode() throws IOException {
		write("provinces.csv", "code,name\n99,\"测试省\"\n");
		write("cities.csv", "code,name,provinceCode\n9901,\"测试市\",99\n99A2,\"坏码市\",99\n");
		assertRejected("cities.csv", 3, "代码格式错误");
	}

	@Test
	void rejectsACodeOfTheWrongLength() throws IOException {
		write("provinces.csv", "code,name\n99,\"测试省\"\n");
		write("cities.csv", "code,name,provinceCode\n9901,\"测试市\",99\n99011,\"五位市\",99\n");
		assertRejected("cities.csv", 3, "应为 4 位数字");
	}

	@Test
	void rejectsACodeThatDoesNotStartWithItsParent() throws IOException {
		write("provinces.csv", "code,name\n99,\"测试省\"\n");
		write("cities.csv", "code,name,provinceCode\n9901,\"测试市\",99\n3799,\"错挂市\",99\n");
		assertRejected("cities.csv", 3, "不符");
	}

	@Test
	void theAdminUploadsAFileSetAndFollowsItsProgress() throws Exception {
		var provinces = new MockMultipartFile("files", "provinces.csv", "text/csv", "code,name\n98,\"上传省\"\n".getBytes(StandardCharsets.UTF_8));
		var badCities = new MockMultipartFile("files", "cities.csv", "text/csv", "code,name,provinceCode\n9801,\"上传市\",97\n".getBytes(StandardCharsets.UTF_8));
		var result = mvc.perform(multipart("/admin/regions/import").file(provinces).file(badCities).with(csrf()).with(user("admin").roles("ADMIN")))
			.andReturn();
		var job = (RegionImportJobs.Job) result.getModelAndView().getModel().get("job");
		// the import runs in the background; the job says when it is over
		await().atMost(Duration.ofSeconds(30)).until(job::done);
		assertThat(job.errors()).singleElement().satisfies(e -> {
			assertThat(e.file()).isEqualTo("cities.csv");
			assertThat(e.line()).isEqualTo(2);
		});
		assertThat(regions.find("98")).isEmpty();
		var progress = mvc.perform(get("/admin/regions/import/" + job.id()).with(user("admin").roles("ADMIN"))).andReturn().getResponse();
		assertThat(progress.getContentAsString()).contains("未写入任何数据", "cities.csv 第 2 行");

		var good = new MockMultipartFile("files", "cities.csv", "text/csv", "code,name,provinceCode\n9801,\"上传市\",98\n".getBytes(StandardCharsets.UTF_8));
		var ok = (RegionImportJobs.Job) mvc.perform(multipart("/admin/regions/import").file(provinces).file(good).with(csrf())
			.with(user("admin").roles("ADMIN"))).andReturn().getModelAndView().getModel().get("job");
		await().atMost(Duration.ofSeconds(30)).until(ok::done);
		assertThat(ok.errors()).isEmpty();
		assertThat(ok.report().inserted()).isEqualTo(2);
		assertThat(regions.chain("9801")).extracting(Region::name).containsExactly("上传省", "上传市");

		assertThat(mvc.perform(multipart("/admin/regions/import").file(provinces).with(csrf()).with(user("city").roles("CITY")))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	private void assertRejected(String file, long line, String message) {
		long before = count();
		long importsBefore = jdbc.sql("select count(*) from region_import").query(Long.class).single();
		assertThatThrownBy(() -> importer.importFiles(RegionFileSet.ofDirectory(dir), RegionImporter.Progress.NONE))
			// each fixture has exactly one bad line, so exactly one error
			.isInstanceOfSatisfying(RegionImportRejected.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
				assertThat(err.file()).isEqualTo(file);
				assertThat(err.line()).isEqualTo(line);
				assertThat(err.message()).contains(message);
			}));
		assertThat(count()).as("nothing written").isEqualTo(before);
		assertThat(regions.find("99")).isEmpty();
		assertThat(jdbc.sql("select count(*) from region_import").query(Long.class).single()).isEqualTo(importsBefore);
	}

	private long count() {
		return jdbc.sql("select count(*) from region").query(Long.class).single();
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
	}
}
