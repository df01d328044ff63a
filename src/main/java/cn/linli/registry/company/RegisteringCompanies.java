package cn.linli.registry.company;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.PartyOrg;
import cn.linli.registry.RegistryChanged;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

@Service
@Transactional
public class RegisteringCompanies {

	private static final String SELECT = """
			select pc.*,
			  (select count(*) from service_contract sc where sc.company_id = pc.id and :today between sc.starts_on and sc.ends_on) as served,
			  (select count(*) from staff s where s.company_id = pc.id) as staff_count
			from property_company pc
			""";

	private final CompanyRepository companies;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final CompoundScopes scopes;

	RegisteringCompanies(CompanyRepository companies, JdbcClient jdbc, ApplicationEventPublisher events, CompoundScopes scopes) {
		this.scopes = scopes;
		this.companies = companies;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Which companies a caller sees: the city all; a region the companies serving inside it; a company itself. */
	private Map.Entry<String, Map<String, Object>> scopeSql(Scope scope) {
		var params = new HashMap<String, Object>();
		params.put("today", scopes.today());
		String sql = switch (scope.role()) {
			case CITY, ADMIN -> "true";
			case DISTRICT, STREET, COMMUNITY -> {
				params.put("scopePrefix", scope.regionCode() + "%");
				yield "pc.id in (select sc.company_id from service_contract sc join compound c on c.id = sc.compound_id where c.community_code like :scopePrefix)";
			}
			case COMPANY_ADMIN, STAFF -> {
				params.put("scopeCompany", scope.companyId());
				yield "pc.id = :scopeCompany";
			}
			case COMMITTEE, RESIDENT -> {
				if (scope.compoundIds().isEmpty()) {
					yield "false";
				}
				params.put("scopeCompounds", scope.compoundIds());
				yield "pc.id in (select sc.company_id from service_contract sc where sc.compound_id in (:scopeCompounds) and :today between sc.starts_on and sc.ends_on)";
			}
		};
		return Map.entry(sql, params);
	}

	@Transactional(readOnly = true)
	public PageResponse<CompanyView> search(Scope scope, String q, PartyOrg partyOrg, PageRequest page) {
		var scoped = scopeSql(scope);
		var params = new HashMap<>(scoped.getValue());
		var where = new StringBuilder(" where ").append(scoped.getKey());
		if (q != null && !q.isBlank()) {
			where.append(" and (pc.name like :q or pc.credit_code = :code)");
			params.put("q", "%" + q.trim().replace("%", "") + "%");
			params.put("code", q.trim().toUpperCase());
		}
		if (partyOrg != null) {
			where.append(" and pc.party_org = :party");
			params.put("party", partyOrg.name());
		}
		long total = jdbc.sql("select count(*) from property_company pc" + where).params(params).query(Long.class).single();
		var rows = jdbc.sql(SELECT + where + " order by pc.name, pc.id limit :size offset :offset").params(params)
			.param("size", page.size()).param("offset", page.offset()).query(RegisteringCompanies::view).list();
		return new PageResponse<>(rows, page.page(), page.size(), total);
	}

	@Transactional(readOnly = true)
	public CompanyView get(Scope scope, long id) {
		var scoped = scopeSql(scope);
		return jdbc.sql(SELECT + " where pc.id = :id and " + scoped.getKey()).params(scoped.getValue()).param("id", id)
			.query(RegisteringCompanies::view).optional().orElseThrow(() -> DomainException.notFound("物业服务企业"));
	}

	public CompanyView register(Scope scope, CompanyDetails details) {
		RegistryPermissions.requireCompanyRegistrar(scope);
		var company = companies.save(PropertyCompany.register(details));
		events.publishEvent(RegistryChanged.of("company", "registered", company.id, company.name));
		// the registrar sees what it just registered, even before a contract puts it in its area
		return jdbc.sql(SELECT + " where pc.id = :id").param("today", scopes.today()).param("id", company.id)
			.query(RegisteringCompanies::view).single();
	}

	public CompanyView revise(Scope scope, long id, CompanyDetails details, Integer version) {
		get(scope, id);
		RegistryPermissions.requireCompanyEditor(scope, id);
		var company = companies.findById(id).orElseThrow(() -> DomainException.notFound("物业服务企业"));
		company.revise(details, version);
		companies.save(company);
		events.publishEvent(RegistryChanged.of("company", "revised", id, company.name));
		return get(scope, id);
	}

	private static CompanyView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new CompanyView(rs.getLong("id"), rs.getString("name"), rs.getString("credit_code"),
				PartyOrg.valueOf(rs.getString("party_org")), rs.getString("phone"), rs.getString("address"),
				rs.getLong("served"), rs.getLong("staff_count"), rs.getInt("version"));
	}
}
