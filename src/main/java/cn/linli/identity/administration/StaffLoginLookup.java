package cn.linli.identity.administration;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.staff.StaffLogins;

/** Tells the registry's staff list which staff members have a working login. */
@Component
class StaffLoginLookup implements StaffLogins {

	private final JdbcClient jdbc;

	StaffLoginLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, String> loginsOf(Collection<Long> staffIds) {
		var logins = new HashMap<Long, String>();
		if (!staffIds.isEmpty()) {
			jdbc.sql("select staff_id, username from app_user where role = 'STAFF' and enabled and staff_id in (:ids)").param("ids", staffIds)
				.query((rs, n) -> logins.put(rs.getLong(1), rs.getString(2))).list();
		}
		return logins;
	}
}
