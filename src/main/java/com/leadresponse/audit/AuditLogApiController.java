package com.leadresponse.audit;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit-log?page=&size=} (admins only, SPEC 11): the log newest first, a
 * page at a time. There is no other method: nobody edits the log.
 */
@RestController
@RequestMapping("/api/audit-log")
class AuditLogApiController {

	private final AuditLog log;

	AuditLogApiController(AuditLog log) {
		this.log = log;
	}

	@GetMapping
	List<AuditEntry> page(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return this.log.page(page, size);
	}

}
