package com.leadresponse.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks PostgreSQL how it would run each query of the sweeps and the inbox at full size,
 * with {@code EXPLAIN (FORMAT JSON)}, and walks the plan for a sequential scan of
 * {@code leads} or {@code messages}. Each query is prepared with the product's parameters
 * and explained both as a custom plan (the values known) and as the generic plan a JDBC
 * prepared statement may settle on. The SQL is the product's, copied from the method
 * named with it: keep the two in step.
 */
final class PlanCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> WATCHED = Set.of("leads", "messages");

	/** A query as the product sends it, with its parameter types and sample values. */
	record Query(String name, String source, String types, String sql, String values) {
	}

	/** What the planner chose for one query in one plan mode. */
	record Verdict(Query query, String mode, List<String> seqScans, Set<String> indexes) {

		boolean passed() {
			return this.seqScans.isEmpty();
		}

	}

	static final String INBOX_LIST = "SELECT * FROM leads WHERE true%s ORDER BY last_activity_at DESC, id LIMIT $1 OFFSET $2";

	static List<Query> queries() {
		return List.of(new Query("due follow-ups, locked for the sweep", "sequence/SequenceRepository.lockDue",
				"timestamptz, int", """
						SELECT * FROM leads
						WHERE next_followup_at <= $1 AND next_followup_at IS NOT NULL AND sequence_paused_at IS NULL
						  AND status IN ('new', 'contacted')
						ORDER BY next_followup_at LIMIT $2
						FOR UPDATE SKIP LOCKED""", "now(), 200"),
				new Query("expiry batch", "sequence/SequenceRepository.closeExpiredBatch", "text, timestamptz, int",
						"""
								UPDATE leads SET status = 'lost', closed_reason = $1, closed_at = $2,
								  next_followup_at = NULL, sequence_ended_reason = $1
								WHERE id = ANY(ARRAY(SELECT id FROM leads WHERE status IN ('new', 'contacted') AND sequence_expires_at <= $2
								                     ORDER BY sequence_expires_at LIMIT $3 FOR UPDATE SKIP LOCKED))""",
						"'Sequence expired (30 days)', now(), 50"),
				new Query("claim of due queued messages", "sms/MessageRepository.claimDue", "timestamptz, int",
						"""
								UPDATE messages SET status = 'sending', sending_started_at = $1, attempts = attempts + 1, updated_at = $1
								WHERE id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= $1
								             ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
								RETURNING id, lead_id, to_phone, body, sequence_step, attempts, created_at""",
						"now(), 500"),
				new Query("messages left sending by a crash", "sms/MessageRepository.findStuckSending",
						"timestamptz, int", """
								SELECT id, lead_id, to_phone, body, sequence_step, attempts, created_at FROM messages
								WHERE status = 'sending' AND sending_started_at < $1
								ORDER BY sending_started_at LIMIT $2""", "now() - interval '2 minutes', 100"),
				new Query("inbox list, newest activity first", "lead/LeadRepository.list", "int, int",
						INBOX_LIST.formatted(""), "50, 0"),
				new Query("inbox list filtered by status", "lead/LeadRepository.list", "int, int, text",
						INBOX_LIST.formatted(" AND status = $3"), "50, 0, 'replied'"),
				new Query("inbox search by name", "lead/LeadRepository.list", "int, int, text",
						INBOX_LIST.formatted(" AND name ILIKE $3"), "50, 0, '%maria lop%'"),
				new Query("inbox search by phone digits", "lead/LeadRepository.list", "int, int, text, text",
						INBOX_LIST.formatted(" AND (name ILIKE $3 OR phone LIKE $4)"),
						"50, 0, '%5550134%', '%5550134%'"),
				new Query("inbox filtered by status and searched", "lead/LeadRepository.list", "int, int, text, text",
						INBOX_LIST.formatted(" AND status = $3 AND name ILIKE $4"), "50, 0, 'contacted', '%garcia%'"),
				new Query("a lead's conversation", "sms/MessageRepository.forLead", "uuid",
						"SELECT * FROM messages WHERE lead_id = $1 ORDER BY created_at, id", "md5('bg-4242')::uuid"),
				new Query("open lead of an inbound number", "lead/LeadRepository.findOpenByPhone", "text",
						"SELECT * FROM leads WHERE phone = $1 AND status NOT IN ('won', 'lost')", "'+15122000001'"));
	}

	static List<Verdict> run(BenchDatabase database) throws SQLException {
		List<Verdict> verdicts = new ArrayList<>();
		try (Connection c = database.connect(); Statement s = c.createStatement()) {
			int n = 0;
			for (Query query : queries()) {
				String name = "bench_q" + (n++);
				s.execute("PREPARE " + name + "(" + query.types() + ") AS " + query.sql());
				for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
					s.execute("SET plan_cache_mode = " + mode);
					try (ResultSet rs = s
						.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE " + name + "(" + query.values() + ")")) {
						rs.next();
						JsonNode plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
						List<String> seqScans = new ArrayList<>();
						Set<String> indexes = new LinkedHashSet<>();
						walk(plan, seqScans, indexes);
						verdicts.add(
								new Verdict(query, mode.replace("force_", "").replace("_plan", ""), seqScans, indexes));
					}
				}
				s.execute("DEALLOCATE " + name);
			}
			s.execute("RESET plan_cache_mode");
		}
		return verdicts;
	}

	private static void walk(JsonNode node, List<String> seqScans, Set<String> indexes) {
		String type = node.path("Node Type").asString("");
		String relation = node.path("Relation Name").asString("");
		if ("Seq Scan".equals(type) && WATCHED.contains(relation)) {
			seqScans.add(relation);
		}
		if (node.has("Index Name")) {
			indexes.add(node.get("Index Name").asString());
		}
		for (JsonNode child : node.path("Plans")) {
			walk(child, seqScans, indexes);
		}
	}

	private PlanCheck() {
	}

}
