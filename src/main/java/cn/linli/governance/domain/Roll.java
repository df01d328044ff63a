package cn.linli.governance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.linli.shared.domain.DomainException;

/**
 * 表决名册, DOMAIN.md §5: area is the sum of exclusive areas; one house one head, except that all
 * developer-held houses together are one voter, an owner of several houses is one voter with the
 * areas added, and the co-owners of a house are one voter represented by the first owner. Owners
 * linked through shared houses are therefore one voter. Parking spaces and stalls are left out
 * unless the rules of procedure include them.
 */
public final class Roll {

	public static final String DEVELOPER = "DEVELOPER";

	/** A house whose owner the registry does not know still counts (area and head) but nobody can vote for it. */
	static final String UNKNOWN_OWNER_PREFIX = "HOUSE-";

	/** One voter of the roll; {@code id} is its representative owner id, or {@link #DEVELOPER}. */
	public record Voter(String id, long areaCenti, List<String> ownerIds, List<String> houseIds) {
	}

	private final Map<String, Voter> voters;
	private final Map<String, String> voterOfOwner;
	private final long totalArea;

	private Roll(Map<String, Voter> voters, Map<String, String> voterOfOwner) {
		this.voters = voters;
		this.voterOfOwner = voterOfOwner;
		this.totalArea = voters.values().stream().mapToLong(Voter::areaCenti).sum();
	}

	public static Roll freeze(List<RollHouse> houses, boolean includeParking) {
		var parent = new HashMap<String, String>();
		var seenHouses = new java.util.HashSet<String>();
		var counted = new ArrayList<RollHouse>();
		for (RollHouse h : houses) {
			if (!seenHouses.add(h.houseId())) {
				throw DomainException.invalid("house_id", "房屋 " + h.houseId() + " 重复");
			}
			if (h.isStallOrParking() && !includeParking) {
				continue;
			}
			counted.add(h);
			if (!h.developerHeld() && !h.ownerIds().isEmpty()) {
				for (String owner : h.ownerIds()) {
					parent.putIfAbsent(owner, owner);
					union(parent, h.ownerIds().get(0), owner);
				}
			}
		}
		// the representative of a group is the first owner of the first house, in roll order, that the group holds
		var representative = new HashMap<String, String>();
		var area = new LinkedHashMap<String, Long>();
		var members = new HashMap<String, List<String>>();
		var housesOf = new HashMap<String, List<String>>();
		long developerArea = 0;
		var developerHouses = new ArrayList<String>();
		for (RollHouse h : counted) {
			if (h.developerHeld()) {
				developerArea += h.areaCenti();
				developerHouses.add(h.houseId());
				continue;
			}
			if (h.ownerIds().isEmpty()) {
				String unknown = UNKNOWN_OWNER_PREFIX + h.houseId();
				area.put(unknown, h.areaCenti());
				housesOf.put(unknown, new ArrayList<>(List.of(h.houseId())));
				members.put(unknown, new ArrayList<>());
				continue;
			}
			String root = find(parent, h.ownerIds().get(0));
			String rep = representative.computeIfAbsent(root, r -> h.ownerIds().get(0));
			area.merge(rep, h.areaCenti(), Long::sum);
			housesOf.computeIfAbsent(rep, r -> new ArrayList<>()).add(h.houseId());
		}
		parent.keySet().forEach(owner -> {
			String rep = representative.get(find(parent, owner));
			if (rep != null) {
				members.computeIfAbsent(rep, r -> new ArrayList<>()).add(owner);
			}
		});
		var voters = new LinkedHashMap<String, Voter>();
		var voterOfOwner = new HashMap<String, String>();
		area.forEach((rep, a) -> {
			var owners = members.get(rep);
			owners.sort(null);
			voters.put(rep, new Voter(rep, a, List.copyOf(owners), List.copyOf(housesOf.get(rep))));
			owners.forEach(o -> voterOfOwner.put(o, rep));
		});
		if (developerArea > 0) {
			voters.put(DEVELOPER, new Voter(DEVELOPER, developerArea, List.of(), List.copyOf(developerHouses)));
			voterOfOwner.put(DEVELOPER, DEVELOPER);
		}
		return new Roll(voters, voterOfOwner);
	}

	private static String find(Map<String, String> parent, String x) {
		String root = x;
		while (!parent.get(root).equals(root)) {
			root = parent.get(root);
		}
		while (!parent.get(x).equals(root)) {
			String next = parent.get(x);
			parent.put(x, root);
			x = next;
		}
		return root;
	}

	private static void union(Map<String, String> parent, String a, String b) {
		String ra = find(parent, a);
		String rb = find(parent, b);
		if (!ra.equals(rb)) {
			parent.put(rb, ra);
		}
	}

	/** The voter an owner id (or {@link #DEVELOPER}) votes as. */
	public Optional<Voter> voterOf(String ownerId) {
		String rep = voterOfOwner.get(ownerId);
		return rep == null ? Optional.empty() : Optional.of(voters.get(rep));
	}

	public boolean isOwner(String ownerId) {
		return voterOfOwner.containsKey(ownerId);
	}

	public long totalArea() {
		return totalArea;
	}

	public long totalHead() {
		return voters.size();
	}

	public java.util.Collection<Voter> voters() {
		return voters.values();
	}
}
