package cn.linli.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.linli.shared.db.EmbeddedDatabase;

class EmbeddedDatabaseRestartTests {

	@TempDir
	Path dataDirectory;

	@Test
	void dataWrittenSurvivesAStopAndAStart() throws Exception {
		try (var db = EmbeddedDatabase.start(dataDirectory, 0, false);
				var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
				var s = c.createStatement()) {
			s.execute("create table survivor (id int primary key, name text)");
			s.execute("insert into survivor values (1, '威海')");
		}
		try (var db = EmbeddedDatabase.start(dataDirectory, 0, false);
				var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
				var s = c.createStatement()) {
			var rs = s.executeQuery("select name from survivor where id = 1");
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("威海");
		}
	}
}
