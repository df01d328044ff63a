package cn.linli.registry.staff;

import java.util.HashMap;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryChanged;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.PhoneNumber;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** A company's staff and the compounds each serves. */
@Service
@Transactional
public class RegisteringStaff {

	private static final String SELECT = """
			select s.*, pc.name as company_name,
			  array(select sc.compound_id from staff_compound sc where sc.staff_id = s.id order by sc.compound_id) as compound_ids
			from staff s join property_company pc on pc.id = s.company_id
			""";

	private final StaffRepository staff;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final CompoundScopes scopes;

	RegisteringStaff(StaffRepository staff, JdbcClient jdbc, ApplicationEventPublisher events, CompoundScopes scopes) {
		this.scopes = scopes;
		this.staff = staff;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** A company sees its staff; a staff member itself; a region the staff serving inside it. */
	private static String scopeSql(Scope scope, HashMap<String, Object> params) {
		return switch (scope.role()) {
			case COMPANY_ADMIN -> {
				params.put("scopeCompany", scope.companyId());
				yield "s.company_id = :scopeCompany";
			}
			case STAFF -> {
				params.put("scopeStaff", scope.staffId());
				yield "s.id = :scopeStaff";
			}
			case CITY, DISTRICT, STREET, COMMUNITY -> {
				params.put("scopePrefix", scope.regionCode() + "%");
				yield "s.id in (select sc.staff_id from staff_compound sc join compound c on c.id = sc.compound_id where c.community_code like :scopePrefix)";
			}
			default -> "false";
		};
	}

	@Transactional(readOnly = true)
	public PageResponse<StaffView> search(Scope scope, Long compoundId, Boolean gridWorker, PageRequest page) {
		var params = new HashMap<String, Object>();
		var where = new StringBuilder(" where ").append(scopeSql(scope, params));
		if (compoundId != null) {
			where.append(" and s.id in (select staff_id from staff_compound where compound_id = :compound)");
			params.put("compound", compoundId);
		}
		if (gridWorker != null) {
			where.append(" and s.grid_worker = :grid");
			params.put("grid", gridWorker);
		}
		long total = jdbc.sql("select count(*) from staff s" + where).params(params).query(Long.class).single();
		var rows = jdbc.sql(SELECT + where + " order by s.company_id, s.name, s.id limit :size offset :offset").params(params)
			.param("size", page.size()).param("offset", page.offset()).query(RegisteringStaff::view).list();
		return new PageResponse<>(rows, page.page(), page.size(), total);
	}

	@Transactional(readOnly = true)
	public StaffView get(Scope scope, long id) {
		var params = new HashMap<String, Object>();
		String sql = scopeSql(scope, params);
		return jdbc.sql(SELECT + " where s.id = :id and " + sql).params(params).param("id", id).query(RegisteringStaff::view)
			.optional().orElseThrow(() -> DomainException.notFound("从业人员"));
	}

	/** A staff member its company's admin manages (its login, its record): another company's is not found, a region's refused. */
	@Transactional(readOnly = true)
	public StaffView getManaged(Scope scope, long id) {
		var member = get(scope, id);
		RegistryPermissions.requireStaffManager(scope, member.companyId());
		return member;
	}

	/**
	 * Staff by name, to pick one when binding a login to it: the platform operator binds logins
	 * without reading staff records otherwise, so it gets any company's staff (name and company
	 * only, as the picker shows them); everyone else what its scope holds.
	 */
	@Transactional(readOnly = true)
	public List<StaffView> choices(Scope scope, String text, int limit) {
		var params = new HashMap<String, Object>();
		String scoped = scope.role() == cn.linli.shared.security.Role.ADMIN ? "true" : scopeSql(scope, params);
		params.put("q", "%" + (text == null ? "" : text.strip().replace("%", "").replace("_", "")) + "%");
		params.put("limit", limit);
		return jdbc.sql(SELECT + " where " + scoped + " and (s.name like :q or pc.name like :q) order by s.name, s.id limit :limit")
			.params(params).query(RegisteringStaff::view).list();
	}

	public StaffView hire(Scope scope, long companyId, StaffDetails details) {
		RegistryPermissions.requireStaffManager(scope, companyId);
		requireServed(companyId, details);
		var s = staff.save(Staff.hire(companyId, details));
		events.publishEvent(RegistryChanged.of("staff", "hired", s.id, s.name));
		return get(scope, s.id);
	}

	public StaffView revise(Scope scope, long id, StaffDetails details, Integer version) {
		var current = get(scope, id);
		RegistryPermissions.requireStaffManager(scope, current.companyId());
		requireServed(current.companyId(), details);
		var s = staff.findById(id).orElseThrow(() -> DomainException.notFound("从业人员"));
		s.revise(details, version);
		staff.save(s);
		events.publishEvent(RegistryChanged.of("staff", "revised", id, s.name));
		return get(scope, id);
	}

	/** Staff may only be assigned to compounds their company serves under a contract in force. */
	private void requireServed(long companyId, StaffDetails details) {
		if (details.compoundIds().isEmpty()) {
			return;
		}
		long served = jdbc.sql("""
				select count(distinct compound_id) from service_contract
				where company_id = :company and compound_id in (:ids) and :today between starts_on and ends_on""")
			.param("company", companyId).param("ids", details.compoundIds()).param("today", scopes.today())
			.query(Long.class).single();
		if (served != details.compoundIds().size()) {
			throw DomainException.invalid("compoundIds", "只能分配到本企业在服务期内的小区");
		}
	}

	private static StaffView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Long[] ids = (Long[]) rs.getArray("compound_ids").getArray();
		String phone = rs.getString("phone");
		return new StaffView(rs.getLong("id"), rs.getLong("company_id"), rs.getString("company_name"), rs.getString("name"),
				phone == null ? null : PhoneNumber.of(phone).masked(), rs.getBoolean("grid_worker"),
				rs.getBoolean("party_member"), List.of(ids), rs.getInt("version"));
	}
}
