package com.leadresponse.sources;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * A request to a connector: its headers and its body's bytes as received (Meta signs the
 * bytes), read as JSON when the connector asks.
 */
final class SourceRequest {

	private final HttpHeaders headers;

	private final byte[] body;

	private final JsonMapper json;

	private JsonNode parsed;

	SourceRequest(HttpHeaders headers, byte[] body, JsonMapper json) {
		this.headers = headers;
		this.body = (body != null) ? body : new byte[0];
		this.json = json;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	byte[] body() {
		return this.body;
	}

	/** The body as text, as it is stored in {@code lead_submissions.payload}. */
	String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** The body as a JSON object. */
	JsonNode json() {
		if (this.parsed == null) {
			try {
				JsonNode node = this.json.readTree(this.body);
				if (node == null || !node.isObject()) {
					throw MalformedPayloadException.notJson();
				}
				this.parsed = node;
			}
			catch (JacksonException ex) {
				throw MalformedPayloadException.notJson();
			}
		}
		return this.parsed;
	}

}
