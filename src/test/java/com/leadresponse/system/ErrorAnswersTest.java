package com.leadresponse.system;

import java.net.http.HttpRequest;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error answer of the JSON API is an RFC 9457 problem detail, those no controller
 * gives too (SPEC 3), and the JSON API speaks JSON only: a client asking for XML gets
 * 406, never XML cut off at a character XML cannot hold.
 */
class ErrorAnswersTest extends IntegrationTest {

	@Test
	void methodNotAllowedIsAProblemDetail() {
		Http.Answer answer = this.http.send(this.http.request("/api/leads")
			.header("Authorization", staffAuth())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{}")));

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("status").asInt()).isEqualTo(405);
		assertThat(answer.json().get("detail").asString()).contains("PUT");
	}

	@Test
	void unsupportedContentTypeIsAProblemDetail() {
		Http.Answer answer = this.http.send(this.http.request("/api/leads")
			.header("Content-Type", "text/plain")
			.header("X-Api-Key", API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString("name=A")));

		assertThat(answer.status()).isEqualTo(415);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("status").asInt()).isEqualTo(415);
		assertThat(answer.json().get("detail").asString()).contains("text/plain");
	}

	@Test
	void errorPageAskedForDirectlyIsNotFoundNotAServerError() {
		Http.Answer json = this.http.get("/error");
		Http.Answer page = this.http.get("/error", "Accept", "text/html");

		assertThat(json.status()).isEqualTo(404);
		assertThat(json.header("Content-Type")).startsWith("application/problem+json");
		assertThat(page.status()).isEqualTo(404);
	}

	@Test
	void jsonApiAnswersARequestForXmlWith406AndStaysWholeJsonOtherwise() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		this.jdbc.sql("UPDATE leads SET name = :name WHERE id = :id")
			.param("name", "Maria \u001b[31mLopez")
			.param("id", leadId)
			.update();
		createLead("Sam Hill", "+15125550177");

		Http.Answer xmlList = this.http.get("/api/leads", "Authorization", staffAuth(), "Accept", "application/xml");
		Http.Answer xmlLead = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth(), "Accept",
				"application/xml");
		Http.Answer jsonList = this.http.get("/api/leads", "Authorization", staffAuth());

		assertThat(xmlList.status()).isEqualTo(406);
		assertThat(xmlList.header("Content-Type")).startsWith("application/problem+json");
		assertThat(xmlLead.status()).isEqualTo(406);
		assertThat(jsonList.status()).isEqualTo(200);
		assertThat(jsonList.json().size()).isEqualTo(2);
		assertThat(jsonList.json().findValuesAsString("name")).contains("Maria \u001b[31mLopez", "Sam Hill");
	}

}
