package cn.linli.identity;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.identity.domain.ValidBindings;

/** What other modules may ask about users: which registered owners a resident account speaks for. */
@Service
@Transactional(readOnly = true)
public class IdentityApi {

	private final JdbcClient jdbc;

	IdentityApi(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Owners (registry ids) a resident has proven to be, by binding a house as its owner; tenants have none. */
	public Set<Long> ownerIdsOf(long userId) {
		return Set.copyOf(jdbc.sql("select distinct rb.owner_id from resident_binding rb where rb.user_id = :u and rb.relation = 'OWNER' and "
				+ ValidBindings.CONDITION).param("u", userId).query(Long.class).list());
	}

	/**
	 * Enabled resident accounts that speak for any of these owners (a valid owner binding), for
	 * telling a roll's owners about a vote; an array parameter, as a large roll has tens of thousands.
	 */
	public List<Long> usersOfOwners(Collection<Long> ownerIds) {
		if (ownerIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select distinct rb.user_id from resident_binding rb join app_user u on u.id = rb.user_id"
				+ " where rb.owner_id = any(:o) and rb.relation = 'OWNER' and u.enabled and " + ValidBindings.CONDITION + " order by rb.user_id")
			.param("o", ownerIds.toArray(Long[]::new)).query(Long.class).list();
	}

	/** Enabled resident accounts with a valid binding (owner or tenant) to a house of the compound, for its notice board. */
	public List<Long> residentsOfCompound(long compoundId) {
		return jdbc.sql("select distinct rb.user_id from resident_binding rb join app_user u on u.id = rb.user_id"
				+ " join house h on h.id = rb.house_id join building b on b.id = h.building_id"
				+ " where b.compound_id = :c and u.enabled and " + ValidBindings.CONDITION + " order by rb.user_id")
			.param("c", compoundId).query(Long.class).list();
	}

	/** Enabled owner accounts with a valid binding to any of these houses. */
	public List<Long> ownersOfHouses(Collection<Long> houseIds) {
		if (houseIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select distinct rb.user_id from resident_binding rb join app_user u on u.id = rb.user_id"
				+ " where rb.house_id = any(:h::bigint[]) and rb.relation = 'OWNER' and u.enabled and " + ValidBindings.CONDITION + " order by rb.user_id")
			.param("h", houseIds.toArray(Long[]::new)).query(Long.class).list();
	}

	/** Enabled accounts of a compound's owners' committee. */
	public List<Long> usersOfCommittee(long compoundId) {
		return jdbc.sql("select id from app_user where compound_id = :c and enabled and role = 'COMMITTEE' order by id").param("c", compoundId)
			.query(Long.class).list();
	}

	/** Enabled users bound to a region role exactly at this region (e.g. the street office of a street code). */
	public List<Long> usersAtRegion(String regionCode) {
		return jdbc.sql("select id from app_user where region_code = :r and enabled and role in ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY')")
			.param("r", regionCode).query(Long.class).list();
	}

	/** Enabled head-office users of a company. */
	public List<Long> usersOfCompany(long companyId) {
		return jdbc.sql("select id from app_user where company_id = :c and enabled and role = 'COMPANY_ADMIN'").param("c", companyId)
			.query(Long.class).list();
	}

	/** Enabled accounts of staff members. */
	public List<Long> usersOfStaff(Collection<Long> staffIds) {
		if (staffIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id from app_user where staff_id in (:s) and enabled and role = 'STAFF'").param("s", staffIds)
			.query(Long.class).list();
	}
}
