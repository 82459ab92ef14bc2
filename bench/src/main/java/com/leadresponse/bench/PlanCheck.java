package com.leadresponse.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks PostgreSQL how it would run each distinct statement the product sent in the
 * recorded phases, at full size, with {@code EXPLAIN (FORMAT JSON)}, and walks the plan
 * for a sequential scan of {@code leads} or {@code messages}. Each statement is prepared
 * as recorded and explained both as a custom plan with the values it was sent with and as
 * the generic plan a JDBC prepared statement may settle on.
 */
final class PlanCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> WATCHED = Set.of("leads", "messages");

	private static final Pattern UNTYPED = Pattern.compile("could not determine data type of parameter \\$(\\d+)");

	/**
	 * A distinct statement: its first recording (whose values the custom plan uses), the
	 * phases it was sent in and how often.
	 */
	record Query(RecordedStatement first, Set<String> phases, int executions) {

		String name() {
			return this.first.fingerprint();
		}

		String phaseList() {
			return String.join(", ", this.phases);
		}

	}

	/**
	 * What the planner chose for one statement in one plan mode; {@code error} when it
	 * could not be explained.
	 */
	record Verdict(Query query, String mode, List<String> seqScans, Set<String> indexes, String error) {

		boolean passed() {
			return this.error == null && this.seqScans.isEmpty();
		}

		String outcome() {
			if (this.error != null) {
				return "NOT EXPLAINED: " + this.error;
			}
			return this.seqScans.isEmpty() ? "ok" : "SEQ SCAN of " + String.join(", ", this.seqScans);
		}

	}

	/** The distinct statements that have a plan, in the order they were first sent. */
	static List<Query> queries(Collection<RecordedStatement> recorded) {
		Map<String, List<RecordedStatement>> byText = new LinkedHashMap<>();
		recorded.stream()
			.filter(RecordedStatement::explainable)
			.forEach((s) -> byText.computeIfAbsent(s.normalized(), (k) -> new ArrayList<>()).add(s));
		return byText.values()
			.stream()
			.map((all) -> new Query(all.get(0),
					all.stream().map(RecordedStatement::phase).collect(Collectors.toCollection(LinkedHashSet::new)),
					all.size()))
			.toList();
	}

	static List<Verdict> run(BenchDatabase database, List<Query> queries) throws SQLException {
		List<Verdict> verdicts = new ArrayList<>();
		try (Connection c = database.connect(); Statement s = c.createStatement()) {
			int n = 0;
			for (Query query : queries) {
				String name = "bench_q" + (n++);
				String error = prepare(s, name, query.first());
				for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
					String label = mode.replace("force_", "").replace("_plan", "");
					if (error != null) {
						verdicts.add(new Verdict(query, label, List.of(), Set.of(), error));
						continue;
					}
					s.execute("SET plan_cache_mode = " + mode);
					verdicts.add(explain(s, name, query, label));
				}
				if (error == null) {
					s.execute("DEALLOCATE " + name);
				}
			}
			s.execute("RESET plan_cache_mode");
		}
		return verdicts;
	}

	/**
	 * Prepares the statement as recorded, its parameter types inferred from their use as
	 * the driver leaves them; a parameter whose type cannot be inferred is declared
	 * {@code text} (what the driver sends for a string). Answers the error, or null.
	 */
	private static String prepare(Statement s, String name, RecordedStatement statement) {
		String[] types = new String[statement.parameters().size()];
		Arrays.fill(types, "unknown");
		String sql = statement.sql().strip().replaceAll(";+$", "");
		for (int attempt = 0; attempt <= types.length; attempt++) {
			String declared = (types.length == 0) ? "" : "(" + String.join(", ", types) + ")";
			try {
				s.execute("PREPARE " + name + declared + " AS " + sql);
				return null;
			}
			catch (SQLException ex) {
				Matcher untyped = UNTYPED.matcher(String.valueOf(ex.getMessage()));
				int index = untyped.find() ? Integer.parseInt(untyped.group(1)) - 1 : -1;
				if (index < 0 || index >= types.length || !"unknown".equals(types[index])) {
					return firstLine(ex);
				}
				types[index] = "text";
			}
		}
		return "parameter types could not be inferred";
	}

	private static Verdict explain(Statement s, String name, Query query, String mode) {
		List<String> values = query.first().parameters();
		String arguments = values.isEmpty() ? ""
				: values.stream()
					.map((v) -> (v == null) ? "NULL" : "'" + v.replace("'", "''") + "'")
					.collect(Collectors.joining(", ", "(", ")"));
		try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE " + name + arguments)) {
			rs.next();
			JsonNode plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
			List<String> seqScans = new ArrayList<>();
			Set<String> indexes = new LinkedHashSet<>();
			walk(plan, seqScans, indexes);
			return new Verdict(query, mode, seqScans, indexes, null);
		}
		catch (SQLException ex) {
			return new Verdict(query, mode, List.of(), Set.of(), firstLine(ex));
		}
	}

	private static String firstLine(SQLException ex) {
		return String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
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
