package cn.linli.governance.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import cn.linli.shared.domain.DomainException;

/**
 * 表决名册, DOMAIN.md §5 and 最高人民法院《关于审理建筑物区分所有权纠纷案件具体应用法律若干问题的解释》
 * 第九条: area is the sum of exclusive areas; one 专有部分 is one head, except that all
 * developer-held (unsold or undelivered) houses together are one head, and the same buyer owning
 * several houses is one head with the areas added. "The same buyer" is the same owner set: houses
 * merge only when their owners are exactly the same people, never transitively through a shared
 * co-owner (A+B owning 101, B+C owning 102 and C owning 103 are three heads). The co-owners of a
 * house are one voter. Parking spaces and stalls are left out unless the rules of procedure
 * include them.
 */
public final class Roll {

	public static final String DEVELOPER = "DEVELOPER";

	/** A house whose owner the registry does not know still counts (area and head) but nobody can vote for it. */
	public static final String UNKNOWN_OWNER_PREFIX = "HOUSE-";

	static final String OWNER_SEPARATOR = "+";

	/**
	 * One voter of the roll. {@code id} is made from what the voter is — its sorted owner ids joined
	 * by {@code +}, {@link #DEVELOPER}, or {@code HOUSE-<id>} — so it is unique and the same however
	 * often the frozen roll is read or exported. {@code representative} is the first owner of its
	 * first house, who signs for co-owners.
	 */
	public record Voter(String id, long areaCenti, List<String> ownerIds, List<String> houseIds, String representative) {

		public boolean isDeveloper() {
			return DEVELOPER.equals(id);
		}

		/** A voter of houses without a known owner counts, but nobody can cast its ballot. */
		public boolean canVote() {
			return !id.startsWith(UNKNOWN_OWNER_PREFIX);
		}
	}

	private final Map<String, Voter> voters;
	private final Map<String, List<Voter>> votersOfOwner;
	private final long totalArea;

	private Roll(Map<String, Voter> voters) {
		this.voters = voters;
		var byOwner = new HashMap<String, List<Voter>>();
		voters.values().forEach(v -> v.ownerIds().forEach(o -> byOwner.computeIfAbsent(o, x -> new ArrayList<>()).add(v)));
		this.votersOfOwner = byOwner;
		this.totalArea = voters.values().stream().mapToLong(Voter::areaCenti).sum();
	}

	public static Roll freeze(List<RollHouse> houses, boolean includeParking) {
		var seenHouses = new HashSet<String>();
		var area = new LinkedHashMap<String, Long>();
		var housesOf = new HashMap<String, List<String>>();
		var ownersOf = new HashMap<String, List<String>>();
		var representativeOf = new HashMap<String, String>();
		for (RollHouse h : houses) {
			if (!seenHouses.add(h.houseId())) {
				throw DomainException.invalid("house_id", "房屋 " + h.houseId() + " 重复");
			}
			if (h.isStallOrParking() && !includeParking) {
				continue;
			}
			String id;
			List<String> owners;
			if (h.developerHeld()) {
				id = DEVELOPER;
				owners = List.of();
			}
			else if (h.ownerIds().isEmpty()) {
				id = UNKNOWN_OWNER_PREFIX + h.houseId();
				owners = List.of();
			}
			else {
				owners = List.copyOf(new TreeSet<>(h.ownerIds()));
				id = String.join(OWNER_SEPARATOR, owners);
			}
			area.merge(id, h.areaCenti(), Long::sum);
			housesOf.computeIfAbsent(id, k -> new ArrayList<>()).add(h.houseId());
			ownersOf.putIfAbsent(id, owners);
			representativeOf.putIfAbsent(id, h.developerHeld() ? DEVELOPER : h.ownerIds().isEmpty() ? null : h.ownerIds().get(0));
		}
		var voters = new LinkedHashMap<String, Voter>();
		area.forEach((id, a) -> voters.put(id, new Voter(id, a, ownersOf.get(id), List.copyOf(housesOf.get(id)), representativeOf.get(id))));
		return new Roll(voters);
	}

	public Optional<Voter> voter(String voterId) {
		return Optional.ofNullable(voterId == null ? null : voters.get(voterId));
	}

	/** Every voter an owner belongs to, in roll order: an owner of 101 alone and of 102 with a spouse belongs to two. */
	public List<Voter> votersOf(String ownerId) {
		return votersOfOwner.getOrDefault(ownerId, List.of());
	}

	/** The voters these owners can cast a ballot for, in roll order. */
	public List<Voter> votableBy(Collection<String> owners) {
		return voters.values().stream().filter(Voter::canVote).filter(v -> v.ownerIds().stream().anyMatch(owners::contains)).toList();
	}

	/** An owner of some voter on the roll (the developer is no owner). */
	public boolean isOwner(String ownerId) {
		return votersOfOwner.containsKey(ownerId);
	}

	public long totalArea() {
		return totalArea;
	}

	public long totalHead() {
		return voters.size();
	}

	public boolean isEmpty() {
		return voters.isEmpty();
	}

	public Collection<Voter> voters() {
		return voters.values();
	}
}
