package cn.linli.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.linli.region.Region;
import cn.linli.region.RegionApi;
import cn.linli.registry.domain.CompoundScope;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.shared.cache.Forget;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionLevel;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/** The registries counted: coverage (DOMAIN.md §4) and the sizes that appeal rates are taken per. */
@Service
@Transactional(readOnly = true)
public class RegistryFigures {

	private final JdbcClient jdbc;
	private final RegionApi regions;
	private final CompoundScopes scopes;
	/**
	 * Coverage and sizes by what was asked and the day: every supervisor's home reads them, and
	 * the registries change seldom and only through this module, whose every change empties the
	 * cache (when published and when committed). {@code linli.registry.figures-cache-ttl} (PT1M)
	 * bounds what a change made behind the platform's back, or a contract ending at midnight, waits.
	 */
	private final Cache<List<Object>, CoverageReport> coverages;
	private final Cache<List<Object>, Map<String, Size>> sizes;

	RegistryFigures(JdbcClient jdbc, RegionApi regions, CompoundScopes scopes,
			@Value("${linli.registry.figures-cache-ttl:PT1M}") Duration ttl) {
		this.coverages = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(5_000).build();
		this.sizes = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(5_000).build();
		this.jdbc = jdbc;
		this.regions = regions;
		this.scopes = scopes;
	}

	/**
	 * Coverage of a region and of each region (or, under a community, each compound) one level
	 * down, counting only what the scope may see.
	 */
	public CoverageReport coverage(Scope scope, String regionCode) {
		return coverages.get(List.of(scope, regionCode, scopes.today()), k -> readCoverage(scope, regionCode));
	}

	private CoverageReport readCoverage(Scope scope, String regionCode) {
		Region region = regions.get(regionCode);
		if (!(scope.overlapsRegion(regionCode) || scope.role().scopeKind() == Role.ScopeKind.PLATFORM)) {
			throw DomainException.notFound("区划");
		}
		var scoped = scopes.of(scope, "c.id", "c.community_code");
		boolean byCompound = region.level() == RegionLevel.COMMUNITY;
		int childLength = byCompound ? 0 : region.level().child().orElseThrow().codeLength();
		String group = byCompound ? "c.id::text" : "left(c.community_code, " + childLength + ")";
		var byChild = coverageRows(scoped, regionCode, group);
		var total = byChild.remove(TOTAL);
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
		return new CoverageReport(region, named(total, regionCode, region.name()), List.copyOf(children), byCompound);
	}

	public record CoverageReport(Region region, Coverage total, List<Coverage> children, boolean childrenAreCompounds) {
	}

	private static Coverage named(Coverage c, String code, String name) {
		return c == null ? new Coverage(code, name, 0, 0, 0, 0, 0, 0, 0, 0)
				: new Coverage(code, name, c.compounds(), c.served(), c.professional(), c.eligible(), c.committees(),
						c.companies(), c.partyCompanies(), c.gridWorkers());
	}

	/** The key of the region's own row among its children's in {@link #coverageRows}. */
	private static final String TOTAL = "";

	/** Each child's coverage and the region's own (keyed {@link #TOTAL}), in one pass over its compounds (grouping sets). */
	private Map<String, Coverage> coverageRows(CompoundScope scoped, String regionCode, String groupExpr) {
		var params = new HashMap<String, Object>(scoped.params());
		params.put("prefix", regionCode + "%");
		params.put("today", scopes.today());
		params.put("eligible", Coverage.ELIGIBLE_HOUSEHOLDS);
		// companies and grid workers are counted distinct, so the region's row is not the sum of its children's
		String key = "case when grouping(cs.grp) = 1 then '' else cs.grp end";
		String sql = """
				with cs as (
				  select c.id, (%s)::text as grp, c.service_mode, c.households,
				    exists (select 1 from owners_committee oc where oc.compound_id = c.id and :today >= oc.formed_on and :today < oc.term_ends_on) as committee
				  from compound c where c.community_code like :prefix and %s),
				 comp as (
				  select %s as grp, count(*) as compounds,
				    count(*) filter (where service_mode <> 'NONE') as served,
				    count(*) filter (where service_mode = 'PROFESSIONAL') as professional,
				    count(*) filter (where households >= :eligible) as eligible,
				    count(*) filter (where committee and households >= :eligible) as committees
				  from cs group by grouping sets ((cs.grp), ())),
				 co as (
				  select %s as grp, count(distinct pc.id) as companies, count(distinct pc.id) filter (where pc.party_org <> 'NONE') as party
				  from cs join service_contract sc on sc.compound_id = cs.id and :today between sc.starts_on and sc.ends_on
				  join property_company pc on pc.id = sc.company_id group by grouping sets ((cs.grp), ())),
				 gw as (
				  select %s as grp, count(distinct s.id) as grid
				  from cs join staff_compound stc on stc.compound_id = cs.id join staff s on s.id = stc.staff_id and s.grid_worker
				  group by grouping sets ((cs.grp), ()))
				select comp.*, coalesce(co.companies, 0) as companies, coalesce(co.party, 0) as party, coalesce(gw.grid, 0) as grid
				from comp left join co on co.grp = comp.grp left join gw on gw.grp = comp.grp
				""".formatted(groupExpr, scoped.sql(), key, key, key);
		var result = new LinkedHashMap<String, Coverage>();
		jdbc.sql(sql).params(params).query((rs, n) -> result.put(rs.getString("grp"),
				new Coverage(rs.getString("grp"), null, rs.getLong("compounds"), rs.getLong("served"),
						rs.getLong("professional"), rs.getLong("eligible"), rs.getLong("committees"), rs.getLong("companies"),
						rs.getLong("party"), rs.getLong("grid"))))
			.list();
		return result;
	}

	/** Households and building area of the compounds in a region, grouped by the first {@code groupLength} digits (0 = one total). */
	public record Size(long compounds, long households, long buildingAreaCenti) {
	}

	public Map<String, Size> sizeByRegion(String regionCode, int groupLength) {
		return sizes.get(List.of(regionCode, groupLength), k -> Map.copyOf(readSizes(regionCode, groupLength)));
	}

	@EventListener
	void on(RegistryChanged e) {
		Forget.nowAndAfterCommit(coverages);
		Forget.nowAndAfterCommit(sizes);
	}

	private Map<String, Size> readSizes(String regionCode, int groupLength) {
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
			.param("co", companyId).param("today", scopes.today())
			.query((rs, n) -> sizes.put(rs.getLong(1), new Size(1, rs.getLong(2), rs.getLong(3)))).list();
		return sizes;
	}
}
