package cn.linli.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.domain.CompoundScopes;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Scope;

/**
 * What the owners' assembly needs of the registries: the houses of a roll with their owners, the
 * assembly's rules, and owners' names — the names only inside the caller's scope.
 */
@Service
@Transactional(readOnly = true)
public class OwnerRolls {

	private final JdbcClient jdbc;
	private final CompoundScopes scopes;

	OwnerRolls(JdbcClient jdbc, CompoundScopes scopes) {
		this.jdbc = jdbc;
		this.scopes = scopes;
	}

	/** A house as a vote's roll needs it: its owners in order, the representative first. */
	public record HouseForRoll(long houseId, long buildingId, String kind, long areaCenti, List<Long> ownerIds,
			boolean developerHeld) {
	}

	/** Every house of a compound with its owners' ids (no names): the roll is drawn from it. */
	public List<HouseForRoll> housesForRoll(long compoundId) {
		return jdbc.sql("""
				select h.id, h.building_id, h.kind, h.exclusive_area_centi, h.developer_held,
				  array(select ho.owner_id from house_owner ho where ho.house_id = h.id order by ho.representative desc, ho.owner_id) as owners
				from house h join building b on b.id = h.building_id
				where b.compound_id = :c order by h.id""")
			.param("c", compoundId)
			.query((rs, n) -> new HouseForRoll(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					List.of((Long[]) rs.getArray("owners").getArray()), rs.getBoolean(5)))
			.list();
	}

	/** What the owners' assembly's rules of procedure say about the roll and about 从众; both off without an assembly. */
	public record AssemblyRules(boolean parkingInRoll, boolean followMajority) {
	}

	public AssemblyRules assemblyRules(long compoundId) {
		return jdbc.sql("select parking_in_roll, follow_majority_enabled from owners_assembly where compound_id = :c").param("c", compoundId)
			.query((rs, n) -> new AssemblyRules(rs.getBoolean(1), rs.getBoolean(2))).optional().orElse(new AssemblyRules(false, false));
	}

	/** The community a compound belongs to, which reviews its motions. */
	public String communityOf(long compoundId) {
		return jdbc.sql("select community_code from compound where id = :id").param("id", compoundId).query(String.class)
			.optional().orElseThrow(() -> DomainException.notFound("小区"));
	}

	/** Names of owners of houses inside the caller's scope (candidates, voters); others are absent. */
	public Map<Long, String> ownerNames(Scope scope, Collection<Long> ownerIds) {
		var names = new HashMap<Long, String>();
		if (ownerIds.isEmpty()) {
			return names;
		}
		var scoped = scopes.ofPeople(scope, "c.id", "c.community_code");
		jdbc.sql("""
				select o.id, o.name from owner o where o.id in (:ids) and exists (
				  select 1 from house_owner ho join house h on h.id = ho.house_id join building b on b.id = h.building_id
				  join compound c on c.id = b.compound_id where ho.owner_id = o.id and %s)""".formatted(scoped.sql()))
			.params(scoped.params()).param("ids", ownerIds)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
		return names;
	}

	/** An owner of a compound as a committee nominating candidates sees it. */
	public record OwnerEntry(long ownerId, String name, String houses) {
	}

	/** The owners of a compound's homes and shops, if the compound is inside the caller's scope. */
	public List<OwnerEntry> ownersOfCompound(Scope scope, long compoundId) {
		var scoped = scopes.ofPeople(scope, "c.id", "c.community_code");
		return jdbc.sql("""
				select o.id, o.name, string_agg(b.name || case when h.unit = '' then '' else '-' || h.unit end || '-' || h.number, '、' order by h.id) as houses
				from owner o join house_owner ho on ho.owner_id = o.id join house h on h.id = ho.house_id join building b on b.id = h.building_id
				join compound c on c.id = b.compound_id
				where b.compound_id = :c and h.kind in ('RESIDENTIAL', 'COMMERCIAL') and %s group by o.id, o.name order by min(h.id)"""
			.formatted(scoped.sql()))
			.params(scoped.params()).param("c", compoundId)
			.query((rs, n) -> new OwnerEntry(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}
}
