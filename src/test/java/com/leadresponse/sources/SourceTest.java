package com.leadresponse.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import tools.jackson.databind.node.ObjectNode;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What the connectors' tests share: the sources' sample payloads and their secrets. */
abstract class SourceTest extends IntegrationTest {

	static final String ANGI_KEY = "angi-key-0123456789abcdef";

	static final String THUMBTACK_USER = "thumbtack-webhook-user";

	static final String THUMBTACK_PASSWORD = "thumbtack-webhook-password-1";

	/** The key in the Google sample's {@code google_key}. */
	static final String GOOGLE_KEY = "google-ads-form-key-1234";

	/** A sample of {@code src/test/resources/sources/}, as its documentation shows it. */
	static String sample(String file) {
		try (InputStream in = SourceTest.class.getResourceAsStream("/sources/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The sample with a change, as JSON text. */
	static String sample(String file, Consumer<ObjectNode> change) {
		ObjectNode json = (ObjectNode) Http.JSON.readTree(sample(file));
		change.accept(json);
		return json.toString();
	}

	/** Sets connector secrets through the settings API, as an admin would. */
	void setSecrets(String json) {
		Http.Answer answer = this.http.patchJson("/api/settings", json, "Authorization", staffAuth());
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	int submissions() {
		return count("SELECT count(*) FROM lead_submissions");
	}

	int leads() {
		return count("SELECT count(*) FROM leads");
	}

	String outcome(String source) {
		return this.jdbc.sql("SELECT outcome FROM lead_submissions WHERE source = :source")
			.param("source", source)
			.query(String.class)
			.single();
	}

	String lastRefusal(String source) {
		return this.jdbc.sql("SELECT reason FROM source_refusals WHERE source = :source")
			.param("source", source)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
