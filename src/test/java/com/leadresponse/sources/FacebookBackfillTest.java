package com.leadresponse.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.GraphStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 9, a Meta lead is never lost: each form a webhook came for is read back from the
 * Graph API every hour (its bulk read, {@code GET /{form_id}/leads}), so a lead whose
 * webhook never came (the service down for longer than Meta retries) still becomes a
 * lead, once; the form's leads from before its first webhook here never do.
 */
class FacebookBackfillTest extends SourceTest {

	private static final String FORM = "12341234";

	private static final String LEADGEN_ID = "123123123123";

	private static final String PHONE = "+15125550177";

	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
		.withZone(ZoneOffset.UTC);

	/** The webhook's lead, made a minute ago on Meta. */
	@BeforeEach
	void graphKnowsTheWebhooksLead() {
		graph.knows(FORM, LEADGEN_ID, sample("facebook-graph-lead.json",
				(lead) -> lead.put("created_time", graphTime(Duration.ofMinutes(-1)))));
	}

	private String graphTime(Duration fromNow) {
		return GRAPH_TIME.format(this.clock.instant().plus(fromNow));
	}

	/** A lead of the form on Graph, with its phone, made {@code fromNow} from now. */
	private void missed(String leadgenId, String phone, Duration fromNow) {
		graph.knows(FORM, leadgenId, sample("facebook-graph-lead.json", (lead) -> {
			lead.put("id", leadgenId);
			lead.put("created_time", graphTime(fromNow));
			((tools.jackson.databind.node.ObjectNode) lead.get("field_data").get(1)).putArray("values").add(phone);
		}));
	}

	/** The webhook of the form's first lead, and that lead read and texted. */
	private void webhookCame() {
		String body = sample("facebook-leadgen-webhook.json");
		assertThat(this.http
			.postJson("/api/sources/facebook", body, "X-Hub-Signature-256",
					FacebookConnectorTest.signature(body, GraphStandIn.APP_SECRET))
			.status()).isEqualTo(200);
		runDueBackgroundTasks();
		awaitAcceptedTo(PHONE, 1);
	}

	private int readBack(PeriodicPass pass) {
		return pass.runOnce().report().get(FacebookBackfill.FIGURE);
	}

	private List<String> formReads() {
		return graph.requests().stream().filter((path) -> path.endsWith("/" + FORM + "/leads")).toList();
	}

	@Test
	void aLeadWhoseWebhookNeverCameIsReadBackAtTheFormsNextTurnAndTextedOnce() {
		webhookCame();
		missed("555000111", "+15125550178", Duration.ofMinutes(10));

		this.clock.advance(Duration.ofMinutes(30));
		int early = readBack(this.periodicPass);
		this.clock.advance(Duration.ofMinutes(31));
		int due = readBack(this.periodicPass);
		awaitAcceptedTo("+15125550178", 1);
		this.clock.advance(Duration.ofMinutes(61));
		int again = readBack(this.periodicPass);
		awaitPipelineIdle();

		assertThat(early).isZero();
		assertThat(due).isEqualTo(1);
		assertThat(again).isZero();
		assertThat(formReads()).hasSize(2);
		assertThat(leads()).isEqualTo(2);
		assertThat(this.jdbc.sql("""
				SELECT s.source || '|' || s.outcome || '|' || (s.payload ->> 'id') FROM lead_submissions s
				JOIN leads l ON l.id = s.lead_id WHERE l.phone = '+15125550178'
				""").query(String.class).single()).isEqualTo("facebook|created|555000111");
		assertThat(twilio.receivedFor("+15125550178")).hasSize(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void aFormsLeadsFromBeforeItsFirstWebhookHereAreNeverReadBack() {
		missed("555000222", "+15125550179", Duration.ofDays(-2));
		webhookCame();

		this.clock.advance(Duration.ofMinutes(61));
		int read = readBack(this.periodicPass);
		awaitPipelineIdle();

		assertThat(read).isZero();
		assertThat(formReads()).hasSize(1);
		assertThat(leads()).isEqualTo(1);
		assertThat(twilio.receivedFor("+15125550179")).isEmpty();
	}

	@Test
	void everyPageIsAskedForByItsCursorNeverByTheAnswersNextLink() {
		webhookCame();
		for (int i = 0; i < 5; i++) {
			missed("55500030" + i, "+1512555018" + i, Duration.ofMinutes(i + 1));
		}
		graph.maxPage(2);
		// A client that followed "next" would send the token to a port nobody listens on.
		graph.nextLinksTo("http://127.0.0.1:9");

		this.clock.advance(Duration.ofMinutes(61));
		int read = readBack(this.periodicPass);

		assertThat(read).isEqualTo(5);
		assertThat(formReads()).hasSize(3);
		assertThat(leads()).isEqualTo(6);
		for (int i = 0; i < 5; i++) {
			awaitAcceptedTo("+1512555018" + i, 1);
		}
	}

	@Test
	void aFailedReadBackIsNotedAndTheFormsNextTurnReadsWhatItMissed() {
		webhookCame();
		missed("555000444", "+15125550190", Duration.ofMinutes(5));
		graph.failNext(1);

		this.clock.advance(Duration.ofMinutes(61));
		int failed = readBack(this.periodicPass);
		String error = this.jdbc.sql("SELECT last_error FROM facebook_forms").query(String.class).single();
		this.clock.advance(Duration.ofMinutes(61));
		int read = readBack(this.periodicPass);

		assertThat(failed).isZero();
		assertThat(error).startsWith("The Graph API answered 500").doesNotContain(GraphStandIn.PAGE_ACCESS_TOKEN);
		assertThat(read).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM facebook_forms WHERE last_error IS NULL AND last_read_at IS NOT NULL"))
			.isEqualTo(1);
		awaitAcceptedTo("+15125550190", 1);
	}

	@Test
	void twoInstancesReadingBackAtTheSameMomentMakeEachMissedLeadOnce() {
		webhookCame();
		for (int i = 0; i < 3; i++) {
			missed("55500050" + i, "+1512555019" + (i + 1), Duration.ofMinutes(i + 1));
		}
		PeriodicPass second = secondInstance().bean(PeriodicPass.class);

		this.clock.advance(Duration.ofMinutes(61));
		List<Integer> read = Concurrently.run(2, (i) -> readBack((i == 0) ? this.periodicPass : second));
		awaitPipelineIdle();

		assertThat(read.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
		assertThat(formReads()).hasSize(1);
		assertThat(leads()).isEqualTo(4);
		for (int i = 0; i < 3; i++) {
			awaitAcceptedTo("+1512555019" + (i + 1), 1);
			assertThat(twilio.receivedFor("+1512555019" + (i + 1))).hasSize(1);
		}
	}

}
