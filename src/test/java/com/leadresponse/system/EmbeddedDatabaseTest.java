package com.leadresponse.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

import com.leadresponse.LeadResponseApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With no configuration at all the product runs its own PostgreSQL, and its data survives
 * a restart (SPEC 2); the credentials made at the first start are made and printed only
 * once. That PostgreSQL is not open to the machine: it needs a password generated at the
 * first start and kept in the data directory for its owner only, listens on 127.0.0.1
 * alone, and keeps PostgreSQL's durable defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseTest {

	@TempDir
	Path dataDir;

	@Test
	void embeddedDatabaseKeepsDataAndFirstStartCredentialsAcrossRestarts(CapturedOutput output) {
		UUID id = UUID.randomUUID();
		try (ConfigurableApplicationContext first = start()) {
			first.getBean(JdbcClient.class).sql("""
					INSERT INTO leads (id, name, phone, status, created_at, last_activity_at)
					VALUES (:id, 'Kept', '+15125550134', 'won', now(), now())
					""").param("id", id).update();
		}
		assertThat(Files.isDirectory(this.dataDir.resolve("pg"))).isTrue();

		try (ConfigurableApplicationContext second = start()) {
			assertThat(second.getBean(JdbcClient.class)
				.sql("SELECT name FROM leads WHERE id = :id")
				.param("id", id)
				.query(String.class)
				.single()).isEqualTo("Kept");
			assertThat(
					second.getBean(JdbcClient.class).sql("SELECT count(*) FROM api_keys").query(Integer.class).single())
				.isEqualTo(1);
		}
		assertThat(output.getOut().split("Created the first intake API key", -1)).hasSize(2);
	}

	@Test
	void embeddedDatabaseNeedsItsGeneratedPasswordListensOnLoopbackOnlyAndIsDurable() throws Exception {
		try (ConfigurableApplicationContext product = start()) {
			int port = product.getBean(EmbeddedPostgres.class).getPort();
			Path passwordFile = this.dataDir.resolve("postgres-password");
			String password = Files.readString(passwordFile).strip();

			assertThat(Files.getPosixFilePermissions(passwordFile))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(password).hasSizeGreaterThanOrEqualTo(32);
			assertThatThrownBy(() -> connect("127.0.0.1", port, "")).isInstanceOf(SQLException.class)
				.hasMessageContaining("password");
			assertThatThrownBy(() -> connect("127.0.0.1", port, "postgres")).isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> connect("127.0.0.2", port, password)).as("not listening beyond 127.0.0.1")
				.isInstanceOf(SQLException.class);
			try (Connection connection = connect("127.0.0.1", port, password)) {
				assertThat(setting(connection, "listen_addresses")).isEqualTo("127.0.0.1");
				assertThat(setting(connection, "unix_socket_directories")).isEmpty();
				assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
				assertThat(setting(connection, "fsync")).isEqualTo("on");
				assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
			}
		}
	}

	@Test
	void dataDirectoryOfAnEarlierVersionKeepsItsDataAndNeedsThePasswordFromItsNextStart() throws Exception {
		// As earlier versions left it: trust for every local user, no password.
		try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDir.resolve("pg"))
			.setCleanDataDirectory(false)
			.start(); Connection connection = earlier.getPostgresDatabase().getConnection()) {
			connection.createStatement()
				.execute("CREATE SCHEMA earlier; CREATE TABLE earlier.kept (note text); "
						+ "INSERT INTO earlier.kept VALUES ('earlier')");
		}

		try (ConfigurableApplicationContext product = start()) {
			int port = product.getBean(EmbeddedPostgres.class).getPort();
			String password = Files.readString(this.dataDir.resolve("postgres-password")).strip();

			assertThat(
					product.getBean(JdbcClient.class).sql("SELECT note FROM earlier.kept").query(String.class).single())
				.isEqualTo("earlier");
			assertThatThrownBy(() -> connect("127.0.0.1", port, "")).isInstanceOf(SQLException.class);
			try (Connection connection = connect("127.0.0.1", port, password)) {
				assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
			}
		}
		try (ConfigurableApplicationContext again = start()) {
			assertThat(again.getBean(JdbcClient.class)
				.sql("SELECT count(*) FROM earlier.kept")
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
	}

	private static Connection connect(String host, int port, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", properties);
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (ResultSet rs = connection.createStatement().executeQuery("SHOW " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(LeadResponseApplication.class)
			.properties("server.port=0", "lead-response.periodic-pass.scheduler-enabled=false",
					"lead-response.data-dir=" + this.dataDir, "admin.email=admin@example.com",
					"admin.password=embedded-test-password", "lead.api-keys=")
			.run();
	}

}
