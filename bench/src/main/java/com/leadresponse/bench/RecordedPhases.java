package com.leadresponse.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recorded part of each phase: requests of the phase's kinds sent one at a time to
 * the recording product, a second process of the same jar with the same configuration
 * whose connections alone have the server log every statement, while the measured product
 * waits. Logging every statement cost PostgreSQL about 15% of its throughput (pgbench's
 * built-in TPC-B-like script, 10 clients, on the benchmark's machine), so the measured
 * product's connections log nothing and its figures do not pay for the record.
 */
final class RecordedPhases {

	static final String APPLICATION = "lead-response-recorded";

	/** Enough for the most common shape of a fresh webhook to show. */
	static final int FRESH_WEBHOOKS = 10;

	static final int DUPLICATE_WEBHOOKS = 3;

	static final int REJECTED_WEBHOOKS = 3;

	static final int LEADS = 5;

	/**
	 * More than one batch of the sweep (200), so that a full and a partial batch show.
	 */
	static final int SWEEP_LEADS = 250;

	/** More than two batches of the expiry pass (50). */
	static final int EXPIRED_LEADS = 120;

	/** What the webhook phase recorded: each request and what it alone sent. */
	record Webhooks(List<WebhookScript.Webhook> fresh, List<List<RecordedStatement>> duplicates,
			List<List<RecordedStatement>> rejected, long unexpected) {
	}

	private record Answer(int status, long sentMillis, long answeredMillis) {
	}

	private final ProductProcess product;

	private final StatementRecorder recorder;

	private final BenchDatabase database;

	private final ProviderStandIn provider;

	private final LoadGenerator load;

	RecordedPhases(ProductProcess product, StatementRecorder recorder, BenchDatabase database, ProviderStandIn provider,
			LoadGenerator load) {
		this.product = product;
		this.recorder = recorder;
		this.database = database;
		this.provider = provider;
		this.load = load;
	}

	/**
	 * Fresh webhooks from seeded leads, copies of some of them, and wrongly signed ones,
	 * each captured on its own so that the statements of one request are known.
	 */
	Webhooks webhooks() throws Exception {
		this.recorder.begin("webhooks");
		WebhookCalls calls = new WebhookCalls(this.product.uri(WebhookCalls.PATH));
		List<WebhookScript.Webhook> fresh = new ArrayList<>();
		List<Map<String, String>> sent = new ArrayList<>();
		long unexpected = 0;
		for (int i = 0; i < FRESH_WEBHOOKS; i++) {
			Map<String, String> params = WebhookCalls.inbound(40_000_000L + 7L * i);
			StatementRecorder.Captured<Answer> call = this.recorder.capture(() -> send(calls.signed(params)));
			unexpected += (call.result().status() == 200) ? 0 : 1;
			String from = params.get("From");
			String leadId = this.database.value("SELECT id FROM leads WHERE phone = '" + from + "'");
			fresh.add(new WebhookScript.Webhook(params.get("MessageSid"), from, leadId, call.result().sentMillis(),
					call.result().answeredMillis(), call.statements()));
			sent.add(params);
		}
		List<List<RecordedStatement>> duplicates = new ArrayList<>();
		for (int i = 0; i < DUPLICATE_WEBHOOKS; i++) {
			Map<String, String> params = sent.get(i);
			StatementRecorder.Captured<Answer> call = this.recorder.capture(() -> send(calls.signed(params)));
			unexpected += (call.result().status() == 200) ? 0 : 1;
			duplicates.add(call.statements());
		}
		List<List<RecordedStatement>> rejected = new ArrayList<>();
		for (int i = 0; i < REJECTED_WEBHOOKS; i++) {
			Map<String, String> params = WebhookCalls.inbound(41_000_000L + i);
			StatementRecorder.Captured<Answer> call = this.recorder.capture(() -> send(calls.wronglySigned(params)));
			unexpected += (call.result().status() == 403) ? 0 : 1;
			rejected.add(call.statements());
		}
		this.recorder.end();
		return new Webhooks(fresh, duplicates, rejected, unexpected);
	}

	/** New leads posted to the intake, and their instant responses sent. */
	void speed() throws Exception {
		this.recorder.begin("speed");
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < LEADS; i++) {
			String phone = "+1512" + (5_000_001 + i);
			phones.add(phone);
			send(this.product.intakeRequest("Recorded Lead" + i, phone));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (phones.stream().anyMatch((p) -> this.provider.firstArrivalTo(p) == null)
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		this.database.awaitSendsSettled(Duration.ofSeconds(30));
		this.recorder.end();
	}

	/** A periodic pass over a few due follow-ups, until their sends are recorded. */
	void sweep() throws Exception {
		this.database.seed(Seeds.dueFollowUps("swr-", "738", SWEEP_LEADS), "ANALYZE leads");
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.recorder.begin("sweep");
		System.out.println("  recorded cron pass: " + this.product.cronPass());
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.recorder.end();
	}

	/** A periodic pass over a few expired sequences. */
	void expiry() throws Exception {
		this.database.seed(Seeds.expiredSequences("exr-", "580", EXPIRED_LEADS), "ANALYZE leads");
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.recorder.begin("expiry");
		System.out.println("  recorded cron pass: " + this.product.cronPass());
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.recorder.end();
	}

	/** The staff pages and JSON API, on a replied background lead. */
	List<InboxVisits.Visit> inbox() throws Exception {
		String leadId = this.database.value("SELECT id FROM leads WHERE phone = '+13000000003'");
		this.recorder.begin("inbox");
		List<InboxVisits.Visit> visits = InboxVisits.run(this.product, leadId);
		this.recorder.end();
		return visits;
	}

	private Answer send(HttpRequest request) throws Exception {
		long sent = System.currentTimeMillis();
		HttpResponse<String> answer = this.load.send(request);
		return new Answer(answer.statusCode(), sent, System.currentTimeMillis());
	}

}
