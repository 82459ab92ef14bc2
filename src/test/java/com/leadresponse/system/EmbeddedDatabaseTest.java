package com.leadresponse.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.leadresponse.LeadResponseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no database configured the product runs its own PostgreSQL, and its data survives
 * a restart (SPEC 2).
 */
class EmbeddedDatabaseTest {

	@TempDir
	Path dataDir;

	@Test
	void embeddedDatabaseKeepsDataAcrossRestarts() {
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
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(LeadResponseApplication.class)
			.properties("server.port=0", "cron.scheduler-enabled=false", "lead-response.data-dir=" + this.dataDir,
					"admin.email=admin@example.com", "admin.password=embedded-test-password")
			.run();
	}

}
