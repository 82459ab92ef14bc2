package com.leadresponse.settings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.leadresponse.audit.AuditEntry;
import com.leadresponse.audit.AuditLog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The settings page "Audit log" (SPEC 11, admins only): who did what and when, newest
 * first, a page at a time; read only.
 */
@Controller
@RequestMapping("/settings/audit-log")
class AuditLogPageController {

	static final int PAGE_SIZE = 50;

	/** An entry as the page shows it: its action in words, its details as lines. */
	record Row(AuditEntry entry, String what, List<Detail> details) {

		static Row of(AuditEntry entry) {
			List<Detail> details = new ArrayList<>();
			entry.details()
				.properties()
				.forEach((field) -> details.add(new Detail(field.getKey(),
						field.getValue().isString() ? field.getValue().asString() : field.getValue().toString())));
			return new Row(entry, entry.action().replace('.', ' ').replace('_', ' '), details);
		}

	}

	record Detail(String name, String value) {
	}

	private final AuditLog log;

	private final BusinessSettings business;

	private final Clock clock;

	AuditLogPageController(AuditLog log, BusinessSettings business, Clock clock) {
		this.log = log;
		this.business = business;
		this.clock = clock;
	}

	@GetMapping
	String show(@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, Math.min(page, 100_000));
		// One more than a page tells whether an older page exists.
		List<AuditEntry> entries = this.log.page(current, PAGE_SIZE + 1);
		model.addAttribute("entries",
				entries.subList(0, Math.min(PAGE_SIZE, entries.size())).stream().map(Row::of).toList());
		model.addAttribute("page", current);
		model.addAttribute("older", entries.size() > PAGE_SIZE);
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", this.clock.instant());
		return "settings/audit-log";
	}

}
