package com.leadresponse.leadimport;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV import and export (SPEC 9): a dry run reports new, duplicate and invalid rows with
 * line and reason and stores nothing; the import then creates exactly those rows, texting
 * them only when asked; a file that is not CSV text is refused whole with a clear 4xx;
 * the export has a header row, opens in a spreadsheet and parses back.
 */
class LeadCsvImportTest extends IntegrationTest {

	@Autowired
	StaffAccounts staff;

	/** A spreadsheet's export: BOM, other headers, a semicolon-free comma file, CRLF. */
	private static final String FILE = "\uFEFFFull Name,Mobile,E-mail,Job description,Lead source,Notes2\r\n"
			+ "Maria Lopez,(512) 555-0134,maria@example.com,Bore under the driveway,home show,x\r\n"
			+ "Sam Reyes,+1 512 555 0135,,\"Fiber drop, 40 ft\",,\r\n" + "Bad Phone,555-01,,,,\r\n"
			+ "Already Here,512-555-0199,,,,\r\n" + ",,,,,\r\n" + "Maria Again,5125550134,,,,\r\n"
			+ "No Name,,bad-email,,,\r\n";

	@Test
	void dryRunReportsNewDuplicateAndInvalidRowsWithLineAndReasonAndStoresNothing() {
		createLead("Already Here", "+15125550199");
		int leadsBefore = count("SELECT count(*) FROM leads");

		Http.Answer answer = importCsv(FILE, "?dryRun=true");

		assertThat(answer.status()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("created").asInt()).isEqualTo(2);
		assertThat(json.get("duplicates").asInt()).isEqualTo(2);
		assertThat(json.get("invalid")).hasSize(2);
		assertThat(json.get("invalid").get(0).get("line").asInt()).isEqualTo(4);
		assertThat(json.get("invalid").get(0).get("error").asString()).contains("phone must be a valid phone number");
		assertThat(json.get("invalid").get(1).get("line").asInt()).isEqualTo(8);
		assertThat(json.get("invalid").get(1).get("error").asString()).contains("email must be a well-formed")
			.contains("phone must not be blank");
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(leadsBefore);
		assertThat(count(
				"SELECT count(*) FROM messages WHERE lead_id IN (SELECT id FROM leads WHERE name <> 'Already Here')"))
			.isZero();
	}

	@Test
	void importCreatesExactlyTheRowsTheDryRunReportedAndTextsNobodyUnlessAsked() {
		createLead("Already Here", "+15125550199");
		awaitPipelineIdle();
		JsonNode dryRun = importCsv(FILE, "?dryRun=true").json();

		JsonNode done = importCsv(FILE, "").json();

		assertThat(done.get("created")).isEqualTo(dryRun.get("created"));
		assertThat(done.get("duplicates")).isEqualTo(dryRun.get("duplicates"));
		assertThat(done.get("invalid")).isEqualTo(dryRun.get("invalid"));
		List<Map<String, Object>> leads = this.jdbc.sql(
				"SELECT name, phone, email, source, message, next_followup_at FROM leads WHERE name <> 'Already Here' ORDER BY phone")
			.query()
			.listOfRows();
		assertThat(leads).hasSize(2);
		assertThat(leads.get(0)).containsEntry("name", "Maria Lopez")
			.containsEntry("phone", "+15125550134")
			.containsEntry("email", "maria@example.com")
			.containsEntry("source", "home show")
			.containsEntry("message", "Bore under the driveway")
			.containsEntry("next_followup_at", null);
		assertThat(leads.get(1)).containsEntry("name", "Sam Reyes")
			.containsEntry("source", "csv import")
			.containsEntry("message", "Fiber drop, 40 ft");
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
		assertThat(count(
				"SELECT count(*) FROM staff_alerts WHERE lead_id IN (SELECT id FROM leads WHERE name <> 'Already Here')"))
			.isZero();
	}

	@Test
	void importWithStartSequenceTextsEachNewLeadOnce() {
		JsonNode done = importCsv("name,phone\nMaria Lopez,5125550134\nSam Reyes,5125550135\n", "?startSequence=true")
			.json();

		assertThat(done.get("created").asInt()).isEqualTo(2);
		awaitAcceptedTo("+15125550134", 1);
		awaitAcceptedTo("+15125550135", 1);
		awaitPipelineIdle();
		assertThat(twilio.accepted()).hasSize(2);
	}

	@Test
	void semicolonSeparatedFileWithFirstAndLastNameImports() {
		JsonNode done = importCsv("First name;Last name;Phone\nMaria;Lopez;5125550134\n", "").json();

		assertThat(done.get("created").asInt()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT name FROM leads").query(String.class).single()).isEqualTo("Maria Lopez");
	}

	@Test
	void unbalancedQuotesAreRefusedWholeWith400AndStoreNothing() {
		Http.Answer answer = importCsv("name,phone,message\nMaria,5125550134,ok\nSam,5125550135,\"never closed\n", "");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("detail").asString()).contains("not valid CSV").contains("quoted value is closed");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void nulByteIsRefusedWith400NamingTheLine() {
		Http.Answer answer = importCsv("name,phone\nMaria,5125550134\nSam\0,5125550135\n", "");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString())
			.isEqualTo("Line 3 holds a NUL byte: this is not a CSV text file.");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void overLongValueIsRefusedWith400NamingTheLine() {
		Http.Answer answer = importCsv("name,phone,message\nMaria,5125550134," + "x".repeat(20_000) + "\n", "");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString()).contains("Line 2 has a value of 20000 characters");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void emptyFileIsRefusedWith400() {
		Http.Answer answer = importCsv("\uFEFF\r\n", "");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString()).startsWith("The file is empty");
	}

	@Test
	void fileOfMoreThanTenThousandRowsIsRefusedWholeWith400() {
		StringBuilder csv = new StringBuilder("name,phone\n");
		for (int i = 0; i <= LeadCsv.MAX_ROWS; i++) {
			csv.append("Lead ").append(i).append(",5125550134\n");
		}

		Http.Answer answer = importCsv(csv.toString(), "");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString())
			.isEqualTo("The file has more than 10000 rows: split it and import each part.");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void valueOverItsFieldsLimitMakesItsRowInvalid() {
		JsonNode done = importCsv("name,phone\n" + "M".repeat(201) + ",5125550134\nSam,5125550135\n", "").json();

		assertThat(done.get("created").asInt()).isEqualTo(1);
		assertThat(done.get("invalid").get(0).get("error").asString()).isEqualTo("name size must be between 0 and 200");
	}

	@Test
	void fileWithoutAPhoneColumnIsRefusedNamingTheHeaders() {
		Http.Answer answer = importCsv("name,email\nMaria,maria@example.com\n", "");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString())
			.startsWith("No phone column: name one of the columns \"phone\"");
	}

	@Test
	void fileThatIsNotUtf8IsRefused() {
		byte[] latin1 = "name,phone\nJosé,5125550134\n".getBytes(StandardCharsets.ISO_8859_1);

		Http.Answer answer = this.http.send(this.http.request("/api/leads/import")
			.header("Content-Type", "text/csv")
			.header("Authorization", Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD))
			.POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString()).contains("not UTF-8 text");
	}

	@Test
	void wrongContentTypeIsRefusedWith415() {
		Http.Answer answer = this.http.postJson("/api/leads/import", "{\"name\":\"Maria\"}", "Authorization",
				Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD));

		assertThat(answer.status()).isEqualTo(415);
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void fileOverTwoMebibytesIsRefusedWith413() {
		String big = "name,phone,message\n" + ("Maria,5125550134," + "x".repeat(1000) + "\n").repeat(2200);

		Http.Answer answer = importCsv(big, "");

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("A CSV import may be at most 2 MiB");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void agentsMayNeitherImportNorExport() {
		this.staff.create("agent@example.com", "Agent Smith", "agent-password-1", StaffRole.AGENT);

		Http.Answer imported = this.http.send(this.http.request("/api/leads/import?dryRun=true")
			.header("Content-Type", "text/csv")
			.header("Authorization", Http.basic("agent@example.com", "agent-password-1"))
			.POST(HttpRequest.BodyPublishers.ofString("name,phone\nMaria,5125550134\n")));
		Http.Answer exported = this.http.get("/api/leads/export.csv", "Authorization",
				Http.basic("agent@example.com", "agent-password-1"));

		assertThat(imported.status()).isEqualTo(403);
		assertThat(exported.status()).isEqualTo(403);
	}

	@Test
	void exportHasAHeaderRowAByteOrderMarkAndParsesBackWithEveryMessage() throws IOException {
		createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		this.jdbc.sql("UPDATE leads SET message = '=HYPERLINK(\"https://evil.example\")', email = '@x'").update();
		// A customer's message relayed from Thumbtack (V78): no number, its channel says
		// so.
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, channel, from_phone, created_at, updated_at)
				SELECT gen_random_uuid(), id, 'inbound', 'Can you come Friday?', 'received', 'thumbtack', phone,
				       created_at + interval '1 minute', created_at + interval '1 minute' FROM leads
				""").update();
		this.clock.advance(Duration.ofMinutes(5));
		importCsv("name,phone\nSam Reyes,5125550135\n", "");

		Http.Download download = this.http.download("/api/leads/export.csv", "Authorization",
				Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD));

		assertThat(download.status()).isEqualTo(200);
		assertThat(download.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
		assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"leads-2026-03-03.csv\"");
		assertThat(download.body()[0]).isEqualTo((byte) 0xEF);
		String text = new String(download.body(), StandardCharsets.UTF_8).substring(1);
		try (CSVParser parser = CSVParser.parse(new StringReader(text),
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			assertThat(parser.getHeaderNames()).containsExactly("lead_id", "name", "phone", "email", "source", "status",
					"job", "lead_created_at", "closed_reason", "closed_at", "message_at", "direction", "message_status",
					"message_body", "message_error", "message_channel");
			List<CSVRecord> rows = parser.getRecords();
			assertThat(rows).hasSize(3);
			assertThat(rows.get(0).get("name")).isEqualTo("Maria Lopez");
			assertThat(rows.get(0).get("phone")).isEqualTo("'+15125550134");
			assertThat(rows.get(0).get("job")).isEqualTo("'=HYPERLINK(\"https://evil.example\")");
			assertThat(rows.get(0).get("email")).isEqualTo("'@x");
			assertThat(rows.get(0).get("direction")).isEqualTo("outbound");
			assertThat(rows.get(0).get("message_body")).startsWith("Hi Maria, thanks for reaching out");
			assertThat(rows.get(0).get("message_channel")).isEqualTo("sms");
			assertThat(rows.get(1).get("direction")).isEqualTo("inbound");
			assertThat(rows.get(1).get("message_body")).isEqualTo("Can you come Friday?");
			assertThat(rows.get(1).get("message_channel")).isEqualTo("thumbtack");
			assertThat(rows.get(2).get("name")).isEqualTo("Sam Reyes");
			assertThat(rows.get(2).get("message_body")).isEmpty();
			assertThat(rows.get(2).get("message_channel")).isEmpty();
		}
		// SPEC 11: the export is in the audit log, with who asked for it.
		assertThat(this.jdbc
			.sql("SELECT actor || ' ' || action || ' ' || (details ->> 'file') FROM audit_log"
					+ " WHERE action = 'leads.exported'")
			.query(String.class)
			.list()).containsExactly(ADMIN_EMAIL + " leads.exported leads-2026-03-03.csv");
	}

	@Test
	void exportImportedAgainFindsEveryLeadADuplicate() {
		createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		String exported = new String(
				this.http.download("/api/leads/export.csv", "Authorization", Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD))
					.body(),
				StandardCharsets.UTF_8);

		JsonNode again = importCsv(exported, "?dryRun=true").json();

		assertThat(again.get("created").asInt()).isZero();
		assertThat(again.get("duplicates").asInt()).isEqualTo(1);
		assertThat(again.get("invalid")).isEmpty();
	}

	@Test
	void importPageShowsTheDryRunTableThenImports() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
		String csv = "name,phone\nMaria Lopez,5125550134\nBad Phone,555-01\n";

		Http.Answer dryRun = admin.postMultipart("/settings/import", Map.of(),
				List.of(new Http.FilePart("file", "leads.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))));

		assertThat(dryRun.status()).isEqualTo(200);
		assertThat(dryRun.body()).contains("Dry run of leads.csv")
			.contains("would be created")
			.contains("Import 1 leads");
		assertThat(dryRun.body()).contains("invalid: phone must be a valid phone number");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
		Matcher pending = Pattern.compile("name=\"pendingId\" value=\"([^\"]+)\"").matcher(dryRun.body());
		assertThat(pending.find()).isTrue();

		Http.Answer imported = admin.post("/settings/import/confirm", Map.of("pendingId", pending.group(1)));

		assertThat(imported.status()).isEqualTo(200);
		assertThat(imported.body()).contains("Imported 1 leads, without texting them.");
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(admin.post("/settings/import/confirm", Map.of("pendingId", pending.group(1))).body())
			.contains("no longer waiting to be imported");
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
	}

	private Http.Answer importCsv(String csv, String query) {
		return this.http.send(this.http.request("/api/leads/import" + query)
			.header("Content-Type", "text/csv")
			.header("Authorization", Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD))
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
	}

}
