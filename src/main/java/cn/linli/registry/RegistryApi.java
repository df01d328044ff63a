package cn.linli.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.region.Region;
import cn.linli.region.RegionApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionLevel;
import cn.linli.shared.security.Scope;

/** What other modules may ask the registries: scope resolution, house matching and coverage. */
@Service
@Transactional(readOnly = true)
public class RegistryApi {

	private final JdbcClient jdbc;
	private final PersonalDataHasher hasher;
	private final RegionApi regions;

	RegistryApi(JdbcClient jdbc, PersonalDataHasher hasher, RegionApi regions) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.regions = regions;
	}

	/** The compounds a staff member serves — only while the company's contract for them is in force. */
	public Set<Long> compoundsOfStaff(long staffId) {
		return new HashSet<>(jdbc.sql("""
				select sc.compound_id from staff_compound sc join staff s on s.id = sc.staff_id
				join service_contract c on c.compound_id = sc.compound_id and c.company_id = s.company_id
				where sc.staff_id = :s and :today between c.starts_on and c.ends_on""")
			.param("s", staffId).param("today", CompoundScope.today()).query(Long.class).list());
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

	/** A house as a vote's roll needs it: its owners in order, the representative first. */
	public record HouseForRoll(long houseId, long buildingId, String kind, long areaCenti, List<Long> ownerIds,
			boolean developerHeld) {
	}

	/** What the owners' assembly's rules of procedure say about the roll and about 从众; both off without an assembly. */
	public record AssemblyRules(boolean parkingInRoll, boolean followMajority) {
	}

	public AssemblyRules assemblyRules(long compoundId) {
		return jdbc.sql("select parking_in_roll, follow_majority_enabled from owners_assembly where compound_id = :c").param("c", compoundId)
			.query((rs, n) -> new AssemblyRules(rs.getBoolean(1), rs.getBoolean(2))).optional().orElse(new AssemblyRules(false, false));
	}

	public Map<Long, String> ownerNames(Collection<Long> ownerIds) {
		var names = new HashMap<Long, String>();
		if (!ownerIds.isEmpty()) {
			jdbc.sql("select id, name from owner where id in (:ids)").param("ids", ownerIds)
				.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
		}
		return names;
	}

	/** An owner of a compound as a committee nominating candidates sees it. */
	public record OwnerEntry(long ownerId, String name, String houses) {
	}

	public List<OwnerEntry> ownersOfCompound(long compoundId) {
		return jdbc.sql("""
				select o.id, o.name, string_agg(b.name || case when h.unit = '' then '' else '-' || h.unit end || '-' || h.number, '、' order by h.id) as houses
				from owner o join house_owner ho on ho.owner_id = o.id join house h on h.id = ho.house_id join building b on b.id = h.building_id
				where b.compound_id = :c and h.kind in ('RESIDENTIAL', 'COMMERCIAL') group by o.id, o.name order by min(h.id)""")
			.param("c", compoundId).query((rs, n) -> new OwnerEntry(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	/** 1号楼-1单元-301 for each house id. */
	public Map<Long, String> houseLabels(Collection<Long> houseIds) {
		var labels = new HashMap<Long, String>();
		if (!houseIds.isEmpty()) {
			jdbc.sql("select h.id, b.name, h.unit, h.number from house h join building b on b.id = h.building_id where h.id in (:ids)")
				.param("ids", houseIds)
				.query((rs, n) -> labels.put(rs.getLong(1), rs.getString(2) + (rs.getString(3).isEmpty() ? "" : "-" + rs.getString(3)) + "-" + rs.getString(4)))
				.list();
		}
		return labels;
	}

	public boolean hasCommitteeInTerm(long compoundId) {
		return jdbc.sql("select exists (select 1 from owners_committee where compound_id = :c and :today >= formed_on and :today < term_ends_on)")
			.param("c", compoundId).param("today", CompoundScope.today()).query(Boolean.class).single();
	}

	public String communityOf(long compoundId) {
		return jdbc.sql("select community_code from compound where id = :id").param("id", compoundId).query(String.class)
			.optional().orElseThrow(() -> DomainException.notFound("小区"));
	}

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

	/**
	 * Coverage of a region and of each region (or, under a community, each compound) one level
	 * down, counting only what the scope may see.
	 */
	public CoverageReport coverage(Scope scope, String regionCode) {
		Region region = regions.get(regionCode);
		if (!(scope.overlapsRegion(regionCode) || scope.role().scopeKind() == cn.linli.shared.security.Role.ScopeKind.PLATFORM)) {
			throw DomainException.notFound("区划");
		}
		var scoped = CompoundScope.of(scope, "c.id", "c.community_code");
		boolean byCompound = region.level() == RegionLevel.COMMUNITY;
		int childLength = byCompound ? 0 : region.level().child().orElseThrow().codeLength();
		String group = byCompound ? "c.id::text" : "left(c.community_code, " + childLength + ")";
		var total = coverageRows(scoped, regionCode, ":prefixCode").getOrDefault(regionCode, null);
		var byChild = coverageRows(scoped, regionCode, group);
		var children = new ArrayList<Coverage>();
		if (byCompound) {
			jdbc.sql("select id, name from compound c where c.community_code = :code and " + scoped.sql() + " order by name")
				.params(scoped.params()).param("code", regionCode)
				.query((rs, n) -> children.add(named(byChild.get(rs.getString("id")), rs.getString("id"), rs.getString("name"))))
				.list();
		}
		else {
			for (Region child : regions.allChildren(regionCode)) {
				if (child.level() == RegionLevel.COMMUNITY && !byChild.containsKey(child.code())) {
					continue; // villages without compounds would drown the communities that have them
				}
				if (scope.overlapsRegion(child.code()) || !scope.isRegional()) {
					children.add(named(byChild.get(child.code()), child.code(), child.name()));
				}
			}
		}
		return new CoverageReport(region, named(total, regionCode, region.name()), children, byCompound);
	}

	public record CoverageReport(Region region, Coverage total, List<Coverage> children, boolean childrenAreCompounds) {
	}

	private static Coverage named(Coverage c, String code, String name) {
		return c == null ? new Coverage(code, name, 0, 0, 0, 0, 0, 0, 0, 0)
				: new Coverage(code, name, c.compounds(), c.served(), c.professional(), c.eligible(), c.committees(),
						c.companies(), c.partyCompanies(), c.gridWorkers());
	}

	private Map<String, Coverage> coverageRows(CompoundScope scoped, String regionCode, String groupExpr) {
		var params = new HashMap<String, Object>(scoped.params());
		params.put("prefix", regionCode + "%");
		params.put("prefixCode", regionCode);
		params.put("today", CompoundScope.today());
		params.put("eligible", Coverage.ELIGIBLE_HOUSEHOLDS);
		String sql = """
				with cs as (
				  select c.id, (%s)::text as grp, c.service_mode, c.households,
				    exists (select 1 from owners_committee oc where oc.compound_id = c.id and :today >= oc.formed_on and :today < oc.term_ends_on) as committee
				  from compound c where c.community_code like :prefix and %s),
				 comp as (
				  select cs.grp, count(*) as compounds,
				    count(*) filter (where service_mode <> 'NONE') as served,
				    count(*) filter (where service_mode = 'PROFESSIONAL') as professional,
				    count(*) filter (where households >= :eligible) as eligible,
				    count(*) filter (where committee and households >= :eligible) as committees
				  from cs group by cs.grp),
				 co as (
				  select cs.grp, count(distinct pc.id) as companies, count(distinct pc.id) filter (where pc.party_org <> 'NONE') as party
				  from cs join service_contract sc on sc.compound_id = cs.id and :today between sc.starts_on and sc.ends_on
				  join property_company pc on pc.id = sc.company_id group by cs.grp),
				 gw as (
				  select cs.grp, count(distinct s.id) as grid
				  from cs join staff_compound stc on stc.compound_id = cs.id join staff s on s.id = stc.staff_id and s.grid_worker
				  group by cs.grp)
				select comp.*, coalesce(co.companies, 0) as companies, coalesce(co.party, 0) as party, coalesce(gw.grid, 0) as grid
				from comp left join co on co.grp = comp.grp left join gw on gw.grp = comp.grp
				""".formatted(groupExpr, scoped.sql());
		var result = new LinkedHashMap<String, Coverage>();
		jdbc.sql(sql).params(params).query((rs, n) -> result.put(rs.getString("grp"),
				new Coverage(rs.getString("grp"), null, rs.getLong("compounds"), rs.getLong("served"),
						rs.getLong("professional"), rs.getLong("eligible"), rs.getLong("committees"), rs.getLong("companies"),
						rs.getLong("party"), rs.getLong("grid"))))
			.list();
		return result;
	}

	// ---- what appeals need ----

	/** A compound as intake routes to it: the company under a contract in force, unless the owners manage it themselves or nobody does. */
	public record CompoundFacts(long id, String name, String address, String communityCode, String serviceMode, Long companyId,
			int households, long buildingAreaCenti, Double latitude, Double longitude) {
	}

	public Optional<CompoundFacts> compoundFacts(long compoundId) {
		return jdbc.sql("""
				select c.id, c.name, c.address, c.community_code, c.service_mode,
				  case when c.service_mode in ('NONE', 'SELF') then null else
				    (select sc.company_id from service_contract sc where sc.compound_id = c.id and :today between sc.starts_on and sc.ends_on) end,
				  c.households, c.building_area_centi, c.latitude::float8, c.longitude::float8
				from compound c where c.id = :id""")
			.param("id", compoundId).param("today", CompoundScope.today())
			.query((rs, n) -> new CompoundFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					(Long) rs.getObject(6, Long.class), rs.getInt(7), rs.getLong(8), (Double) rs.getObject(9, Double.class),
					(Double) rs.getObject(10, Double.class)))
			.optional();
	}

	/** A house with its building and compound, and its label 1号楼-1单元-301. */
	public record HouseFacts(long houseId, long buildingId, String buildingName, long compoundId, String label) {
	}

	public Optional<HouseFacts> houseFacts(long houseId) {
		return jdbc.sql("select h.id, b.id, b.name, b.compound_id, h.unit, h.number from house h join building b on b.id = h.building_id where h.id = :h")
			.param("h", houseId)
			.query((rs, n) -> new HouseFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					rs.getString(3) + (rs.getString(5).isEmpty() ? "" : "-" + rs.getString(5)) + "-" + rs.getString(6)))
			.optional();
	}

	public record StaffEntry(long id, String name, long companyId, boolean gridWorker) {
	}

	/** Staff of a company assigned to a compound. */
	public List<StaffEntry> staffServing(long companyId, long compoundId) {
		return jdbc.sql("""
				select s.id, s.name, s.company_id, s.grid_worker from staff s join staff_compound sc on sc.staff_id = s.id
				where s.company_id = :co and sc.compound_id = :c order by s.id""")
			.param("co", companyId).param("c", compoundId)
			.query((rs, n) -> new StaffEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4))).list();
	}

	public Map<Long, String> companyNames(Collection<Long> ids) {
		return names("select id, name from property_company where id in (:ids)", ids);
	}

	public Map<Long, String> compoundNames(Collection<Long> ids) {
		return names("select id, name from compound where id in (:ids)", ids);
	}

	public Map<Long, String> buildingNames(Collection<Long> ids) {
		return names("select id, name from building where id in (:ids)", ids);
	}

	public Map<Long, String> staffNames(Collection<Long> ids) {
		return names("select id, name from staff where id in (:ids)", ids);
	}

	private Map<Long, String> names(String sql, Collection<Long> ids) {
		var names = new HashMap<Long, String>();
		if (!ids.isEmpty()) {
			jdbc.sql(sql).param("ids", ids).query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
		}
		return names;
	}

	/** Companies to re-dispatch to, by name. */
	public List<Map.Entry<Long, String>> companiesNamed(String text, int limit) {
		return jdbc.sql("select id, name from property_company where name like :q order by name limit :l")
			.param("q", "%" + (text == null ? "" : text.strip()) + "%").param("l", limit)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
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

	/** Households and building area of the compounds in a region, grouped by the first {@code groupLength} digits (0 = one total). */
	public record Size(long compounds, long households, long buildingAreaCenti) {
	}

	public Map<String, Size> sizeByRegion(String regionCode, int groupLength) {
		var sizes = new HashMap<String, Size>();
		String group = groupLength == 0 ? "''" : "substr(community_code, 1, " + groupLength + ")";
		jdbc.sql("select " + group + ", count(*), coalesce(sum(households), 0), coalesce(sum(building_area_centi), 0) from compound"
				+ " where community_code like :p group by 1")
			.param("p", regionCode + "%")
			.query((rs, n) -> sizes.put(rs.getString(1), new Size(rs.getLong(2), rs.getLong(3), rs.getLong(4)))).list();
		return sizes;
	}

	public Map<Long, Size> sizeOfCompounds(Collection<Long> ids) {
		var sizes = new HashMap<Long, Size>();
		if (!ids.isEmpty()) {
			jdbc.sql("select id, households, building_area_centi from compound where id in (:ids)").param("ids", ids)
				.query((rs, n) -> sizes.put(rs.getLong(1), new Size(1, rs.getLong(2), rs.getLong(3)))).list();
		}
		return sizes;
	}

	public Map<Long, Size> sizeOfCompaniesCompounds(long companyId) {
		var sizes = new HashMap<Long, Size>();
		jdbc.sql("""
				select c.id, c.households, c.building_area_centi from compound c join service_contract sc on sc.compound_id = c.id
				where sc.company_id = :co and :today between sc.starts_on and sc.ends_on""")
			.param("co", companyId).param("today", CompoundScope.today())
			.query((rs, n) -> sizes.put(rs.getLong(1), new Size(1, rs.getLong(2), rs.getLong(3)))).list();
		return sizes;
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
			.param("co", companyId).param("p", regionCode + "%").param("today", CompoundScope.today()).query(Boolean.class).single();
	}

	/** Companies with a contract in force in the region, by name. */
	public Map<Long, String> companiesServingIn(String regionCode) {
		var m = new LinkedHashMap<Long, String>();
		jdbc.sql("""
				select distinct pc.id, pc.name from property_company pc join service_contract sc on sc.company_id = pc.id
				join compound c on c.id = sc.compound_id where c.community_code like :p and :today between sc.starts_on and sc.ends_on
				order by pc.name""")
			.param("p", regionCode + "%").param("today", CompoundScope.today())
			.query((rs, n) -> m.put(rs.getLong(1), rs.getString(2))).list();
		return m;
	}
}
