package cn.linli.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.TestApi;
import cn.linli.appeal.FreshCompound;
import cn.linli.fund.ledger.FundReconciliation;
import cn.linli.fund.ledger.KeepingTheFund;
import cn.linli.identity.NewUser;
import cn.linli.identity.UserAdministration;
import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.contract.RecordingContracts;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * A compound's fund from its opening: first deposits at the city's rate (the developer's unit
 * charged to it), a year's interest by balance, the books reconciled after each step and when
 * tampered with, entries that cannot be changed, and who sees which ledger.
 */
@LinliTest
class FundLedgerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteringCompounds compounds;

	@Autowired
	RegisteringHouses houses;

	@Autowired
	RecordingContracts contracts;

	@Autowired
	UserAdministration users;

	@Autowired
	FundReconciliation reconciliation;

	@Autowired
	KeepingTheFund fund;

	MockHttpServletResponse call(String token, String method, String path, String body) throws Exception {
		var request = method.equals("GET") ? get(path) : post(path).contentType(MediaType.APPLICATION_JSON).content(body == null ? "{}" : body);
		return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
	}

	JsonNode ok(MockHttpServletResponse r) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isBetween(200, 201);
		return json.readTree(r.getContentAsString());
	}

	@Test
	void depositsInterestAndTheBooksAddUpToTheFen() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "资金测试小区" + System.nanoTime() % 100000, 60, "5000.00", 3);
		String city = TestApi.token(mvc, json, "city");
		String base = "/api/v1/fund/compounds/" + x.id();

		var opened = ok(call(city, "POST", base + "/account", null));
		assertThat(opened.get("houses").asInt()).isEqualTo(3);
		assertThat(opened.get("balanceFen").asLong()).isZero();
		assertThat(call(city, "POST", base + "/account", null).getStatus()).as("one account per compound").isEqualTo(409);
		// a unit the developer still holds, registered after the account was opened: it gets its ledger with its first deposit
		long building = jdbc.sql("select building_id from house where id = :h").param("h", x.houses().get(0)).query(Long.class).single();
		var unsold = houses.registerHouse(Fixtures.weihai(), building,
				new HouseDetails("2单元", "201", Area.parse("60.05"), AreaSource.REGISTRY, HouseKind.RESIDENTIAL, true, null));
		// yuan typed where fen are asked is refused, not cut to 83 fen
		var fraction = call(city, "POST", base + "/deposits", """
				{"fenPerSquareMetre": {"RESIDENTIAL": 83.35}, "document": "BANK-2026-0001"}""");
		assertThat(fraction.getStatus()).isEqualTo(400);
		assertThat(fraction.getContentAsString()).contains("不能带小数");
		assertThat(call(city, "POST", base + "/interest", "{\"amount\": 1.5, \"document\": \"X\"}").getStatus()).isEqualTo(400);

		// ¥83.35 per m²: 95.37 m² → 794,908.95 fen → 794,909; 60.05 m² → 500,516.75 → 500,517 (half up)
		var deposit = ok(call(city, "POST", base + "/deposits", """
				{"fenPerSquareMetre": {"RESIDENTIAL": 8335}, "document": "BANK-2026-0001", "note": "首次交存"}"""));
		assertThat(deposit.get("houses").asInt()).isEqualTo(4);
		assertThat(deposit.get("amountFen").asLong()).isEqualTo(3 * 794_909 + 500_517);
		assertThat(jdbc.sql("select payer from fund_entry where house_id = :h").param("h", unsold.id()).query(String.class).single())
			.as("the developer pays for the unit it holds").isEqualTo("DEVELOPER");
		assertThat(call(city, "POST", base + "/deposits", """
				{"fenPerSquareMetre": {"RESIDENTIAL": 8335}, "document": "BANK-2026-0001"}""").getStatus()).as("the same bank reference is one movement")
			.isEqualTo(409);
		var again = call(city, "POST", base + "/deposits", """
				{"fenPerSquareMetre": {"RESIDENTIAL": 8335}, "document": "BANK-2026-0002"}""");
		assertThat(again.getStatus()).as("every house has its first deposit").isEqualTo(400);
		assertThat(reconciliation.check().differences()).isEmpty();

		// a year's interest of ¥123.45 by balance: the shares add up and the odd fen go to the largest remainders
		var interest = ok(call(city, "POST", base + "/interest", """
				{"amount": 12345, "document": "INT-2026", "note": "2026 年度利息"}"""));
		assertThat(interest.get("amountFen").asLong()).isEqualTo(12_345);
		long balance = 3 * 794_909 + 500_517 + 12_345;
		var account = ok(call(city, "GET", base + "/account", null));
		assertThat(account.get("balanceFen").asLong()).isEqualTo(balance);
		assertThat(account.get("firstDepositsFen").asLong()).isEqualTo(3 * 794_909 + 500_517);
		assertThat(account.get("postings").size()).isEqualTo(2);
		long interestShares = jdbc.sql("select sum(e.amount_fen) from fund_entry e join fund_posting p on p.id = e.posting_id where p.kind = 'INTEREST' and p.account_id = (select id from fund_account where compound_id = :c)")
			.param("c", x.id()).query(Long.class).single();
		assertThat(interestShares).isEqualTo(12_345);
		// 12,345 × 794,909 ÷ 2,885,244 = 3,401.1…; × 500,517 ÷ 2,885,244 = 2,141.5…: 3,401 ×3 + 2,141 = 12,344, the fen left over to the unit's 0.5…
		assertThat(jdbc.sql("select e.amount_fen from fund_entry e join fund_posting p on p.id = e.posting_id where p.kind = 'INTEREST' and e.house_id = :h")
			.param("h", unsold.id()).query(Long.class).single()).isEqualTo(2_142);
		assertThat(reconciliation.check().differences()).isEmpty();

		// the owner sees its ledger, newest entry first, with the balance each entry left
		var ledger = ok(call(TestApi.token(mvc, json, x.residents().get(0)), "GET", "/api/v1/fund/houses/" + x.houses().get(0) + "/ledger", null));
		assertThat(ledger.get("firstDepositFen").asLong()).isEqualTo(794_909);
		assertThat(ledger.get("balanceFen").asLong()).isEqualTo(794_909 + 3_401);
		assertThat(ledger.get("low").asBoolean()).isFalse();
		assertThat(ledger.get("entries").get(0).get("kind").asString()).isEqualTo("INTEREST");
		assertThat(ledger.get("entries").get(0).get("balanceAfterFen").asLong()).isEqualTo(794_909 + 3_401);
		assertThat(ledger.get("entries").get(1).get("document").asString()).isEqualTo("BANK-2026-0001");

		// the books cannot be rewritten, and a balance changed behind the books' back is found
		assertThatThrownBy(() -> jdbc.sql("update fund_entry set amount_fen = amount_fen + 1 where house_id = :h").param("h", unsold.id()).update())
			.hasMessageContaining("只可追加");
		assertThatThrownBy(() -> jdbc.sql("delete from fund_posting where document = 'INT-2026'").update()).hasMessageContaining("只可追加");
		jdbc.sql("update fund_ledger set balance_fen = balance_fen + 1 where house_id = :h").param("h", unsold.id()).update();
		try {
			var found = reconciliation.nightly().differences();
			assertThat(found).extracting(FundReconciliation.Difference::what).contains("ACCOUNT_LEDGERS", "LEDGER_ENTRIES");
			assertThat(found).anySatisfy(d -> assertThat(d.id()).isEqualTo(unsold.id()));
			assertThat(jdbc.sql("select differences from fund_reconciliation order by id desc limit 1").query(Integer.class).single()).isPositive();
		}
		finally {
			jdbc.sql("update fund_ledger set balance_fen = balance_fen - 1 where house_id = :h").param("h", unsold.id()).update();
		}
		assertThat(reconciliation.check().differences()).isEmpty();
		// the entries carry no foreign keys: one without its posting is found by the reconciliation
		jdbc.sql("insert into fund_entry (posting_id, house_id, amount_fen, balance_after_fen, payer, base) values (-1, :h, 0, 0, 'FUND', 0)")
			.param("h", unsold.id()).update();
		try {
			assertThat(reconciliation.check().differences()).extracting(FundReconciliation.Difference::what).containsExactly("ORPHAN_ENTRY");
		}
		finally {
			// the test's own stray row, removed past the append-only trigger so that the other tests find clean books
			jdbc.sql("alter table fund_entry disable trigger fund_entry_append_only").update();
			jdbc.sql("delete from fund_entry where posting_id = -1").update();
			jdbc.sql("alter table fund_entry enable trigger fund_entry_append_only").update();
		}
		assertThat(reconciliation.check().differences()).isEmpty();
		assertThat(jdbc.sql("select count(*) from audit_log where action like 'fund.%' and subject_id = (select id::text from fund_account where compound_id = :c)")
			.param("c", x.id()).query(Long.class).single()).as("opened, deposit, interest audited").isEqualTo(3);
	}

	@Test
	void eachRoleSeesTheLedgersOfItsOwnScopeOnlyAndOnlyTheBureauBooks() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "资金权限小区" + System.nanoTime() % 100000, 30, "3000.00", 2);
		String city = TestApi.token(mvc, json, "city");
		String base = "/api/v1/fund/compounds/" + x.id();
		ok(call(city, "POST", base + "/account", null));
		ok(call(city, "POST", base + "/deposits", "{\"fenPerSquareMetre\": {\"RESIDENTIAL\": 5000}, \"document\": \"B-1\"}"));
		String suffix = String.valueOf(System.nanoTime() % 1_000_000);
		users.create(new NewUser("fund-wd" + suffix, "文登区住建局", Role.DISTRICT, "371003", null, null, null, null), LinliTest.PASSWORD);
		String ledger = "/api/v1/fund/houses/" + x.houses().get(0) + "/ledger";
		String[][] expected = {
				// who, the first house's ledger, the compound's account, booking interest
				{ x.residents().get(0), "200", "200", "403" }, { x.residents().get(1), "404", "200", "403" }, { "resident", "404", "404", "404" },
				{ "committee", "404", "404", "404" }, { "company", "404", "200", "403" }, { "staff", "404", "404", "404" },
				{ "community", "200", "200", "403" }, { "street", "200", "200", "403" }, { "district", "200", "200", "200" },
				{ "city", "200", "200", "200" }, { "fund-wd" + suffix, "404", "404", "404" }, { "admin", "404", "404", "404" } };
		int n = 0;
		for (var row : expected) {
			String token = TestApi.token(mvc, json, row[0]);
			assertThat(call(token, "GET", ledger, null).getStatus()).as(row[0] + " reads the owner's ledger").isEqualTo(Integer.parseInt(row[1]));
			assertThat(call(token, "GET", base + "/account", null).getStatus()).as(row[0] + " reads the account").isEqualTo(Integer.parseInt(row[2]));
			var booked = call(token, "POST", base + "/interest", "{\"amount\": 100, \"document\": \"I-" + (n++) + "\"}");
			assertThat(booked.getStatus()).as(row[0] + " books interest").isEqualTo(Integer.parseInt(row[3]));
			if (booked.getStatus() >= 400) {
				assertThat(booked.getContentType()).as(row[0]).startsWith("application/problem+json");
			}
		}
		assertThat(reconciliation.check().differences()).isEmpty();
	}

	/** The city's bureau as the use cases see it. */
	Actor cityBureau() {
		long cityUser = jdbc.sql("select id from app_user where username = 'city'").query(Long.class).single();
		return new Actor(cityUser, "city", "威海市住房和城乡建设局", Fixtures.weihai());
	}

	/** Opens the compound's account and books the flats' first deposits at the rate; the total booked. */
	long openWithDeposits(Actor bureau, long compound, long fenPerSquareMetre, String reference) {
		fund.open(bureau, compound);
		return fund.deposit(bureau, compound, new KeepingTheFund.Deposits(java.util.Map.of(HouseKind.RESIDENTIAL, fenPerSquareMetre), reference + compound, ""))
			.amountFen();
	}

	@Test
	void twoBookingsAtOnceAreBookedOneAfterTheOtherAndTheSameReferenceOnlyOnce() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "资金并发小区" + System.nanoTime() % 100000, 30, "3000.00", 3);
		var city = cityBureau();
		long deposited = openWithDeposits(city, x.id(), 7_001L, "CC-D-");
		String suffix = String.valueOf(x.id());
		// two different movements and two copies of a third, all at once
		String[] documents = { "CC-A-" + suffix, "CC-B-" + suffix, "CC-C-" + suffix, "CC-C-" + suffix };
		long[] amounts = { 1_001, 2_002, 3_003, 3_003 };
		var start = new java.util.concurrent.CountDownLatch(1);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(documents.length);
		var outcomes = new java.util.ArrayList<java.util.concurrent.Future<String>>();
		for (int i = 0; i < documents.length; i++) {
			int k = i;
			outcomes.add(pool.submit(() -> {
				start.await();
				try {
					fund.allocateInterest(city, x.id(), amounts[k], documents[k], "并发");
					return "booked";
				}
				catch (DomainException e) {
					return e.code();
				}
			}));
		}
		start.countDown();
		var results = new java.util.ArrayList<String>();
		for (var f : outcomes) {
			results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(results.subList(0, 2)).containsOnly("booked");
		assertThat(results.subList(2, 4)).containsExactlyInAnyOrder("booked", "fund-document-booked");
		long balance = jdbc.sql("select balance_fen from fund_account where compound_id = :c").param("c", x.id()).query(Long.class).single();
		assertThat(balance).isEqualTo(deposited + 1_001 + 2_002 + 3_003);
		assertThat(reconciliation.check().differences()).isEmpty();
		// each entry's balance is its ledger's after the one before it: the postings did not interleave
		var wrong = jdbc.sql("""
				select count(*) from (select e.balance_after_fen, e.amount_fen,
				  lag(e.balance_after_fen) over (partition by e.house_id order by e.id) as before from fund_entry e
				  join fund_ledger l on l.house_id = e.house_id join fund_account a on a.id = l.account_id where a.compound_id = :c) t
				where before is not null and balance_after_fen <> before + amount_fen""").param("c", x.id()).query(Long.class).single();
		assertThat(wrong).isZero();
	}

	@Test
	void theLedgerStaysWithTheHouseWhenItIsSold() throws Exception {
		var x = FreshCompound.register(jdbc, compounds, houses, contracts, users, "资金过户小区" + System.nanoTime() % 100000, 30, "3000.00", 2);
		openWithDeposits(cityBureau(), x.id(), 6_000L, "SALE-D-");
		long house = x.houses().get(0);
		String ledger = "/api/v1/fund/houses/" + house + "/ledger";
		var before = json.readTree(mvc.perform(get(ledger).with(user(x.residents().get(0)).roles("RESIDENT"))).andReturn().getResponse().getContentAsString());
		assertThat(before.get("balanceFen").asLong()).isEqualTo(572_220);

		// sold: the registry lists the buyer instead of the seller, and the buyer binds the house
		long seller = houses.house(Fixtures.weihai(), house).owners().get(0).id();
		houses.removeOwner(Fixtures.weihai(), house, seller);
		var bought = houses.addOwner(Fixtures.weihai(), house, Fixtures.owner("买受人", Fixtures.idNumber()), true);
		String buyer = "buyer" + x.id();
		users.createBoundResident(buyer, Fixtures.phone(), "买受人", LinliTest.PASSWORD, house, bought.owners().get(0).id());

		assertThat(mvc.perform(get(ledger).with(user(x.residents().get(0)).roles("RESIDENT"))).andReturn().getResponse().getStatus())
			.as("the seller no longer sees it").isEqualTo(404);
		var after = json.readTree(mvc.perform(get(ledger).with(user(buyer).roles("RESIDENT"))).andReturn().getResponse().getContentAsString());
		assertThat(after.get("balanceFen").asLong()).as("the buyer sees the same ledger, with its history").isEqualTo(572_220);
		assertThat(after.get("firstDepositFen").asLong()).isEqualTo(572_220);
		assertThat(after.get("entries").size()).isEqualTo(1);
		assertThat(reconciliation.check().differences()).isEmpty();
	}
}
