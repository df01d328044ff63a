package cn.linli.identity;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask about users: which registered owners a resident account speaks for. */
@Service
@Transactional(readOnly = true)
public class IdentityApi {

	private final JdbcClient jdbc;

	IdentityApi(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Owners (registry ids) a resident has proven to be, by binding a house as its owner; tenants have none. */
	public Set<Long> ownerIdsOf(long userId) {
		return Set.copyOf(jdbc.sql("select distinct rb.owner_id from resident_binding rb where rb.user_id = :u and rb.relation = 'OWNER' and "
				+ ValidBindings.CONDITION).param("u", userId).query(Long.class).list());
	}
}
