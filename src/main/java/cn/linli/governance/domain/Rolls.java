package cn.linli.governance.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.linli.registry.OwnerRolls;

/** The rolls of motions: frozen from the registry at publication into {@code roll_entry}, read back from there ever after. */
@Component
public class Rolls {

	private static final int MAX_CACHED_ROLLS = 200;

	private final OwnerRolls rolls;
	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ConcurrentHashMap<Long, Roll> cache = new ConcurrentHashMap<>();

	Rolls(OwnerRolls rolls, JdbcClient jdbc, JdbcTemplate template) {
		this.rolls = rolls;
		this.jdbc = jdbc;
		this.template = template;
	}

	/** The houses of the motion's scope as the registry lists them now. */
	public List<RollHouse> housesNow(Motion motion) {
		var buildings = new HashSet<>(motion.buildingIds());
		var houses = new HashSet<>(motion.houseIds());
		return rolls.housesForRoll(motion.compoundId()).stream().filter(h -> buildings.isEmpty() || buildings.contains(h.buildingId()))
			.filter(h -> houses.isEmpty() || houses.contains(h.houseId()))
			.map(h -> new RollHouse(String.valueOf(h.houseId()), RollHouse.Kind.valueOf(h.kind()), h.areaCenti(),
					h.ownerIds().stream().map(String::valueOf).toList(), h.developerHeld()))
			.toList();
	}

	/** Writes the houses the roll was frozen from; later changes of ownership do not touch them. */
	public void store(long motionId, List<RollHouse> houses) {
		var batch = new ArrayList<Object[]>(houses.size());
		for (var h : houses) {
			batch.add(new Object[] { motionId, Long.valueOf(h.houseId()), h.kind().name(), h.areaCenti(), String.join("|", h.ownerIds()),
					h.developerHeld() });
		}
		template.batchUpdate("insert into roll_entry (motion_id, house_id, kind, area_centi, owner_ids, developer_held) values (?, ?, ?, ?, ?, ?)",
				batch);
	}

	/**
	 * A published motion's roll never changes, and every ballot needs it: it is read from the
	 * database once per motion. Only committed rolls get here (publishing builds its own).
	 */
	public Roll of(Motion motion) {
		if (cache.size() > MAX_CACHED_ROLLS) {
			cache.clear();
		}
		return cache.computeIfAbsent(motion.id(), id -> Roll.freeze(stored(id), motion.includeParking()));
	}

	private List<RollHouse> stored(long motionId) {
		return jdbc.sql("select house_id, kind, area_centi, owner_ids, developer_held from roll_entry where motion_id = :m order by house_id")
			.param("m", motionId)
			.query((rs, n) -> new RollHouse(String.valueOf(rs.getLong(1)), RollHouse.Kind.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getString(4).isEmpty() ? List.of() : List.of(rs.getString(4).split("\\|")), rs.getBoolean(5)))
			.list();
	}
}
