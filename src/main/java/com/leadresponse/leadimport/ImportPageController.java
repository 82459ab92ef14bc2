package com.leadresponse.leadimport;

import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Settings, Import (admins only): upload a CSV file, read the dry run's table (what would
 * be created, each invalid row with its line and reason, each duplicate), then import it.
 * Between the two steps the file waits in the admin's session, under an id the page
 * carries, so the import is the file the dry run checked.
 */
@Controller
@RequestMapping("/settings/import")
class ImportPageController {

	private static final String PENDING = ImportPageController.class.getName() + ".pending";

	/** The file a dry run checked, waiting for the admin to import it. */
	private record Pending(String id, byte[] content, String filename) implements Serializable {
	}

	private final ImportedLeads imports;

	ImportPageController(ImportedLeads imports) {
		this.imports = imports;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("headers", LeadCsv.HEADERS);
		return "settings/import";
	}

	@PostMapping
	String dryRun(@RequestParam(name = "file", required = false) MultipartFile file, HttpSession session, Model model)
			throws IOException {
		model.addAttribute("headers", LeadCsv.HEADERS);
		if (file == null || file.isEmpty()) {
			model.addAttribute("alert", "Choose a CSV file first.");
			return "settings/import";
		}
		byte[] content = file.getBytes();
		try {
			ImportReport report = this.imports.run(LeadCsv.read(content), true, false);
			Pending pending = new Pending(UUID.randomUUID().toString(), content, file.getOriginalFilename());
			session.setAttribute(PENDING, pending);
			model.addAttribute("report", report);
			model.addAttribute("pendingId", pending.id());
			model.addAttribute("filename", pending.filename());
		}
		catch (BadCsvException ex) {
			model.addAttribute("alert", ex.pageMessage());
		}
		return "settings/import";
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam String pendingId, @RequestParam(defaultValue = "false") boolean startSequence,
			HttpSession session, Model model) {
		model.addAttribute("headers", LeadCsv.HEADERS);
		Object stored = session.getAttribute(PENDING);
		if (!(stored instanceof Pending pending) || !pending.id().equals(pendingId)) {
			model.addAttribute("alert", "This file is no longer waiting to be imported: upload it again.");
			return "settings/import";
		}
		session.removeAttribute(PENDING);
		ImportReport report = this.imports.run(LeadCsv.read(pending.content()), false, startSequence);
		model.addAttribute("report", report);
		model.addAttribute("filename", pending.filename());
		model.addAttribute("notice", "Imported " + report.created() + " leads"
				+ (startSequence ? ", their sequences started." : ", without texting them."));
		return "settings/import";
	}

}
