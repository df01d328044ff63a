package cn.linli.region.importing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.region.Region;
import cn.linli.region.RegionImportReport;
import cn.linli.region.RegionsImported;
import cn.linli.region.importing.RegionImportRejected.LineError;
import cn.linli.shared.domain.RegionLevel;
import cn.linli.shared.security.CurrentActor;

/**
 * Imports a division file set in one transaction: every row is validated while it streams into
 * a staging table by COPY, and only a set without a single error is merged (codes are the keys;
 * changed names update, identical rows are left alone).
 */
@Service
public class RegionImporter {

	private static final Logger log = LoggerFactory.getLogger(RegionImporter.class);

	static final int MAX_REPORTED_ERRORS = 200;

	private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setTrim(true).get();

	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	RegionImporter(DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Reports rows read so far in a file; called every few thousand rows. */
	public interface Progress {
		Progress NONE = (file, rows) -> {
		};

		void at(String file, long rows);
	}

	@Transactional
	public RegionImportReport importFiles(RegionFileSet files, Progress progress) {
		long started = System.currentTimeMillis();
		if (files.files().isEmpty()) {
			throw new RegionImportRejected(List.of(new LineError("-", 0, "未找到任何区划文件（应为 provinces.csv、cities.csv、areas.csv、streets.csv、villages.csv）")));
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			jdbc.sql("create temp table region_stage (code varchar(12), name varchar(100), level smallint, parent_code varchar(12), urban boolean) on commit drop")
				.update();
			var validation = new Validation(existingCodes());
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy region_stage from stdin");
			try {
				var buffer = new StringBuilder(1 << 17);
				for (RegionLevel level : RegionLevel.values()) {
					if (files.files().containsKey(level)) {
						readLevel(files, level, validation, buffer, copy, progress);
					}
				}
				flush(buffer, copy, true);
				if (!validation.errors.isEmpty()) {
					copy.cancelCopy();
					throw new RegionImportRejected(validation.errors);
				}
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			var counts = merge();
			long total = validation.rows;
			var report = new RegionImportReport(files.source(), counts[0], counts[1], total - counts[0] - counts[1],
					System.currentTimeMillis() - started);
			jdbc.sql("""
					insert into region_import (finished_at, source, inserted, updated, unchanged, actor_name)
					values (:finished, :source, :inserted, :updated, :unchanged, :actor)""")
				.param("finished", java.sql.Timestamp.from(clock.instant()))
				.param("source", report.source())
				.param("inserted", report.inserted())
				.param("updated", report.updated())
				.param("unchanged", report.unchanged())
				.param("actor", CurrentActor.find().map(a -> a.username()).orElse("system"))
				.update();
			events.publishEvent(new RegionsImported(report));
			log.info("Region import from {}: {} new, {} updated, {} unchanged in {} ms", report.source(), report.inserted(),
					report.updated(), report.unchanged(), report.millis());
			return report;
		}
		catch (SQLException | IOException e) {
			throw new IllegalStateException("区划导入失败：" + e.getMessage(), e);
		}
	}

	private Set<Long> existingCodes() {
		var codes = new HashSet<Long>();
		jdbc.sql("select code from region").query((rs, n) -> codes.add(Long.parseLong(rs.getString(1)))).list();
		return codes;
	}

	private void readLevel(RegionFileSet files, RegionLevel level, Validation validation, StringBuilder buffer,
			CopyIn copy, Progress progress) throws IOException, SQLException {
		String file = RegionFileSet.FILE_NAMES.get(level);
		List<String> expected = RegionFileSet.HEADERS.get(level);
		try (Reader reader = files.reader(level); CSVParser parser = CSV.parse(reader)) {
			long line = 0;
			for (CSVRecord record : parser) {
				line = record.getRecordNumber();
				if (line == 1) {
					if (!record.toList().equals(expected)) {
						validation.error(file, 1, "表头错误：应为 " + String.join(",", expected) + "，实为 " + String.join(",", record.toList()));
						return;
					}
					continue;
				}
				String row = validation.check(file, line, level, record);
				if (row != null && validation.errors.isEmpty()) {
					buffer.append(row);
					flush(buffer, copy, false);
				}
				if (line % 20_000 == 0) {
					progress.at(file, line - 1);
				}
			}
			progress.at(file, Math.max(0, line - 1));
		}
		catch (java.io.UncheckedIOException e) {
			validation.error(file, 0, "无法读取 CSV：" + e.getMessage());
		}
	}

	private static void flush(StringBuilder buffer, CopyIn copy, boolean force) throws SQLException {
		if (buffer.length() > 0 && (force || buffer.length() > (1 << 16))) {
			byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
			copy.writeToCopy(bytes, 0, bytes.length);
			buffer.setLength(0);
		}
	}

	/** Returns {inserted, updated}. */
	private long[] merge() {
		return jdbc.sql("""
				with merged as (
				    insert into region (code, name, level, parent_code, urban)
				    select code, name, level, parent_code, urban from region_stage order by level, code
				    on conflict (code) do update
				        set name = excluded.name, parent_code = excluded.parent_code, urban = excluded.urban, level = excluded.level
				        where (region.name, region.parent_code, region.urban) is distinct from (excluded.name, excluded.parent_code, excluded.urban)
				    returning (xmax = 0) as inserted)
				select count(*) filter (where inserted), count(*) filter (where not inserted) from merged""")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	/** Checks each row against its level's rules, its parent and the codes seen before it. */
	static final class Validation {

		final List<LineError> errors = new ArrayList<>();
		private final Set<Long> existing;
		private final Map<Long, Long> seen = new HashMap<>(1 << 20);
		long rows;

		Validation(Set<Long> existing) {
			this.existing = existing;
		}

		void error(String file, long line, String message) {
			if (errors.size() < MAX_REPORTED_ERRORS) {
				errors.add(new LineError(file, line, message));
			}
		}

		/** The staging row in COPY text format, or null when the row is refused or a repeat. */
		String check(String file, long line, RegionLevel level, CSVRecord record) {
			int columns = RegionFileSet.HEADERS.get(level).size();
			if (record.size() != columns) {
				error(file, line, "列数错误：应为 " + columns + " 列，实为 " + record.size() + " 列");
				return null;
			}
			String code = record.get(0);
			String name = record.get(1);
			if (!isDigits(code) || code.length() != level.codeLength()) {
				error(file, line, "代码格式错误：" + level.label() + "级代码应为 " + level.codeLength() + " 位数字，实为「" + code + "」");
				return null;
			}
			if (name.isEmpty() || name.length() > 100) {
				error(file, line, "名称为空或超过100字");
				return null;
			}
			String parent = level == RegionLevel.PROVINCE ? null : record.get(2);
			// a repeated code is checked first: its parent column tells the two rows apart
			long key = Long.parseLong(code);
			Long before = seen.get(key);
			if (before != null) {
				if (!String.valueOf(before).equals(parent == null ? "-1" : parent)) {
					error(file, line, "代码「" + code + "」重复且上级不同");
				}
				return null;
			}
			if (parent != null) {
				int parentLength = RegionLevel.values()[level.ordinal() - 1].codeLength();
				if (!isDigits(parent) || parent.length() != parentLength || !code.startsWith(parent)) {
					error(file, line, "上级代码「" + parent + "」与代码「" + code + "」不符");
					return null;
				}
				for (int c = 3; c < columns; c++) {
					String ancestor = record.get(c);
					if (!isDigits(ancestor) || !code.startsWith(ancestor)) {
						error(file, line, "上级代码「" + ancestor + "」与代码「" + code + "」不符");
						return null;
					}
				}
				long parentKey = Long.parseLong(parent);
				if (!seen.containsKey(parentKey) && !existing.contains(parentKey)) {
					error(file, line, "上级区划「" + parent + "」不存在");
					return null;
				}
			}
			seen.put(key, parent == null ? -1 : Long.parseLong(parent));
			rows++;
			String urban = level == RegionLevel.COMMUNITY ? String.valueOf(isUrban(code, name)) : "\\N";
			return code + '\t' + escape(name) + '\t' + (level.ordinal() + 1) + '\t' + (parent == null ? "\\N" : parent)
					+ '\t' + urban + '\n';
		}

		/** 居委会/社区 are urban; 村委会 rural; otherwise the statistical rule (urban-rural code 001–199 urban). */
		static boolean isUrban(String code, String name) {
			if (name.endsWith("村委会") || name.endsWith("村民委员会")) {
				return false;
			}
			if (name.endsWith("居委会") || name.endsWith("居民委员会") || name.endsWith("社区")) {
				return true;
			}
			return Integer.parseInt(code.substring(9)) < 200;
		}

		private static boolean isDigits(String s) {
			if (s == null || s.isEmpty()) {
				return false;
			}
			for (int i = 0; i < s.length(); i++) {
				if (s.charAt(i) < '0' || s.charAt(i) > '9') {
					return false;
				}
			}
			return true;
		}

		private static String escape(String s) {
			if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
				return s;
			}
			return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
		}
	}
}
