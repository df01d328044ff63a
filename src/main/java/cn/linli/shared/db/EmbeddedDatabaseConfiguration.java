package cn.linli.shared.db;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Starts the embedded database only when {@code spring.datasource.url} is not set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(@Value("${linli.embedded.data-dir:./data/postgres}") String dataDir,
			@Value("${linli.embedded.port:0}") int port, @Value("${linli.embedded.clean:false}") boolean clean) {
		return EmbeddedDatabase.start(Path.of(dataDir), port, clean);
	}

	@Bean
	DataSource dataSource(EmbeddedDatabase database, @Value("${linli.embedded.pool-size:20}") int poolSize) {
		var config = new HikariConfig();
		config.setJdbcUrl(database.jdbcUrl());
		config.setUsername("postgres");
		config.setMaximumPoolSize(poolSize);
		config.setPoolName("linli-embedded");
		return new HikariDataSource(config);
	}
}
