package cn.linli.fund;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Random;

import cn.linli.shared.domain.Shares;

/**
 * Part of {@code mvn -Pbench -DskipTests package} ({@code -Dbench.only=fund}): the maintenance fund
 * of a compound with 20,000 houses, through the API of the packaged application — opening its
 * account, the first deposits, and a year's interest shared by balance (the same booking a cost
 * shared by area makes: the split, 20,000 entries and 20,000 ledgers), three times; beside it the
 * split alone in this JVM, and the books checked afterwards.
 */
public final class FundBenchmark {

	private FundBenchmark() {
	}

	public static void run(Path jar, Path work) throws Exception {
		Path data = work.resolve("pg-fund");
		cn.linli.bench.Benchmarks.deleteRecursively(data);
		int dbPort = 54_873;
		int port = 18_483;
		var process = cn.linli.bench.BenchApp.startWithDemo(jar, work, data, dbPort, port, "fund.log", "--linli.appeal.scheduler.enabled=false");
		try {
			var client = HttpClient.newHttpClient();
			String url = "jdbc:postgresql://localhost:" + dbPort + "/linli";
			long compound;
			try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
				compound = cn.linli.bench.BenchApp.twentyThousandHouses(s, "两万户资金基准小区");
			}
			String token = cn.linli.bench.BenchApp.token(client, port, "city");
			String base = "http://localhost:" + port + "/api/v1/fund/compounds/" + compound;
			long open = timed(client, token, base + "/account", "{}", 201);
			long deposit = timed(client, token, base + "/deposits",
					"{\"fenPerSquareMetre\": {\"RESIDENTIAL\": 8000, \"PARKING\": 3000}, \"document\": \"BENCH-DEPOSIT\"}", 200);
			var interest = new ArrayList<Long>();
			for (int i = 0; i < 3; i++) {
				interest.add(timed(client, token, base + "/interest", "{\"amount\": " + (1_234_567_89L + i) + ", \"document\": \"BENCH-INT-" + i + "\"}", 200));
			}
			interest.sort(null);
			// a cost shared by area over the 20,000 houses: three projects the bureau approves (70 % paid) and settles over the API;
			// each project is put at the step before by SQL, since the proposal and the vote are not what is measured here
			var approvals = new ArrayList<Long>();
			var settlements = new ArrayList<Long>();
			for (int i = 0; i < 3; i++) {
				long project;
				try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
					var rs = s.executeQuery("""
							insert into fund_project (account_id, compound_id, kind, title, reason, hazard, scope_kind, budget_fen, not_excluded, status,
							  proposed_by, proposed_by_name, proposer_kind, proposed_at)
							select a.id, a.compound_id, 'EMERGENCY', '基准工程 %d', '基准', 'OTHER', 'COMPOUND', 100000001, true, 'CONFIRMED',
							  (select id from app_user where username = 'company'), '基准', 'COMPANY', now()
							from fund_account a where a.compound_id = %d returning id""".formatted(i, compound));
					rs.next();
					project = rs.getLong(1);
					s.execute("""
							insert into fund_project_house (project_id, house_id, area_centi, developer_held)
							select %d, h.id, h.exclusive_area_centi, h.developer_held from house h join building b on b.id = h.building_id
							where b.compound_id = %d""".formatted(project, compound));
				}
				String projectUrl = "http://localhost:" + port + "/api/v1/fund/projects/" + project;
				approvals.add(timed(client, token, projectUrl + "/approve", "{\"document\": \"BENCH-USE-A-" + i + "\"}", 200));
				try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
					s.execute("update fund_project set status = 'ACCEPTED', accepted_by_name = '基准', accepted_at = now() where id = " + project);
				}
				settlements.add(timed(client, token, projectUrl + "/settlement", "{\"settledFen\": 99999999, \"document\": \"BENCH-USE-S-" + i + "\"}", 200));
			}
			approvals.sort(null);
			settlements.sort(null);
			// the books afterwards: the account is the sum of its 20,000 ledgers and of its entries
			try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
				var rs = s.executeQuery("""
						select a.balance_fen, (select sum(balance_fen) from fund_ledger l where l.account_id = a.id),
						  (select sum(e.amount_fen) from fund_entry e join fund_posting p on p.id = e.posting_id where p.account_id = a.id),
						  (select count(*) from fund_ledger l where l.account_id = a.id)
						from fund_account a where a.compound_id = %d""".formatted(compound));
				rs.next();
				if (rs.getLong(1) != rs.getLong(2) || rs.getLong(1) != rs.getLong(3) || rs.getLong(4) != 20_000) {
					throw new IllegalStateException("the books do not add up: account " + rs.getLong(1) + ", ledgers " + rs.getLong(2) + ", entries "
							+ rs.getLong(3) + ", " + rs.getLong(4) + " ledgers");
				}
				System.out.printf("Maintenance fund of a compound with 20,000 houses, over the API: open %d ms, first deposits %d ms, "
						+ "a year's interest by balance %s ms (median %d ms); books reconciled (balance %d fen = ledgers = entries)%n",
						open, deposit, interest, interest.get(1), rs.getLong(1));
				System.out.printf("  a cost shared by area over the 20,000 houses (target < 200 ms): approval paying 70 %% %s ms (median %d ms), "
						+ "settlement paying the rest so that each house bears its exact share %s ms (median %d ms)%n", approvals, approvals.get(1), settlements,
						settlements.get(1));
			}
			// the split alone, in this JVM: what the booking adds is the database's
			var r = new Random(1);
			var parties = new ArrayList<Shares.Party>();
			for (int i = 0; i < 20_000; i++) {
				parties.add(new Shares.Party(String.valueOf(i + 1), 500_000 + r.nextInt(1_000_000)));
			}
			var splits = new ArrayList<Long>();
			for (int i = 0; i < 20; i++) {
				long t = System.nanoTime();
				Shares.split(123_456_789L + i, parties);
				splits.add((System.nanoTime() - t) / 1_000);
			}
			splits.sort(null);
			System.out.printf("  the split alone over 20,000 houses (largest remainder, in this JVM, 20 runs): median %.1f ms%n", splits.get(10) / 1000.0);
		}
		finally {
			process.destroy();
			process.waitFor();
			cn.linli.bench.Benchmarks.deleteRecursively(data);
		}
	}

	private static long timed(HttpClient client, String token, String url, String body, int expected) throws Exception {
		long t0 = System.nanoTime();
		var response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		long ms = (System.nanoTime() - t0) / 1_000_000;
		if (response.statusCode() != expected) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return ms;
	}
}
