package com.leadresponse.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.leadresponse.LeadResponseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no configuration at all the product runs its own PostgreSQL, and its data survives
 * a restart (SPEC 2); the credentials made at the first start are made and printed only
 * once.
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

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(LeadResponseApplication.class)
			.properties("server.port=0", "lead-response.periodic-pass.scheduler-enabled=false",
					"lead-response.data-dir=" + this.dataDir, "admin.email=admin@example.com",
					"admin.password=embedded-test-password", "lead.api-keys=")
			.run();
	}

}
