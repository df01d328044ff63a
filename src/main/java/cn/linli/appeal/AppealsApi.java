package cn.linli.appeal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.open311.Open311Clients;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.shared.security.Actor;

/** What other modules may ask the appeal module beyond its events. */
@Service
@Transactional(readOnly = true)
public class AppealsApi {

	private final JdbcClient jdbc;
	private final Open311Clients open311;
	private final AppealQueries queries;

	AppealsApi(JdbcClient jdbc, Open311Clients open311, AppealQueries queries) {
		this.jdbc = jdbc;
		this.open311 = open311;
		this.queries = queries;
	}

	/** What waits for the caller as handler and as supervisor, for its home page. */
	public Workload workload(Actor actor) {
		return queries.workload(actor);
	}

	/** Residents who backed an appeal (+1), to be told how it goes. */
	public List<Long> supportersOf(long appealId) {
		return jdbc.sql("select user_id from appeal_supporter where appeal_id = :a order by user_id").param("a", appealId).query(Long.class).list();
	}

	/** The appeal categories' names by code, in their order (for pages and reports of other modules). */
	public java.util.Map<String, String> categoryNames() {
		var out = new java.util.LinkedHashMap<String, String>();
		jdbc.sql("select code, name from appeal_category order by sort").query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
		return out;
	}

	/** For a demo: an Open311 client whose key is exactly {@code key} (stored hashed, as every key). */
	@Transactional
	public void ensureDemoOpen311Key(String key) {
		open311.ensureDemoKey(key);
	}
}
