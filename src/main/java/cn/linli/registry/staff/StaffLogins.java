package cn.linli.registry.staff;

import java.util.Collection;
import java.util.Map;

/**
 * Which staff members have a login, for the staff list. Logins belong to the identity module,
 * which depends on this one; it implements this port so that the registry need not know it.
 */
public interface StaffLogins {

	/** Staff id → the username of its working login; staff without one are absent. */
	Map<Long, String> loginsOf(Collection<Long> staffIds);
}
