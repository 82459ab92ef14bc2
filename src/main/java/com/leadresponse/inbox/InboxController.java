package com.leadresponse.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import com.leadresponse.inbox.InboxRepository.InboxRow;
import com.leadresponse.lead.IntakeRequest;
import com.leadresponse.lead.InvalidLeadException;
import com.leadresponse.lead.LeadIntake;
import com.leadresponse.lead.LeadSubmissions;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.SetupChecklist;
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

	/** SPEC 6: the leads whose latest texts wait for a staff answer, oldest first. */
	static final String NEEDS_REPLY = "needs-reply";

	static final List<String> STATUSES = List.of("new", "contacted", "replied", "won", "lost");

	/** SPEC 11: the leads the staff member owns, and those nobody owns. */
	static final String MINE = "mine";

	static final String UNASSIGNED = "unassigned";

	static final List<String> FILTERS = List.of(NEEDS_REPLY, "unread", MINE, UNASSIGNED, "new", "contacted", "replied",
			"won", "lost");

	private final InboxRepository inbox;

	private final LeadIntake intake;

	private final BusinessSettings business;

	private final SetupChecklist checklist;

	private final Clock clock;

	private final LeadSubmissions submissions;

	InboxController(InboxRepository inbox, LeadIntake intake, BusinessSettings business, SetupChecklist checklist,
			LeadSubmissions submissions, Clock clock) {
		this.submissions = submissions;
		this.inbox = inbox;
		this.intake = intake;
		this.business = business;
		this.checklist = checklist;
		this.clock = clock;
	}

	@GetMapping("/")
	String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "" + PAGE) int limit, @AuthenticationPrincipal StaffPrincipal staff,
			Model model) {
		list(staff, status, q, limit, model);
		model.addAttribute("addLead", new AddLeadForm());
		model.addAttribute("setup", this.checklist.forStaff(staff.user()));
		model.addAttribute("withoutLead", this.submissions.countWithoutLead());
		return "inbox/inbox";
	}

	/** The list alone, for search-as-you-type and polling: 204 while nothing changed. */
	@GetMapping("/inbox/list")
	String listFragment(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "" + PAGE) int limit,
			@RequestParam(name = "v", required = false) String version, @AuthenticationPrincipal StaffPrincipal staff,
			Model model, HttpServletResponse response) {
		if (list(staff, status, q, limit, model).equals(version)) {
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

	/**
	 * What every page polls to tell its staff member about texts they have not read: the
	 * count for the title and the icon, and the newest one for a notification and its
	 * sound (SPEC 6 "Nobody misses a reply"). 204 while nothing changed.
	 */
	@GetMapping("/inbox/alerts")
	String alerts(@RequestParam(name = "v", required = false) String version,
			@AuthenticationPrincipal StaffPrincipal staff, Model model, HttpServletResponse response) {
		InboxRepository.Counts counts = this.inbox.counts(staff.user().id());
		List<InboxRepository.LatestUnread> latest = this.inbox.latestUnread(staff.user().id());
		String current = Integer.toHexString(Objects.hash(counts, latest));
		if (current.equals(version)) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null;
		}
		model.addAttribute("counts", counts);
		model.addAttribute("latest", latest.isEmpty() ? null : latest.get(0));
		model.addAttribute("alertsVersion", current);
		return "inbox/inbox :: alerts";
	}

	/** The staff member has done the setup checklist, or wants it out of the way. */
	@PostMapping("/inbox/setup/dismiss")
	String dismissSetup(@AuthenticationPrincipal StaffPrincipal staff) {
		this.checklist.dismiss(staff.user());
		return "redirect:/";
	}

	@PostMapping("/leads")
	String addLead(@Valid @ModelAttribute("addLead") AddLeadForm form, BindingResult errors,
			@AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				LeadIntake.IntakeResult result = this.intake.byStaff(new IntakeRequest(form.getName(), form.getPhone(),
						form.getEmail(), form.getSource(), form.getMessage(), null), staff.user().id());
				redirect.addFlashAttribute("notice",
						result.created() ? "Lead added. The instant response is on its way."
								: "An open lead with this phone number already exists: here it is.");
				return "redirect:/leads/" + result.lead().id();
			}
			catch (InvalidLeadException ex) {
				errors.rejectValue("phone", "invalid", ex.pageMessage());
			}
		}
		list(staff, null, null, PAGE, model);
		model.addAttribute("setup", this.checklist.forStaff(staff.user()));
		model.addAttribute("addLeadOpen", true);
		return "inbox/inbox";
	}

	/** Fills the model with the list; answers its version for polling. */
	private String list(StaffPrincipal staff, String status, String q, int limit, Model model) {
		String filter = (status != null && FILTERS.contains(status)) ? status : null;
		String search = (q != null && !q.isBlank()) ? q.strip() : null;
		int size = Math.max(PAGE, Math.min(limit, 500));
		List<InboxRow> rows = this.inbox.rows(staff.user().id(), filter, search, size + 1);
		boolean more = rows.size() > size;
		rows = more ? rows.subList(0, size) : rows;
		InboxRepository.Counts counts = this.inbox.counts(staff.user().id());
		Instant now = this.clock.instant();
		// The waiting times are part of what the rows show: a poll refreshes them each
		// minute.
		String version = Integer
			.toHexString(Objects.hash(rows, counts, filter, search, size, now.getEpochSecond() / 60));
		model.addAttribute("rows", rows);
		model.addAttribute("more", more);
		model.addAttribute("filter", filter);
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("q", (search != null) ? search : "");
		model.addAttribute("limit", size);
		model.addAttribute("counts", counts);
		model.addAttribute("unreadCount", counts.unread());
		model.addAttribute("version", version);
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", now);
		return version;
	}

}
