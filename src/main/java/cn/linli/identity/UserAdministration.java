package cn.linli.identity;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryApi;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Role;
import cn.linli.shared.web.PageRequest;
import cn.linli.shared.web.PageResponse;

/** The platform operator creates users and binds each to its role's scope. */
@Service
@Transactional
public class UserAdministration {

	private final UserRepository users;
	private final PasswordEncoder encoder;
	private final RegionApi regions;
	private final RegistryApi registry;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	UserAdministration(UserRepository users, PasswordEncoder encoder, RegionApi regions, RegistryApi registry,
			JdbcClient jdbc, ApplicationEventPublisher events) {
		this.users = users;
		this.encoder = encoder;
		this.regions = regions;
		this.registry = registry;
		this.jdbc = jdbc;
		this.events = events;
	}

	public record UserView(long id, String username, String displayName, Role role, String scope, boolean enabled,
			boolean locked, int version) {
		public String roleLabel() {
			return role.label();
		}
	}

	public long create(NewUser user, String password) {
		if (password == null || password.length() < 8 || password.length() > 128) {
			throw DomainException.invalid("password", "密码至少8位");
		}
		if (user.regionCode() != null && regions.find(user.regionCode()).isEmpty()) {
			throw DomainException.invalid("regionCode", "区划代码 " + user.regionCode() + " 不存在");
		}
		if (user.companyId() != null && !registry.companyExists(user.companyId())) {
			throw DomainException.invalid("companyId", "企业不存在");
		}
		if (user.staffId() != null && !registry.staffExists(user.staffId())) {
			throw DomainException.invalid("staffId", "从业人员不存在");
		}
		if (user.compoundId() != null && !registry.compoundExists(user.compoundId())) {
			throw DomainException.invalid("compoundId", "小区不存在");
		}
		if (users.findByUsername(user.username()).isPresent()) {
			throw DomainException.conflict("username-taken", "用户名已存在");
		}
		var saved = users.save(UserAccount.create(user, encoder.encode(password)));
		events.publishEvent(IdentityChanged.of("user", "created", saved.id, saved.username + " " + saved.role));
		return saved.id;
	}

	/**
	 * Registers a resident on their behalf (代办, e.g. at the community office), bound as owner of a
	 * house they are registered for.
	 */
	public long createBoundResident(String username, String phone, String displayName, String password, long houseId, long ownerId) {
		var number = cn.linli.shared.domain.PhoneNumber.of(phone);
		if (!registry.isOwnerOf(ownerId, houseId)) {
			throw DomainException.invalid("ownerId", "该业主未登记为此房屋的业主");
		}
		NewUser.requireValidUsername(username);
		var account = UserAccount.resident(number.value(), username);
		account.displayName = displayName;
		account.passwordHash = password == null ? null : encoder.encode(password);
		var saved = users.save(account);
		jdbc.sql("insert into resident_binding (user_id, house_id, relation, owner_id) values (:u, :h, 'OWNER', :o)")
			.param("u", saved.id).param("h", houseId).param("o", ownerId).update();
		events.publishEvent(IdentityChanged.of("user", "resident-registered", saved.id, "house " + houseId));
		return saved.id;
	}

	public void setEnabled(long id, boolean enabled, Integer version) {
		var user = users.findById(id).orElseThrow(() -> DomainException.notFound("用户"));
		user.setEnabled(enabled, version);
		users.save(user);
		events.publishEvent(IdentityChanged.of("user", enabled ? "enabled" : "disabled", id, user.username));
	}

	@Transactional(readOnly = true)
	public PageResponse<UserView> list(String q, PageRequest page) {
		String where = q == null || q.isBlank() ? "" : " where username like :q or display_name like :q";
		var count = jdbc.sql("select count(*) from app_user" + where);
		var rows = jdbc.sql("select * from app_user" + where + " order by id limit :size offset :offset");
		if (!where.isEmpty()) {
			count = count.param("q", "%" + q.trim() + "%");
			rows = rows.param("q", "%" + q.trim() + "%");
		}
		long total = count.query(Long.class).single();
		List<UserView> content = rows.param("size", page.size()).param("offset", page.offset())
			.query((rs, n) -> new UserView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
					Role.valueOf(rs.getString("role")), scopeLabel(rs), rs.getBoolean("enabled"),
					rs.getTimestamp("locked_until") != null && rs.getTimestamp("locked_until").toInstant().isAfter(java.time.Instant.now()),
					rs.getInt("version")))
			.list();
		return new PageResponse<>(content, page.page(), page.size(), total);
	}

	private static String scopeLabel(java.sql.ResultSet rs) throws java.sql.SQLException {
		if (rs.getString("region_code") != null) {
			return "区划 " + rs.getString("region_code");
		}
		if (rs.getObject("staff_id") != null) {
			return "从业人员 #" + rs.getLong("staff_id");
		}
		if (rs.getObject("company_id") != null) {
			return "企业 #" + rs.getLong("company_id");
		}
		if (rs.getObject("compound_id") != null) {
			return "小区 #" + rs.getLong("compound_id");
		}
		return rs.getString("role").equals("RESIDENT") ? "本人房屋" : "平台";
	}
}
