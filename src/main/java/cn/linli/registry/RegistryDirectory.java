package cn.linli.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.house.HouseView;
import cn.linli.shared.security.Scope;

/**
 * The registries as other modules look things up in them: a compound's facts for routing, names
 * for lists, places for an address. Compounds, buildings and companies are public registers;
 * houses and staff are people's, so their reads take the caller's scope.
 */
@Service
@Transactional(readOnly = true)
public class RegistryDirectory {

	private final JdbcClient jdbc;
	private final CompoundScopes scopes;

	RegistryDirectory(JdbcClient jdbc, CompoundScopes scopes) {
		this.jdbc = jdbc;
		this.scopes = scopes;
	}

	/** A compound as intake routes to it: the company under a contract in force, unless the owners manage it themselves or nobody does. */
	public record CompoundFacts(long id, String name, String address, String communityCode, String serviceMode, Long companyId,
			int households, long buildingAreaCenti, Double latitude, Double longitude) {

		/**
		 * Whether the caller sees the compound's common affairs (its notice board, fund account, fees,
		 * common income): its residents, committee and staff, the company serving it, the regions above it.
		 */
		public boolean seenBy(cn.linli.shared.security.Scope scope) {
			return switch (scope.role()) {
				case RESIDENT, COMMITTEE, STAFF -> scope.compoundIds().contains(id);
				case COMPANY_ADMIN -> servedBy(scope);
				case CITY, DISTRICT, STREET, COMMUNITY -> scope.coversRegion(communityCode);
				case ADMIN -> false;
			};
		}

		/** Whether the caller speaks for the company serving the compound: its head office, or its staff on site. */
		public boolean servedBy(cn.linli.shared.security.Scope scope) {
			return switch (scope.role()) {
				case COMPANY_ADMIN -> scope.companyId() != null && scope.companyId().equals(companyId);
				case STAFF -> scope.compoundIds().contains(id);
				default -> false;
			};
		}

		/** Whether the caller speaks for the owners: the compound's committee, or the community above it. */
		public boolean ownersSide(cn.linli.shared.security.Scope scope) {
			return switch (scope.role()) {
				case COMMITTEE -> scope.compoundIds().contains(id);
				case COMMUNITY -> scope.coversRegion(communityCode);
				default -> false;
			};
		}
	}

	public Optional<CompoundFacts> compoundFacts(long compoundId) {
		return jdbc.sql("""
				select c.id, c.name, c.address, c.community_code, c.service_mode,
				  case when c.service_mode in ('NONE', 'SELF') then null else
				    (select sc.company_id from service_contract sc where sc.compound_id = c.id and :today between sc.starts_on and sc.ends_on) end,
				  c.households, c.building_area_centi, c.latitude::float8, c.longitude::float8
				from compound c where c.id = :id""")
			.param("id", compoundId).param("today", scopes.today())
			.query((rs, n) -> new CompoundFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					(Long) rs.getObject(6, Long.class), rs.getInt(7), rs.getLong(8), (Double) rs.getObject(9, Double.class),
					(Double) rs.getObject(10, Double.class)))
			.optional();
	}

	/** A house with its building and compound, and its label 1号楼-1单元-301 (no owner). */
	public record HouseFacts(long houseId, long buildingId, String buildingName, long compoundId, String label) {
	}

	public Optional<HouseFacts> houseFacts(long houseId) {
		return jdbc.sql("select h.id, b.id, b.name, b.compound_id, h.unit, h.number from house h join building b on b.id = h.building_id where h.id = :h")
			.param("h", houseId)
			.query((rs, n) -> new HouseFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					HouseView.label(rs.getString(3), rs.getString(5), rs.getString(6))))
			.optional();
	}

	/** A house as money is shared by: its exclusive area (1/100 m²), its kind, and whether the developer still holds it. */
	public record HouseArea(long houseId, String label, long exclusiveAreaCenti, HouseKind kind, boolean developerHeld, long buildingId) {
	}

	/** Every house of a compound, in building, unit and number order: a public register of areas, no owner. */
	public List<HouseArea> housesOfCompound(long compoundId) {
		return jdbc.sql("""
				select h.id, b.name, h.unit, h.number, h.exclusive_area_centi, h.kind, h.developer_held, b.id
				from house h join building b on b.id = h.building_id where b.compound_id = :c order by b.name, h.unit, h.number, h.id""")
			.param("c", compoundId)
			.query((rs, n) -> new HouseArea(rs.getLong(1), HouseView.label(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(5),
					HouseKind.valueOf(rs.getString(6)), rs.getBoolean(7), rs.getLong(8)))
			.list();
	}

	/** 1号楼-1单元-301 for each house of a compound inside the caller's scope; other houses are absent. */
	public Map<Long, String> houseLabels(Scope scope, Collection<Long> houseIds) {
		var labels = new HashMap<Long, String>();
		if (houseIds.isEmpty()) {
			return labels;
		}
		var scoped = scopes.ofPeople(scope, "c.id", "c.community_code");
		jdbc.sql("""
				select h.id, b.name, h.unit, h.number from house h join building b on b.id = h.building_id
				join compound c on c.id = b.compound_id where h.id in (:ids)""" + " and " + scoped.sql())
			.params(scoped.params()).param("ids", houseIds)
			.query((rs, n) -> labels.put(rs.getLong(1), HouseView.label(rs.getString(2), rs.getString(3), rs.getString(4))))
			.list();
		return labels;
	}

	public record StaffEntry(long id, String name, long companyId, boolean gridWorker) {
	}

	/**
	 * Staff of a company assigned to a compound: whom an appeal may be given to and who hears of it.
	 * Callers have checked the caller's right to the appeal (or act for the platform, as notices do).
	 */
	public List<StaffEntry> staffServing(long companyId, long compoundId) {
		return jdbc.sql("""
				select s.id, s.name, s.company_id, s.grid_worker from staff s join staff_compound sc on sc.staff_id = s.id
				where s.company_id = :co and sc.compound_id = :c order by s.id""")
			.param("co", companyId).param("c", compoundId)
			.query((rs, n) -> new StaffEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4))).list();
	}

	public Map<Long, String> companyNames(Collection<Long> ids) {
		return names("select id, name from property_company where id in (:ids)", ids, Map.of());
	}

	public Map<Long, String> compoundNames(Collection<Long> ids) {
		return names("select id, name from compound where id in (:ids)", ids, Map.of());
	}

	public Map<Long, String> buildingNames(Collection<Long> ids) {
		return names("select id, name from building where id in (:ids)", ids, Map.of());
	}

	/**
	 * Names of staff the caller may know: the platform operator all (it gives them logins), a company
	 * and its staff their colleagues, everyone else the staff assigned to compounds of their scope.
	 */
	public Map<Long, String> staffNames(Scope scope, Collection<Long> ids) {
		return switch (scope.role().scopeKind()) {
			case PLATFORM -> names("select id, name from staff s where id in (:ids)", ids, Map.of());
			case COMPANY, STAFF -> scope.companyId() == null ? new HashMap<>()
					: names("select id, name from staff s where id in (:ids) and s.company_id = :scopeCompany", ids,
							Map.of("scopeCompany", scope.companyId()));
			default -> {
				var scoped = scopes.ofPeople(scope, "c.id", "c.community_code");
				yield names("""
						select id, name from staff s where id in (:ids) and exists (
						  select 1 from staff_compound sc join compound c on c.id = sc.compound_id where sc.staff_id = s.id and %s)"""
					.formatted(scoped.sql()), ids, scoped.params());
			}
		};
	}

	private Map<Long, String> names(String sql, Collection<Long> ids, Map<String, ?> params) {
		var names = new HashMap<Long, String>();
		if (!ids.isEmpty()) {
			jdbc.sql(sql).params(params).param("ids", ids).query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
		}
		return names;
	}

	/** A compound placed on a map. */
	public record CompoundPlace(long id, String name, String communityCode, double latitude, double longitude, long households) {
	}

	/** The compounds of a region (code prefix) that have coordinates, for maps. */
	public List<CompoundPlace> compoundPlaces(String regionPrefix) {
		return jdbc.sql("""
				select id, name, community_code, latitude, longitude, households from compound
				where community_code like :p and latitude is not null and longitude is not null order by id""")
			.param("p", regionPrefix + "%")
			.query((rs, n) -> new CompoundPlace(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6)))
			.list();
	}

	/** The compound nearest to a point within {@code maxMeters} (equirectangular distance is exact enough at city scale). */
	public Optional<Long> compoundNear(double lat, double lon, double maxMeters) {
		return jdbc.sql("""
				select id from (
				  select id, 6371000 * sqrt(power(radians(latitude::float8 - :lat), 2)
				    + power(radians(longitude::float8 - :lon) * cos(radians(:lat)), 2)) as d
				  from compound where latitude between :lat - 0.05 and :lat + 0.05 and longitude between :lon - 0.05 and :lon + 0.05) near
				where d <= :max order by d limit 1""")
			.param("lat", lat).param("lon", lon).param("max", maxMeters).query(Long.class).optional();
	}

	/** Compounds whose name or address occurs in a free-text address. */
	public List<Long> compoundsInAddress(String address) {
		return jdbc.sql("""
				select id from compound where strpos(:a, name) > 0 or (address is not null and length(address) >= 4 and strpos(:a, address) > 0)
				order by length(name) desc limit 5""")
			.param("a", address).query(Long.class).list();
	}

	/** Compounds of a community (id → name), for drilling from a community into its compounds. */
	public Map<Long, String> compoundsOfCommunity(String communityCode) {
		var m = new LinkedHashMap<Long, String>();
		jdbc.sql("select id, name from compound where community_code = :c order by name").param("c", communityCode)
			.query((rs, n) -> m.put(rs.getLong(1), rs.getString(2))).list();
		return m;
	}

	public List<Long> compoundIdsIn(String regionCode) {
		return jdbc.sql("select id from compound where community_code like :p order by id").param("p", regionCode + "%").query(Long.class).list();
	}

	/** Whether a company has a contract in force for some compound in the region. */
	public boolean companyServesIn(long companyId, String regionCode) {
		return jdbc.sql("""
				select exists (select 1 from service_contract sc join compound c on c.id = sc.compound_id
				where sc.company_id = :co and c.community_code like :p and :today between sc.starts_on and sc.ends_on)""")
			.param("co", companyId).param("p", regionCode + "%").param("today", scopes.today()).query(Boolean.class).single();
	}

	/** Companies with a contract in force in the region, by name. */
	public Map<Long, String> companiesServingIn(String regionCode) {
		var m = new LinkedHashMap<Long, String>();
		jdbc.sql("""
				select distinct pc.id, pc.name from property_company pc join service_contract sc on sc.company_id = pc.id
				join compound c on c.id = sc.compound_id where c.community_code like :p and :today between sc.starts_on and sc.ends_on
				order by pc.name""")
			.param("p", regionCode + "%").param("today", scopes.today())
			.query((rs, n) -> m.put(rs.getLong(1), rs.getString(2))).list();
		return m;
	}
}
