package cn.linli.registry.compound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryChanged;
import cn.linli.registry.ServiceMode;
import cn.linli.registry.domain.Cells;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.csv.CsvImportRejected;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Registering, revising, finding, importing and exporting compounds, always within a scope. */
@Service
@Transactional
public class RegisteringCompounds {

	/** The columns of the compound file; the template, the export and the import share them. */
	public static final Csv.Columns COLUMNS = Csv.Columns.of(
			"name", "小区名称", "必填，不超过100字；同一社区同名的小区会被更新",
			"address", "地址", "可空",
			"communityCode", "所属社区代码", "12位社区/村级区划代码，须在您的辖区内",
			"latitude", "纬度", "可空，最多6位小数",
			"longitude", "经度", "可空，最多6位小数",
			"households", "户数", "整数 0–100000",
			"buildingArea", "建筑面积（㎡）", "可空，最多两位小数",
			"yearBuilt", "建成年份", "可空，1900–2100",
			"oldCompound", "老旧小区（是/否）", "是 或 否",
			"serviceMode", "物业服务模式", String.join("、", Arrays.stream(ServiceMode.values()).map(ServiceMode::label).toList()));

	private static final String SELECT = """
			select c.*, r.name as community_name, pc.id as company_id, pc.name as company_name
			from compound c
			join region r on r.code = c.community_code
			left join service_contract sc on sc.compound_id = c.id and :today between sc.starts_on and sc.ends_on
			left join property_company pc on pc.id = sc.company_id
			""";

	private final CompoundRepository compounds;
	private final JdbcClient jdbc;
	private final RegionApi regions;
	private final ApplicationEventPublisher events;
	private final CompoundScopes scopes;

	RegisteringCompounds(CompoundRepository compounds, JdbcClient jdbc, RegionApi regions, ApplicationEventPublisher events, CompoundScopes scopes) {
		this.scopes = scopes;
		this.compounds = compounds;
		this.jdbc = jdbc;
		this.regions = regions;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public PageResponse<CompoundView> search(Scope scope, CompoundQuery query, PageRequest page) {
		var scoped = scopes.of(scope, "c.id", "c.community_code");
		var where = new StringBuilder(" where ").append(scoped.sql());
		var params = new HashMap<String, Object>(scoped.params());
		params.put("today", scopes.today());
		if (query.region() != null) {
			where.append(" and c.community_code like :region");
			params.put("region", query.region() + "%");
		}
		if (query.q() != null) {
			where.append(" and (c.name like :q or c.address like :q)");
			params.put("q", "%" + query.q().replace("%", "").replace("_", "") + "%");
		}
		if (query.serviceMode() != null) {
			where.append(" and c.service_mode = :mode");
			params.put("mode", query.serviceMode().name());
		}
		long total = jdbc.sql("select count(*) from compound c" + where).params(params).query(Long.class).single();
		var rows = jdbc.sql(SELECT + where + " order by c.community_code, c.name, c.id limit :size offset :offset")
			.params(params).param("size", page.size()).param("offset", page.offset())
			.query((rs, n) -> CompoundView.of(rs)).list();
		return new PageResponse<>(rows, page.page(), page.size(), total);
	}

	@Transactional(readOnly = true)
	public Optional<CompoundView> find(Scope scope, long id) {
		var scoped = scopes.of(scope, "c.id", "c.community_code");
		return jdbc.sql(SELECT + " where c.id = :id and " + scoped.sql()).params(scoped.params())
			.param("today", scopes.today()).param("id", id).query((rs, n) -> CompoundView.of(rs)).optional();
	}

	@Transactional(readOnly = true)
	public CompoundView get(Scope scope, long id) {
		return find(scope, id).orElseThrow(() -> DomainException.notFound("小区"));
	}

	public CompoundView register(Scope scope, CompoundDetails details) {
		checkCommunity(scope, details.communityCode());
		var compound = compounds.save(Compound.register(details));
		events.publishEvent(RegistryChanged.of("compound", "registered", compound.id, compound.name));
		return get(scope, compound.id);
	}

	public CompoundView revise(Scope scope, long id, CompoundDetails details, Integer version) {
		get(scope, id);
		var compound = compounds.findById(id).orElseThrow(() -> DomainException.notFound("小区"));
		RegistryPermissions.requireRegionalOver(scope, compound.communityCode);
		checkCommunity(scope, details.communityCode());
		compound.revise(details, version);
		compounds.save(compound);
		events.publishEvent(RegistryChanged.of("compound", "revised", id, compound.name));
		return get(scope, id);
	}

	private void checkCommunity(Scope scope, String communityCode) {
		RegistryPermissions.requireRegionalOver(scope, communityCode);
		if (regions.find(communityCode).isEmpty()) {
			throw DomainException.invalid("communityCode", "社区代码 " + communityCode + " 不存在");
		}
	}

	@Transactional(readOnly = true)
	public void exportCsv(Scope scope, CompoundQuery query, OutputStream out) throws IOException {
		try (var printer = Csv.printer(out, COLUMNS)) {
			int page = 0;
			PageResponse<CompoundView> batch;
			do {
				batch = search(scope, query, new PageRequest(page++, 500));
				for (var c : batch.content()) {
					printer.printRecord(c.name(), c.address(), c.communityCode(), c.latitude(), c.longitude(), c.households(),
							c.buildingArea(), c.yearBuilt(), Cells.yesNo(c.oldCompound()), c.serviceMode().label());
				}
			}
			while (batch.hasNext());
		}
	}

	/** Creates new compounds and revises existing ones (keyed by community and name); all or nothing. */
	public CsvResult importCsv(Scope scope, InputStream in) throws IOException {
		var rows = Csv.read(in, COLUMNS, (r, line) -> {
			var d = new CompoundDetails(r.get(0), Cells.blank(r.get(1)), r.get(2), Cells.decimal(r.get(3), "latitude"),
					Cells.decimal(r.get(4), "longitude"), Cells.integer(r.get(5), "households"),
					r.get(6).isBlank() ? new Area(0) : Area.parse(r.get(6)), r.get(7).isBlank() ? null : Cells.integer(r.get(7), "yearBuilt"),
					Cells.bool(r.get(8), "oldCompound"), Cells.choice(ServiceMode.class, ServiceMode::label, r.get(9), "serviceMode"));
			if (!scope.coversRegion(d.communityCode())) {
				throw DomainException.invalid("communityCode", "社区 " + d.communityCode() + " 不在您的辖区内");
			}
			if (regions.find(d.communityCode()).isEmpty()) {
				throw DomainException.invalid("communityCode", "社区代码 " + d.communityCode() + " 不存在");
			}
			return d;
		});
		var errors = new ArrayList<CsvImportRejected.LineError>();
		var seen = new java.util.HashSet<String>();
		for (int i = 0; i < rows.size(); i++) {
			var d = rows.get(i);
			if (!seen.add(d.communityCode() + "/" + d.name())) {
				errors.add(new CsvImportRejected.LineError(i + 2, "与前面的行重复（同一社区同名小区）"));
			}
		}
		Csv.rejectLines(errors);
		int created = 0;
		int revised = 0;
		for (var d : rows) {
			Long existing = jdbc.sql("select id from compound where community_code = :code and name = :name")
				.param("code", d.communityCode()).param("name", d.name()).query(Long.class).optional().orElse(null);
			if (existing == null) {
				register(scope, d);
				created++;
			}
			else {
				revise(scope, existing, d, null);
				revised++;
			}
		}
		return new CsvResult(created, revised);
	}

	public record CsvResult(int created, int updated) {
	}
}
