package cn.linli.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.Projected;
import cn.linli.analytics.AppealFigures;
import cn.linli.TestApi;
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.PartyOrg;
import cn.linli.registry.company.CompanyDetails;
import cn.linli.registry.company.RegisteringCompanies;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.security.Role;

/**
 * 诉求指标 of a property company (DOMAIN §3) at {@code /appeals/indicators/company/{id}}: a company
 * registered for this test serves two compounds of its own, so every appeal it handles is one the
 * test raised, and each figure is counted by hand from what the test did.
 */
@LinliTest
class CompanyIndicatorTests {

	@Autowired
	Projected projected;
	@Autowired
	MockMvc mvc;
	@Autowired
	JsonMapper json;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	RegisteringCompanies companies;
	@Autowired
	RegisteringCompounds compounds;
	@Autowired
	RegisteringHouses houses;
	@Autowired
	RecordingContracts contracts;
	@Autowired
	UserAdministration users;

	@Test
	void aCompanysIndicatorsCountExactlyTheAppealsItHandlesPerCompoundItServes() throws Exception {
		String first17 = "91371002MA0000K01";
		var company = companies.register(Fixtures.weihai(), new CompanyDetails("指标测试物业服务有限公司",
				CreditCode.of(first17 + CreditCode.checkCharacter(first17)), PartyOrg.JOINT, null, null));
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "企业指标甲小区", 120, "9000.00", 2, company.creditCode());
		var y = FreshCompound.register(jdbc, compounds, houses, contracts, users, "企业指标乙小区", 80, "6000.50", 1, company.creditCode());
		users.create(new NewUser("indicator-company", "指标测试物业", Role.COMPANY_ADMIN, null, company.id(), null, null, null), LinliTest.PASSWORD);
		var api = new AppealApi(mvc, json, jdbc);
		String head = TestApi.token(mvc, json, "indicator-company");
		String x1 = TestApi.token(mvc, json, x.residents().get(0));
		String x2 = TestApi.token(mvc, json, x.residents().get(1));
		String y1 = TestApi.token(mvc, json, y.residents().get(0));

		// A (X): a repair accepted and resolved at once, 满意
		long a = raise(api, x1, "REPAIR", "FACILITY", "单元门禁读卡器失灵，刷卡进不去", x.houses().get(0));
		api.actOk(head, a, "accept", null);
		api.actOk(head, a, "resolve", "{\"result\":\"已更换读卡器\"}");
		api.actOk(x1, a, "rate", "{\"rating\":\"SATISFIED\"}");
		// B (X): a complaint accepted and resolved at once, then 不满意, so it is being handled again
		long b = raise(api, x2, "COMPLAINT", "SANITATION", "楼道垃圾三天没人清理", x.houses().get(1));
		api.actOk(head, b, "accept", null);
		api.actOk(head, b, "resolve", "{\"result\":\"已清理\"}");
		api.actOk(x2, b, "rate", "{\"rating\":\"DISSATISFIED\",\"reason\":\"楼梯间还是很脏\"}");
		// C (Y): a complaint just raised, its accept clock still running
		long c = raise(api, y1, "COMPLAINT", "NEIGHBOUR", "楼上每天夜里拖动家具，吵得睡不着", y.houses().get(0));
		assertThat(jdbc.sql("select count(*) from appeal where id in (:ids) and repeat_of is null and handler_company_id = :co")
			.param("ids", List.of(a, b, c)).param("co", company.id()).query(Long.class).single())
			.as("precondition: the company handles all three and none is a repeat").isEqualTo(3);

		projected.now();
		var page = mvc.perform(get("/appeals/indicators/company/" + company.id()).with(user("indicator-company"))).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		var report = (AppealFigures.Report) page.getModelAndView().getModel().get("report");
		assertThat(report.name()).isEqualTo("指标测试物业服务有限公司");
		assertThat(report.days()).isEqualTo(30);
		// appeals; accept due (A, B accepted; C's clock runs), on time; resolve due (A, B resolved), on time; rated (A, B), satisfied (A),
		// solved (A); valid complaints (B, C); repeats; households and building area of the compounds under contract
		assertThat(report.total()).isEqualTo(new IndicatorCounts(3, 2, 2, 2, 2, 2, 1, 1, 2, 0, 120 + 80, 900_000 + 600_050));
		assertThat(report.childKind()).isEqualTo("COMPOUND");
		assertThat(report.children()).containsExactlyInAnyOrder(
				new AppealFigures.Row(String.valueOf(x.id()), "企业指标甲小区", new IndicatorCounts(2, 2, 2, 2, 2, 2, 1, 1, 1, 0, 120, 900_000)),
				new AppealFigures.Row(String.valueOf(y.id()), "企业指标乙小区", new IndicatorCounts(1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 80, 600_050)));
		// two compounds: the top 10 % is one compound, holding one of the two complaints
		assertThat(report.concentration()).isEqualTo(0.5);

		// the page shows those figures with their counts
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("<h1>指标测试物业服务有限公司 诉求指标</h1>").contains("2 / 2 件按时签收").contains("1 / 2 · 样本不足")
			.contains("2 件投诉 / 200 户").contains("投诉集中度：前 10% 的小区占全部投诉的 50.0%");

		// every table of the page exports to Excel, with the counts the rates rest on
		var xlsx = mvc.perform(get("/appeals/indicators/company/" + company.id() + ".xlsx").with(user("indicator-company"))).andReturn();
		assertThat(xlsx.getResponse().getStatus()).isEqualTo(200);
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
			var sheet = wb.getSheet("小区");
			var byName = new java.util.HashMap<String, org.apache.poi.ss.usermodel.Row>();
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				byName.put(sheet.getRow(i).getCell(1).getStringCellValue(), sheet.getRow(i));
			}
			assertThat(byName.get("企业指标甲小区").getCell(2).getNumericCellValue()).isEqualTo(2);
			assertThat(byName.get("企业指标甲小区").getCell(12).getNumericCellValue()).as("satisfied").isEqualTo(1);
			assertThat(byName.get("企业指标乙小区").getCell(14).getNumericCellValue()).as("valid complaints").isEqualTo(1);
			assertThat(byName.get("指标测试物业服务有限公司（合计）").getCell(2).getNumericCellValue()).isEqualTo(3);
			assertThat(wb.getSheet("满意率排名")).isNotNull();
		}

		// the city sees it too; another company does not know it
		var byCity = mvc.perform(get("/appeals/indicators/company/" + company.id()).with(user("city"))).andReturn();
		assertThat(byCity.getResponse().getStatus()).isEqualTo(200);
		assertThat(((AppealFigures.Report) byCity.getModelAndView().getModel().get("report")).total()).isEqualTo(report.total());
		assertThat(mvc.perform(get("/appeals/indicators/company/" + company.id()).with(user("company"))).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	private static long raise(AppealApi api, String token, String kind, String category, String body, long house) throws Exception {
		var r = api.raise(token, """
				{"kind":"%s","category":"%s","urgency":"NORMAL","body":"%s","houseId":%d}""".formatted(kind, category, body, house));
		assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
		return api.read(r).get("id").asLong();
	}
}
