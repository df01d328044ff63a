package cn.linli.shared.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL 17 whose data directory survives restarts: started when no external
 * database URL is configured, so that one command runs the whole platform on a bare machine.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	public static final String DATABASE = "linli";

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static EmbeddedDatabase start(Path dataDirectory, int port, boolean clean) {
		try {
			Files.createDirectories(dataDirectory);
			var builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(clean)
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", "256MB")
				.setServerConfig("timezone", "UTC")
				// zonky starts postgres with -F (fsync off) and synchronous_commit off, as for throw-away
				// test databases; each -c comes after -F on the command line and wins, so ours keeps what
				// it acknowledged, also through a power cut (EmbeddedDatabaseDurabilityTests)
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("synchronous_commit", "on")
				// zonky would stop postgres from its own JVM shutdown hook, in parallel with Spring's, so
				// that jobs and requests still finishing lost their database; the context stops it last instead
				.setRegisterShutdownHook(false);
			if (port > 0) {
				builder.setPort(port);
			}
			var postgres = builder.start();
			var db = new EmbeddedDatabase(postgres);
			db.createDatabaseIfMissing();
			log.info("Embedded PostgreSQL ready on port {} with data in {}", postgres.getPort(),
					dataDirectory.toAbsolutePath());
			return db;
		}
		catch (IOException e) {
			throw new IllegalStateException("无法启动内置 PostgreSQL，数据目录 " + dataDirectory, e);
		}
	}

	private void createDatabaseIfMissing() throws IOException {
		try (Connection c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
			var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
			if (!rs.next()) {
				s.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
			}
		}
		catch (SQLException e) {
			throw new IOException(e);
		}
	}

	public String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", DATABASE);
	}

	public int port() {
		return postgres.getPort();
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}
}
