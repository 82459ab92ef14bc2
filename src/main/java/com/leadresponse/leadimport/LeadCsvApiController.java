package com.leadresponse.leadimport;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.leadresponse.audit.AuditLog;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code POST /api/leads/import} and {@code GET /api/leads/export.csv} (SPEC 9, admins
 * only).
 */
@RestController
@RequestMapping("/api/leads")
class LeadCsvApiController {

	static final String TEXT_CSV = "text/csv";

	private final ImportedLeads imports;

	private final LeadCsvExport export;

	private final Clock clock;

	private final AuditLog audit;

	LeadCsvApiController(ImportedLeads imports, LeadCsvExport export, AuditLog audit, Clock clock) {
		this.audit = audit;
		this.imports = imports;
		this.export = export;
		this.clock = clock;
	}

	/**
	 * Imports a CSV file: {@code {"created": 2, "duplicates": 1, "invalid": [{"line": 4,
	 * "error": "..."}]}}; with {@code dryRun=true} the same answer, and nothing stored.
	 */
	@PostMapping(path = "/import", consumes = TEXT_CSV)
	Map<String, Object> importCsv(@RequestBody(required = false) byte[] body,
			@RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "false") boolean startSequence) {
		ImportReport report = this.imports.run(LeadCsv.read((body != null) ? body : new byte[0]), dryRun,
				startSequence);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("created", report.created());
		answer.put("duplicates", report.duplicates());
		answer.put("invalid", report.invalid());
		answer.put("dryRun", dryRun);
		return answer;
	}

	@GetMapping("/export.csv")
	ResponseEntity<StreamingResponseBody> exportCsv() {
		String file = "leads-" + LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC) + ".csv";
		// SPEC 11: an export of every lead is audited, with who asked for it.
		this.audit.record("leads.exported", "leads", Map.of("file", file));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
			.header("X-Content-Type-Options", "nosniff")
			.body(this.export::write);
	}

}
