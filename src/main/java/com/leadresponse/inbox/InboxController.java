package com.leadresponse.inbox;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import com.leadresponse.inbox.InboxRepository.InboxRow;
import com.leadresponse.lead.IntakeRequest;
import com.leadresponse.lead.InvalidLeadException;
import com.leadresponse.lead.LeadIntake;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox (SPEC 6): every lead with its latest message, unread replies first, filtered
 * and searched, refreshed by polling; and the form to add a lead by hand.
 */
@Controller
class InboxController {

	static final int PAGE = 50;

	static final List<String> FILTERS = List.of("unread", "new", "contacted", "replied", "won", "lost");

	private final InboxRepository inbox;

	private final LeadIntake intake;

	private final BusinessSettings business;

	private final Clock clock;

	InboxController(InboxRepository inbox, LeadIntake intake, BusinessSettings business, Clock clock) {
		this.inbox = inbox;
		this.intake = intake;
		this.business = business;
		this.clock = clock;
	}

	@GetMapping("/")
	String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "" + PAGE) int limit, Model model) {
		list(status, q, limit, model);
		model.addAttribute("addLead", new AddLeadForm());
		return "inbox/inbox";
	}

	/** The list alone, for search-as-you-type and polling: 204 while nothing changed. */
	@GetMapping("/inbox/list")
	String listFragment(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "" + PAGE) int limit,
			@RequestParam(name = "v", required = false) String version, Model model, HttpServletResponse response) {
		if (list(status, q, limit, model).equals(version)) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null;
		}
		if (version == null) {
			// A search typed by staff, not a poll: keep it in the address bar for reload
			// and back.
			response.setHeader("HX-Replace-Url",
					UriComponentsBuilder.fromPath("/")
						.queryParamIfPresent("status", Optional.ofNullable((String) model.getAttribute("filter")))
						.queryParamIfPresent("q", Optional.ofNullable(q).filter((v) -> !v.isBlank()).map(String::strip))
						.encode()
						.build()
						.toUriString());
		}
		return "inbox/inbox :: list";
	}

	@PostMapping("/leads")
	String addLead(@Valid @ModelAttribute("addLead") AddLeadForm form, BindingResult errors,
			@AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				LeadIntake.IntakeResult result = this.intake.intake(new IntakeRequest(form.getName(), form.getPhone(),
						form.getEmail(), form.getSource(), form.getMessage(), null), "staff:" + staff.user().id(),
						null);
				redirect.addFlashAttribute("notice",
						result.created() ? "Lead added. The instant response is on its way."
								: "An open lead with this phone number already exists: here it is.");
				return "redirect:/leads/" + result.lead().id();
			}
			catch (InvalidLeadException ex) {
				errors.rejectValue("phone", "invalid", ex.pageMessage());
			}
		}
		list(null, null, PAGE, model);
		model.addAttribute("addLeadOpen", true);
		return "inbox/inbox";
	}

	/** Fills the model with the list; answers its version for polling. */
	private String list(String status, String q, int limit, Model model) {
		String filter = (status != null && FILTERS.contains(status)) ? status : null;
		String search = (q != null && !q.isBlank()) ? q.strip() : null;
		int size = Math.max(PAGE, Math.min(limit, 500));
		List<InboxRow> rows = this.inbox.rows(filter, search, size + 1);
		boolean more = rows.size() > size;
		rows = more ? rows.subList(0, size) : rows;
		int unread = this.inbox.unreadCount();
		String version = Integer.toHexString(Objects.hash(rows, unread, filter, search, size));
		model.addAttribute("rows", rows);
		model.addAttribute("more", more);
		model.addAttribute("filter", filter);
		model.addAttribute("filters", FILTERS);
		model.addAttribute("q", (search != null) ? search : "");
		model.addAttribute("limit", size);
		model.addAttribute("unreadCount", unread);
		model.addAttribute("version", version);
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", this.clock.instant());
		return version;
	}

}
