package cn.linli.region;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionLevel;

/** How other modules read the region hierarchy. Divisions are public data: no scope applies. */
@Service
@Transactional(readOnly = true)
public class RegionApi {

	private static final RowMapper<Region> ROW = (rs, n) -> new Region(rs.getString("code"), rs.getString("name"),
			RegionLevel.values()[rs.getInt("level") - 1], rs.getString("parent_code"), (Boolean) rs.getObject("urban"));

	private final JdbcClient jdbc;

	RegionApi(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Region> find(String code) {
		return jdbc.sql("select * from region where code = :code").param("code", code).query(ROW).optional();
	}

	public Region get(String code) {
		return find(code).orElseThrow(() -> DomainException.notFound("区划 " + code));
	}

	/** The region and its ancestors, top first (province … region). */
	public List<Region> chain(String code) {
		var chain = new ArrayList<Region>();
		var current = find(code);
		while (current.isPresent()) {
			chain.add(current.get());
			current = current.get().parentCode() == null ? Optional.empty() : find(current.get().parentCode());
		}
		Collections.reverse(chain);
		if (chain.isEmpty()) {
			throw DomainException.notFound("区划 " + code);
		}
		return chain;
	}

	public RegionPage children(String code, int page, int size) {
		get(code);
		long total = jdbc.sql("select count(*) from region where parent_code = :code").param("code", code)
			.query(Long.class).single();
		var rows = jdbc.sql("select * from region where parent_code = :code order by code limit :size offset :offset")
			.param("code", code).param("size", size).param("offset", (long) page * size).query(ROW).list();
		return new RegionPage(rows, page, size, total);
	}

	public List<Region> allChildren(String code) {
		return jdbc.sql("select * from region where parent_code = :code order by code").param("code", code).query(ROW).list();
	}

	/** Urban communities (社区居委会) under a region, by code. */
	public List<Region> urbanCommunities(String underCode) {
		return jdbc.sql("select * from region where level = 5 and urban and code like :prefix order by code")
			.param("prefix", underCode + "%").query(ROW).list();
	}

	public long countAtLevel(RegionLevel level, String underCode) {
		return jdbc.sql("select count(*) from region where level = :level and code like :prefix")
			.param("level", level.ordinal() + 1).param("prefix", underCode + "%").query(Long.class).single();
	}

	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from region)").query(Boolean.class).single();
	}

	public record RegionPage(List<Region> content, int page, int size, long totalElements) {
		public long totalPages() {
			return (totalElements + size - 1) / Math.max(1, size);
		}
	}
}
