package cn.linli.registry.contract;

import java.time.LocalDate;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryChanged;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** Service contracts: at most one in force per compound, which the database enforces. */
@Service
@Transactional
public class RecordingContracts {

	private static final String SELECT = """
			select sc.*, c.name as compound_name, pc.name as company_name,
			       (:today between sc.starts_on and sc.ends_on) as in_force
			from service_contract sc
			join compound c on c.id = sc.compound_id
			join property_company pc on pc.id = sc.company_id
			""";

	private final ContractRepository contracts;
	private final RegisteringCompounds compounds;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final CompoundScopes scopes;

	RecordingContracts(ContractRepository contracts, RegisteringCompounds compounds, JdbcClient jdbc,
			ApplicationEventPublisher events, CompoundScopes scopes) {
		this.scopes = scopes;
		this.contracts = contracts;
		this.compounds = compounds;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** A company's people see only their own company's contracts, even on a compound they once served. */
	private static String companyFilter(Scope scope) {
		return scope.role() == Role.COMPANY_ADMIN || scope.role() == Role.STAFF ? " and sc.company_id = :scopeCompany" : "";
	}

	@Transactional(readOnly = true)
	public List<ContractView> list(Scope scope, Long compoundId, Long companyId) {
		return query(scope, compoundId, companyId, new PageRequest(0, 500), false).content();
	}

	/** One page of the contracts the caller may see, newest first, with the total. */
	@Transactional(readOnly = true)
	public PageResponse<ContractView> page(Scope scope, Long compoundId, Long companyId, PageRequest page) {
		return query(scope, compoundId, companyId, page, true);
	}

	/** The rows of a page; the total only when asked (a compound's or company's page shows all, not a count). */
	private PageResponse<ContractView> query(Scope scope, Long compoundId, Long companyId, PageRequest page, boolean counted) {
		if (scope.role() == Role.ADMIN) {
			return new PageResponse<>(List.of(), page.page(), page.size(), 0);
		}
		var scoped = scopes.of(scope, "c.id", "c.community_code");
		var where = new StringBuilder(" where ").append(scoped.sql()).append(companyFilter(scope));
		if (compoundId != null) {
			where.append(" and sc.compound_id = :compound");
		}
		if (companyId != null) {
			where.append(" and sc.company_id = :company");
		}
		var params = new java.util.HashMap<String, Object>(scoped.params());
		params.put("today", scopes.today());
		if (scope.companyId() != null && !companyFilter(scope).isEmpty()) {
			params.put("scopeCompany", scope.companyId());
		}
		if (compoundId != null) {
			params.put("compound", compoundId);
		}
		if (companyId != null) {
			params.put("company", companyId);
		}
		var rows = jdbc.sql(SELECT + where + " order by sc.starts_on desc, sc.id desc limit :limit offset :offset").params(params)
			.param("limit", page.size()).param("offset", page.offset()).query(RecordingContracts::view).list();
		long total = !counted ? rows.size()
				: jdbc.sql("select count(*) from service_contract sc join compound c on c.id = sc.compound_id" + where).params(params)
					.query(Long.class).single();
		return new PageResponse<>(rows, page.page(), page.size(), total);
	}

	@Transactional(readOnly = true)
	public ContractView get(Scope scope, long id) {
		if (scope.role() == Role.ADMIN) {
			throw DomainException.notFound("物业服务合同");
		}
		var scoped = scopes.of(scope, "c.id", "c.community_code");
		var query = jdbc.sql(SELECT + " where sc.id = :id and " + scoped.sql() + companyFilter(scope)).params(scoped.params())
			.param("today", scopes.today()).param("id", id);
		if (!companyFilter(scope).isEmpty()) {
			query = query.param("scopeCompany", scope.companyId());
		}
		return query.query(RecordingContracts::view).optional().orElseThrow(() -> DomainException.notFound("物业服务合同"));
	}

	public ContractView sign(Scope scope, long compoundId, String companyCreditCode, LocalDate startsOn, LocalDate endsOn,
			Long feeFen) {
		var compound = compounds.get(scope, compoundId);
		RegistryPermissions.requireRegionalOver(scope, compound.communityCode());
		var code = CreditCode.of(companyCreditCode);
		// the company register is public (企业信用信息公示): a contract may name any registered company
		long companyId = jdbc.sql("select id from property_company where credit_code = :code").param("code", code.value())
			.query(Long.class).optional()
			.orElseThrow(() -> DomainException.invalid("companyCreditCode", "未找到统一社会信用代码为 " + code + " 的物业服务企业"));
		var contract = contracts.save(ServiceContract.sign(compoundId, companyId, startsOn, endsOn, feeFen));
		events.publishEvent(RegistryChanged.of("contract", "signed", contract.id,
				"compound " + compoundId + " company " + companyId + " " + startsOn + "–" + endsOn));
		return get(scope, contract.id);
	}

	public ContractView terminate(Scope scope, long id, LocalDate lastDay, Integer version) {
		var view = get(scope, id);
		var compound = compounds.get(scope, view.compoundId());
		RegistryPermissions.requireRegionalOver(scope, compound.communityCode());
		var contract = contracts.findById(id).orElseThrow(() -> DomainException.notFound("物业服务合同"));
		contract.terminate(lastDay, version);
		contracts.save(contract);
		events.publishEvent(RegistryChanged.of("contract", "terminated", id, "last day " + lastDay));
		return get(scope, id);
	}

	private static ContractView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ContractView(rs.getLong("id"), rs.getLong("compound_id"), rs.getString("compound_name"),
				rs.getLong("company_id"), rs.getString("company_name"), rs.getObject("starts_on", LocalDate.class),
				rs.getObject("ends_on", LocalDate.class), (Long) rs.getObject("fee_fen"), rs.getBoolean("in_force"),
				rs.getInt("version"));
	}
}
