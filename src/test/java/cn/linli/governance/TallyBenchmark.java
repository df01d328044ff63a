package cn.linli.governance;

import cn.linli.governance.counting.RecountingFiles;
import cn.linli.governance.domain.Ballot;
import cn.linli.governance.domain.Matter;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.Tally;

/** Part of {@code mvn -Pbench -DskipTests package} (see {@code cn.linli.bench.Benchmarks}). */
public final class TallyBenchmark {

	private TallyBenchmark() {
	}

	/** Issue 4's count: 20,000 houses and 15,000 ballots, from the CSV files and from memory. */
	public static void run() throws Exception {
		var random = new java.util.Random(278);
		var houses = new StringBuilder("house_id,kind,area_centi,owner_ids,developer_held\n");
		var owners = new java.util.ArrayList<String>();
		for (int i = 0; i < 20_000; i++) {
			boolean developer = i % 97 == 0;
			String owner = i % 15 == 0 && !owners.isEmpty() ? owners.get(random.nextInt(owners.size())) : "o" + i;
			owners.add(owner);
			String ownerIds = developer ? "" : (i % 9 == 0 ? owner + "|c" + i : owner);
			houses.append("h").append(i).append(i % 50 == 0 ? ",PARKING," : ",RESIDENTIAL,").append(5_000 + random.nextInt(15_000))
				.append(',').append(ownerIds).append(',').append(developer).append('\n');
		}
		var roll = Roll.freeze(RecountingFiles.readHouses(
				new java.io.ByteArrayInputStream(houses.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))), false);
		var ballots = new StringBuilder("voter,choice\n");
		var inMemory = new java.util.LinkedHashMap<String, Ballot>();
		String[] choices = { "AGREE", "AGREE", "AGREE", "OPPOSE", "ABSTAIN" };
		for (var voter : roll.voters()) {
			if (inMemory.size() == 15_000) {
				break;
			}
			String choice = choices[random.nextInt(choices.length)];
			ballots.append(voter.id()).append(',').append(choice).append('\n');
			inMemory.put(voter.id(), Ballot.on(voter.id(), Ballot.Choice.valueOf(choice)));
		}
		byte[] housesCsv = houses.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] ballotsCsv = ballots.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		var request = new RecountingFiles.Request(4, null, false, false, null, null);
		var fromFiles = new java.util.ArrayList<Long>();
		var fromMemory = new java.util.ArrayList<Long>();
		Tally.Outcome outcome = null;
		for (int run = 0; run < 30; run++) {
			long t0 = System.nanoTime();
			outcome = RecountingFiles.recount(new java.io.ByteArrayInputStream(housesCsv),
					new java.io.ByteArrayInputStream(ballotsCsv), request);
			long t1 = System.nanoTime();
			Tally.motion(Matter.HIRE_COMPANY, roll, inMemory, java.util.Set.of(), false);
			long t2 = System.nanoTime();
			if (run >= 10) {
				fromFiles.add((t1 - t0) / 1_000);
				fromMemory.add((t2 - t1) / 1_000);
			}
		}
		fromFiles.sort(null);
		fromMemory.sort(null);
		System.out.printf("Tally, 20,000 houses (%,d voters on the roll) and %,d ballots: recount from the two CSV files median %.1f ms (p90 %.1f ms); count of a frozen roll median %.2f ms — result %s%n",
				roll.totalHead(), inMemory.size(), fromFiles.get(10) / 1000.0, fromFiles.get(18) / 1000.0, fromMemory.get(10) / 1000.0,
				outcome.result());
	}

}
