package cn.linli.identity.administration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.region.Region;
import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.company.RegisteringCompanies;
import cn.linli.registry.compound.CompoundQuery;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.staff.RegisteringStaff;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** The operator's view of users, each with the scope it is bound to by name, and the choices its pickers offer. */
@Service
@Transactional(readOnly = true)
public class UserDirectory {

	/** The user directory is the platform operator's: its pages admit only ADMIN, which names staff to give them logins. */
	private static final Scope OPERATOR = Scope.platform();

	/** How many choices a picker shows: enough to find one by a few characters of its name. */
	static final int CHOICES = 20;

	private final JdbcClient jdbc;
	private final RegionApi regions;
	private final RegistryDirectory directory;
	private final RegisteringCompanies companies;
	private final RegisteringCompounds compounds;
	private final RegisteringStaff staff;
	private final Clock clock;

	UserDirectory(JdbcClient jdbc, RegionApi regions, RegistryDirectory directory, RegisteringCompanies companies, RegisteringCompounds compounds,
			RegisteringStaff staff, Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.directory = directory;
		this.companies = companies;
		this.compounds = compounds;
		this.staff = staff;
		this.clock = clock;
	}

	public record UserView(long id, String username, String displayName, Role role, String scope, boolean enabled, boolean locked,
			boolean mustChangePassword, boolean hasPassword, Instant passwordChangedAt, Instant createdAt, int version) {

		public String roleLabel() {
			return role.label();
		}

		public String statusLabel() {
			if (!enabled) {
				return "已停用";
			}
			if (locked) {
				return "锁定中";
			}
			return mustChangePassword ? "待修改临时密码" : "正常";
		}
	}

	/** One choice of a picker. */
	public record Choice(long id, String label) {
	}

	private record Row(long id, String username, String displayName, Role role, String regionCode, Long companyId, Long staffId,
			Long compoundId, boolean enabled, boolean locked, boolean mustChange, boolean hasPassword, Instant changedAt,
			Instant createdAt, int version) {
	}

	public PageResponse<UserView> list(String q, PageRequest page) {
		String where = q == null || q.isBlank() ? "" : " where username like :q or display_name like :q";
		var count = jdbc.sql("select count(*) from app_user" + where);
		var rows = jdbc.sql("select * from app_user" + where + " order by id limit :size offset :offset");
		if (!where.isEmpty()) {
			String pattern = "%" + q.trim().replace("%", "").replace("_", "") + "%";
			count = count.param("q", pattern);
			rows = rows.param("q", pattern);
		}
		long total = count.query(Long.class).single();
		Instant now = clock.instant();
		var found = rows.param("size", page.size()).param("offset", page.offset()).query((rs, n) -> row(rs, now)).list();
		return new PageResponse<>(labelled(found), page.page(), page.size(), total);
	}

	public UserView get(long id) {
		Instant now = clock.instant();
		return jdbc.sql("select * from app_user where id = :id").param("id", id).query((rs, n) -> row(rs, now)).optional()
			.map(r -> labelled(List.of(r)).get(0)).orElseThrow(() -> DomainException.notFound("用户"));
	}

	public List<Choice> companyChoices(Scope scope, String q) {
		return companies.search(scope, q, null, new PageRequest(0, CHOICES)).content().stream()
			.map(c -> new Choice(c.id(), c.name())).toList();
	}

	public List<Choice> compoundChoices(Scope scope, String q) {
		return compounds.search(scope, new CompoundQuery(null, q, null), new PageRequest(0, CHOICES)).content().stream()
			.map(c -> new Choice(c.id(), c.name() + "（" + c.communityName() + "）")).toList();
	}

	public List<Choice> staffChoices(Scope scope, String q) {
		return staff.choices(scope, q, CHOICES).stream().map(s -> new Choice(s.id(), s.name() + "（" + s.companyName() + "）")).toList();
	}

	/** The choice a form had picked, to show it again with its name when the form comes back with errors. */
	public List<Choice> picked(String kind, String id) {
		if (id == null || !id.trim().matches("\\d{1,18}")) {
			return List.of();
		}
		long value = Long.parseLong(id.trim());
		var names = switch (kind) {
			case "company" -> directory.companyNames(List.of(value));
			case "compound" -> directory.compoundNames(List.of(value));
			case "staff" -> directory.staffNames(OPERATOR, List.of(value));
			default -> Map.<Long, String>of();
		};
		return names.containsKey(value) ? List.of(new Choice(value, names.get(value))) : List.of();
	}

	private static Row row(ResultSet rs, Instant now) throws SQLException {
		var locked = rs.getTimestamp("locked_until");
		var changed = rs.getTimestamp("password_changed_at");
		return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
				rs.getString("region_code"), rs.getObject("company_id", Long.class), rs.getObject("staff_id", Long.class),
				rs.getObject("compound_id", Long.class), rs.getBoolean("enabled"), locked != null && locked.toInstant().isAfter(now),
				rs.getBoolean("must_change_password"), rs.getString("password_hash") != null,
				changed == null ? null : changed.toInstant(), rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));
	}

	/** Scopes by name (one look-up per kind for the whole page), never by a bare number. */
	private List<UserView> labelled(List<Row> rows) {
		var companyIds = new HashSet<Long>();
		var staffIds = new HashSet<Long>();
		var compoundIds = new HashSet<Long>();
		for (var r : rows) {
			if (r.companyId() != null) {
				companyIds.add(r.companyId());
			}
			if (r.staffId() != null) {
				staffIds.add(r.staffId());
			}
			if (r.compoundId() != null) {
				compoundIds.add(r.compoundId());
			}
		}
		var companyNames = directory.companyNames(companyIds);
		var staffNames = directory.staffNames(OPERATOR, staffIds);
		var compoundNames = directory.compoundNames(compoundIds);
		var regionNames = new HashMap<String, String>();
		rows.stream().map(Row::regionCode).filter(Objects::nonNull).distinct()
			.forEach(code -> regionNames.put(code, regions.find(code).map(Region::name).orElse("区划")));
		return rows.stream().map(r -> new UserView(r.id(), r.username(), r.displayName(), r.role(),
				scopeLabel(r, regionNames, companyNames, staffNames, compoundNames), r.enabled(), r.locked(), r.mustChange(),
				r.hasPassword(), r.changedAt(), r.createdAt(), r.version())).toList();
	}

	private static String scopeLabel(Row r, Map<String, String> regionNames, Map<Long, String> companyNames, Map<Long, String> staffNames,
			Map<Long, String> compoundNames) {
		if (r.regionCode() != null) {
			return regionNames.get(r.regionCode()) + " " + r.regionCode();
		}
		if (r.staffId() != null) {
			return "从业人员 " + staffNames.getOrDefault(r.staffId(), "#" + r.staffId());
		}
		if (r.companyId() != null) {
			return "企业 " + companyNames.getOrDefault(r.companyId(), "#" + r.companyId());
		}
		if (r.compoundId() != null) {
			return "小区 " + compoundNames.getOrDefault(r.compoundId(), "#" + r.compoundId());
		}
		return r.role() == Role.RESIDENT ? "本人房屋" : "平台";
	}
}
