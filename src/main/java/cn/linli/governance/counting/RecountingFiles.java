package cn.linli.governance.counting;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.linli.governance.domain.Ballot;
import cn.linli.governance.domain.Ballot.Choice;
import cn.linli.governance.domain.Candidates;
import cn.linli.governance.domain.Matter;
import cn.linli.governance.domain.Roll;
import cn.linli.governance.domain.RollHouse;
import cn.linli.governance.domain.Tally;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.csv.CsvImportRejected;
import cn.linli.shared.csv.CsvImportRejected.LineError;
import cn.linli.shared.domain.DomainException;

/**
 * Recount of an exported vote: {@code houses.csv} ({@code house_id,kind,area_centi,owner_ids,developer_held})
 * and {@code ballots.csv} ({@code voter,choice}, the voter ids of the roll), counted by the same
 * {@link Tally} as live votes, so anyone can reproduce a published result.
 */
public final class RecountingFiles {

	public static final List<String> HOUSES = List.of("house_id", "kind", "area_centi", "owner_ids", "developer_held");
	public static final List<String> BALLOTS = List.of("voter", "choice");

	private RecountingFiles() {
	}

	/**
	 * {@code households} is the compound's number of households for the seat rule of an election;
	 * without it, the residential houses of houses.csv. {@code served} lists voter ids, comma-separated.
	 */
	public record Request(int matter, Integer seats, boolean includeParking, boolean followMajority, String served, Long households) {
	}

	public static Tally.Outcome recount(InputStream houses, InputStream ballots, Request request) throws IOException {
		var matter = Matter.of(request.matter());
		boolean election = matter.isElection() && request.seats() != null;
		if (request.followMajority() && election) {
			throw DomainException.invalid("followMajority", "从众规则不适用于选举");
		}
		if (request.households() != null && request.households() < 0) {
			throw DomainException.invalid("households", "households 不能为负数");
		}
		var rows = readHouses(houses);
		var roll = Roll.freeze(rows, request.includeParking());
		var parsed = readBallots(ballots, roll, election, election ? request.seats() : 0);
		if (election) {
			long households = request.households() != null ? request.households()
					: rows.stream().filter(h -> h.kind() == RollHouse.Kind.RESIDENTIAL).count();
			return Tally.election(roll, parsed, request.seats(), households);
		}
		return Tally.motion(matter, roll, parsed, served(request, roll, parsed), request.followMajority());
	}

	public static List<RollHouse> readHouses(InputStream in) throws IOException {
		try {
			var rows = Csv.read(in, HOUSES, (r, line) -> new RollHouse(r.get(0).trim(), kind(r.get(1)), areaCenti(r.get(2)),
					owners(r.get(3)), bool(r.get(4))));
			var seen = new HashSet<String>();
			var errors = new ArrayList<LineError>();
			for (int i = 0; i < rows.size(); i++) {
				if (!seen.add(rows.get(i).houseId())) {
					errors.add(new LineError(i + 2, "house_id「" + rows.get(i).houseId() + "」重复"));
				}
			}
			Csv.rejectLines(errors);
			return rows;
		}
		catch (CsvImportRejected e) {
			throw named("houses.csv", e);
		}
	}

	static Map<String, Ballot> readBallots(InputStream in, Roll roll, boolean election, int seats) throws IOException {
		record Row(long line, Ballot ballot) {
		}
		try {
			var rows = Csv.read(in, BALLOTS, (r, line) -> {
				var voter = roll.voter(r.get(0).trim()).filter(Roll.Voter::canVote)
					.orElseThrow(() -> DomainException.invalid("voter", "投票人「" + r.get(0) + "」不在表决名册中"));
				if (!election) {
					try {
						return new Row(line, Ballot.on(voter.id(), Choice.valueOf(r.get(1).trim().toUpperCase())));
					}
					catch (IllegalArgumentException e) {
						throw DomainException.invalid("choice", "choice 应为 AGREE/OPPOSE/ABSTAIN：「" + r.get(1) + "」");
					}
				}
				var chosen = Candidates.of(Arrays.asList(r.get(1).split("\\|")), "choice");
				for (String id : chosen) {
					if (!roll.isOwner(id)) {
						throw DomainException.invalid("choice", "候选人「" + id + "」不是本小区业主");
					}
				}
				if (chosen.size() > seats) {
					throw DomainException.invalid("choice", "所选候选人 " + chosen.size() + " 名，超过应选席位 " + seats);
				}
				return new Row(line, Ballot.forCandidates(voter.id(), List.copyOf(chosen)));
			}, true);
			var ballots = new LinkedHashMap<String, Ballot>();
			var errors = new ArrayList<LineError>();
			for (Row row : rows) {
				if (ballots.putIfAbsent(row.ballot().voterId(), row.ballot()) != null) {
					errors.add(new LineError(row.line(), "投票人「" + row.ballot().voterId() + "」已有一张有效选票"));
				}
			}
			Csv.rejectLines(errors);
			return ballots;
		}
		catch (CsvImportRejected e) {
			throw named("ballots.csv", e);
		}
	}

	static Set<String> served(Request request, Roll roll, Map<String, Ballot> ballots) {
		var result = new LinkedHashSet<String>();
		if (!request.followMajority() || request.served() == null || request.served().isBlank()) {
			return result;
		}
		for (String id : request.served().split(",")) {
			var voter = roll.voter(id.trim()).filter(Roll.Voter::canVote)
				.orElseThrow(() -> DomainException.invalid("served", "送达的投票人「" + id.trim() + "」不在表决名册中"));
			if (ballots.containsKey(voter.id())) {
				throw DomainException.invalid("served", "投票人「" + id.trim() + "」已投票，不属于未表决业主");
			}
			result.add(voter.id());
		}
		return result;
	}

	private static CsvImportRejected named(String file, CsvImportRejected e) {
		return new CsvImportRejected(e.errors().stream().map(err -> new LineError(err.line(), file + "：" + err.message())).toList());
	}

	private static RollHouse.Kind kind(String s) {
		try {
			return RollHouse.Kind.valueOf(s.trim().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("kind", "kind 应为 RESIDENTIAL/COMMERCIAL/PARKING/STALL：「" + s + "」");
		}
	}

	private static long areaCenti(String s) {
		try {
			return Long.parseLong(s.trim());
		}
		catch (NumberFormatException e) {
			throw DomainException.invalid("area_centi", "area_centi 应为整数（1/100 平方米）：「" + s + "」");
		}
	}

	private static List<String> owners(String s) {
		return s.isBlank() ? List.of() : Arrays.stream(s.split("\\|")).map(String::trim).filter(x -> !x.isEmpty()).toList();
	}

	private static boolean bool(String s) {
		return switch (s.trim().toLowerCase()) {
			case "true" -> true;
			case "false", "" -> false;
			default -> throw DomainException.invalid("developer_held", "developer_held 应为 true/false：「" + s + "」");
		};
	}
}
