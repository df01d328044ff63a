package cn.linli.registry;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.PersonalDataHasher;

/**
 * The registry facts a caller's scope is resolved from, and that bindings and logins are checked
 * against. Asked before there is a scope, so nothing here returns a name or a number of a person.
 */
@Service
@Transactional(readOnly = true)
public class RegistryAccess {

	private final JdbcClient jdbc;
	private final PersonalDataHasher hasher;
	private final CompoundScopes scopes;

	RegistryAccess(JdbcClient jdbc, PersonalDataHasher hasher, CompoundScopes scopes) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.scopes = scopes;
	}

	/** The compounds a staff member serves — only while the company's contract for them is in force. */
	public Set<Long> compoundsOfStaff(long staffId) {
		return new HashSet<>(jdbc.sql("""
				select sc.compound_id from staff_compound sc join staff s on s.id = sc.staff_id
				join service_contract c on c.compound_id = sc.compound_id and c.company_id = s.company_id
				where sc.staff_id = :s and :today between c.starts_on and c.ends_on""")
			.param("s", staffId).param("today", scopes.today()).query(Long.class).list());
	}

	public Optional<Long> companyOfStaff(long staffId) {
		return jdbc.sql("select company_id from staff where id = :s").param("s", staffId).query(Long.class).optional();
	}

	public Set<Long> compoundsOfHouses(Collection<Long> houseIds) {
		if (houseIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select distinct b.compound_id from house h join building b on b.id = h.building_id where h.id in (:ids)")
			.param("ids", houseIds).query(Long.class).list());
	}

	public boolean compoundExists(long compoundId) {
		return jdbc.sql("select exists (select 1 from compound where id = :id)").param("id", compoundId).query(Boolean.class).single();
	}

	public boolean companyExists(long companyId) {
		return jdbc.sql("select exists (select 1 from property_company where id = :id)").param("id", companyId)
			.query(Boolean.class).single();
	}

	public boolean staffExists(long staffId) {
		return jdbc.sql("select exists (select 1 from staff where id = :id)").param("id", staffId).query(Boolean.class).single();
	}

	public boolean isOwnerOf(long ownerId, long houseId) {
		return jdbc.sql("select exists (select 1 from house_owner where owner_id = :o and house_id = :h)").param("o", ownerId)
			.param("h", houseId).query(Boolean.class).single();
	}

	/** Whether the compound has an owners' committee in its term today (a committee member's scope lapses with it). */
	public boolean hasCommitteeInTerm(long compoundId) {
		return jdbc.sql("select exists (select 1 from owners_committee where compound_id = :c and :today >= formed_on and :today < term_ends_on)")
			.param("c", compoundId).param("today", scopes.today()).query(Boolean.class).single();
	}

	/** A registered house matched by certificate number, an owner's name and the last six of the owner's ID number. */
	public record HouseMatch(long houseId, long ownerId, long compoundId) {
	}

	public Optional<HouseMatch> matchOwner(String ownerName, String idTail, String certificateNo) {
		if (ownerName == null || idTail == null || certificateNo == null || idTail.trim().length() != 6) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select h.id as house_id, o.id as owner_id, b.compound_id
				from house h join building b on b.id = h.building_id
				join house_owner ho on ho.house_id = h.id join owner o on o.id = ho.owner_id
				where h.certificate_no = :cert and o.name = :name and o.id_tail_hash = :tail
				limit 1""")
			.param("cert", certificateNo.trim()).param("name", ownerName.trim()).param("tail", hasher.idTailHash(idTail))
			.query((rs, n) -> new HouseMatch(rs.getLong("house_id"), rs.getLong("owner_id"), rs.getLong("compound_id")))
			.optional();
	}
}
