package com.leadresponse.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletResponse;

import com.leadresponse.calls.CallSimulationException;
import com.leadresponse.calls.CallSimulator;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.lead.LeadSubmissions;
import com.leadresponse.lead.Leads;
import com.leadresponse.review.ReviewRequests;
import com.leadresponse.media.InvalidUploadException;
import com.leadresponse.media.OutboundMedia;
import com.leadresponse.media.SimulatorPhoto;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffPrincipal;
import com.leadresponse.settings.StaffUser;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.Message;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.ProviderCalls;
import com.leadresponse.system.PageFormats;
import com.leadresponse.system.ControlCharacters;
import com.leadresponse.webhook.InboundMessageHandler;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lead page (SPEC 6): the conversation, the composer with its limits, the sequence
 * controls, closing as won or lost, and the simulator's "simulate reply" (with a photo)
 * and "simulate a call".
 */
@Controller
class LeadPageController {

	private final LeadPages pages;

	private final Leads leads;

	private final ProviderCalls provider;

	private final InboundMessageHandler inbound;

	private final Conversation conversation;

	private final CallSimulator callSimulator;

	private final BusinessSettings business;

	private final PageFormats formats;

	private final LeadSubmissions submissions;

	private final StaffAccounts staff;

	private final Clock clock;

	private final ReviewRequests reviewRequests;

	LeadPageController(LeadPages pages, Leads leads, ProviderCalls provider, InboundMessageHandler inbound,
			Conversation conversation, CallSimulator callSimulator, BusinessSettings business, PageFormats formats,
			LeadSubmissions submissions, StaffAccounts staff, Clock clock, ReviewRequests reviewRequests) {
		this.submissions = submissions;
		this.reviewRequests = reviewRequests;
		this.staff = staff;
		this.pages = pages;
		this.callSimulator = callSimulator;
		this.leads = leads;
		this.provider = provider;
		this.inbound = inbound;
		this.conversation = conversation;
		this.business = business;
		this.formats = formats;
		this.clock = clock;
	}

	/**
	 * Submissions that reached no lead (SPEC 9): no usable phone, a country the business
	 * does not text, a source's test lead, a Meta lead still being read; kept for staff,
	 * never texted.
	 */
	@GetMapping("/leads/without-lead")
	String withoutLead(Model model) {
		model.addAttribute("submissions", this.submissions.withoutLead(100));
		model.addAttribute("total", this.submissions.countWithoutLead());
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", this.clock.instant());
		return "inbox/without-lead";
	}

	@GetMapping("/leads/{id}")
	String show(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
		LeadPage page = this.pages.load(id);
		markReadIfUnread(page.lead(), staff);
		model.addAttribute("page", page);
		model.addAttribute("submissions", this.submissions.of(id));
		model.addAttribute("reviewRequest", this.reviewRequests.of(id));
		model.addAttribute("owners", owners());
		// Results of sending show next to the composer, where the draft waits.
		model.addAttribute("flashInPage", true);
		return "inbox/lead";
	}

	/**
	 * The live part of the page, polled by htmx: 204 while nothing changed. Staff looking
	 * at the thread have read what it shows.
	 */
	@GetMapping("/leads/{id}/live")
	String live(@PathVariable UUID id, @RequestParam(name = "v", required = false) String version,
			@AuthenticationPrincipal StaffPrincipal staff, Model model, HttpServletResponse response) {
		LeadPage page = this.pages.load(id);
		markReadIfUnread(page.lead(), staff);
		if (page.version().equals(version)) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null;
		}
		model.addAttribute("page", page);
		model.addAttribute("owners", owners());
		model.addAttribute("oob", true);
		return "inbox/lead :: live";
	}

	/**
	 * Gives the lead to another staff member, or nobody (SPEC 11); htmx swaps the owner
	 * panel, a page without script reloads.
	 */
	@PostMapping("/leads/{id}/assignee")
	String reassign(@PathVariable UUID id, @RequestParam(defaultValue = "") String owner,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		UUID ownerId;
		try {
			ownerId = owner.isBlank() ? null : UUID.fromString(owner.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose someone from the list");
		}
		Lead lead = this.leads.reassign(id, ownerId);
		String saved = (lead.assignedTo() == null) ? "Nobody owns this lead now."
				: "Now " + this.staff.find(lead.assignedTo()).map(StaffUser::name).orElse("their") + "'s lead.";
		if (!"true".equals(htmx)) {
			redirect.addFlashAttribute("notice", saved);
			return "redirect:/leads/" + id;
		}
		model.addAttribute("page", this.pages.load(id));
		model.addAttribute("owners", owners());
		model.addAttribute("ownerSaved", saved);
		return "inbox/lead :: owner-panel";
	}

	/** Who a lead can be given to: the enabled staff accounts. */
	private List<StaffUser> owners() {
		return this.staff.all().stream().filter(StaffUser::enabled).toList();
	}

	/**
	 * A text from the composer. The composer asks for {@code whenAllowed}: a text typed
	 * within the minimum interval goes by itself when allowed, with a countdown and
	 * Cancel (SPEC 6); its {@code sendKey} makes a second submit of the same text store
	 * nothing. With photos ({@code media} parts of a multipart form, SPEC 10) it is an
	 * MMS, and the text may be empty; photos that cannot be sent are refused with the
	 * reason and nothing is stored.
	 */
	@PostMapping("/leads/{id}/messages")
	String send(@PathVariable UUID id, @RequestParam(defaultValue = "") String body,
			@RequestParam(name = "media", required = false) List<MultipartFile> media,
			@RequestParam(defaultValue = "false") boolean bypassLimits,
			@RequestParam(defaultValue = "false") boolean whenAllowed, @RequestParam(required = false) UUID sendKey,
			@AuthenticationPrincipal StaffPrincipal staff, RedirectAttributes redirect) throws IOException {
		String text = body.strip();
		List<OutboundMedia.Upload> photos = new ArrayList<>();
		for (MultipartFile part : (media != null) ? media : List.<MultipartFile>of()) {
			if (!part.isEmpty()) {
				photos.add(new OutboundMedia.Upload(part.getOriginalFilename(), part.getBytes()));
			}
		}
		if ((text.isEmpty() && photos.isEmpty()) || text.length() > OutboundMessages.MAX_BODY
				|| ControlCharacters.in(text)) {
			redirect.addFlashAttribute("alert", text.isEmpty() ? "Write a message first."
					: ControlCharacters.in(text) ? "Not sent. A text cannot contain control characters (such as NUL)."
							: "Not sent. A text can have at most 1,600 characters; this one has "
									+ String.format(Locale.US, "%,d", text.length())
									+ ". Shorten it, or send it in two.");
			redirect.addFlashAttribute("draft", ControlCharacters.without(body));
			return "redirect:/leads/" + id + "#composer";
		}
		Lead before = this.leads.get(id);
		QueueResult result;
		try {
			result = this.leads.sendManual(id, staff.user(),
					new OutboundMessages.ManualText(text, staff.user().id(), bypassLimits, whenAllowed, sendKey),
					photos);
		}
		catch (InvalidUploadException ex) {
			redirect.addFlashAttribute("alert", "Not sent: " + ex.reason() + ".");
			redirect.addFlashAttribute("draft", text);
			return "redirect:/leads/" + id + "#composer";
		}
		Instant now = this.clock.instant();
		ZoneId zone = this.business.zone();
		String paused = before.sequenceActive() ? " The sequence is paused." : "";
		if (result instanceof QueueResult.Queued || result instanceof QueueResult.AlreadySubmitted) {
			redirect.addFlashAttribute("notice", (bypassLimits ? "Sending, past the limits." : "Sending.") + paused);
		}
		else if (result instanceof QueueResult.Scheduled scheduled) {
			redirect.addFlashAttribute("notice",
					"Too soon after the last text: it goes by itself "
							+ this.formats.until(scheduled.scheduledFor(), zone, now) + ". Cancel it below until then."
							+ paused);
		}
		else if (result instanceof QueueResult.Blocked blocked) {
			redirect.addFlashAttribute("alert", "Not sent. " + blocked.reason() + ". Next allowed "
					+ this.formats.until(blocked.nextAllowedAt(), zone, now) + ".");
			redirect.addFlashAttribute("draft", text);
		}
		else {
			redirect.addFlashAttribute("alert", "Not sent. " + OptOuts.RECIPIENT_OPTED_OUT);
			redirect.addFlashAttribute("draft", text);
		}
		return "redirect:/leads/" + id + "#composer";
	}

	/** Takes back a text waiting for its moment; its words go back into the composer. */
	@PostMapping("/leads/{id}/messages/{messageId}/cancel")
	String cancel(@PathVariable UUID id, @PathVariable UUID messageId, RedirectAttributes redirect) {
		String body = this.conversation.find(messageId).map(Message::body).orElse("");
		if (this.leads.cancelScheduled(id, messageId)) {
			redirect.addFlashAttribute("notice", "Cancelled. The text was not sent; it is back in the composer.");
			redirect.addFlashAttribute("draft", body);
		}
		else {
			redirect.addFlashAttribute("alert", "Too late to cancel: the text has gone.");
		}
		return "redirect:/leads/" + id + "#composer";
	}

	/** An internal note in the conversation: for staff, never texted (SPEC 6). */
	@PostMapping("/leads/{id}/notes")
	String note(@PathVariable UUID id, @RequestParam(defaultValue = "") String note,
			@AuthenticationPrincipal StaffPrincipal staff, RedirectAttributes redirect) {
		if (note.isBlank() || note.strip().length() > Leads.MAX_NOTE) {
			redirect.addFlashAttribute("alert",
					note.isBlank() ? "Write the note first." : "Not saved. A note can have at most 2,000 characters.");
			redirect.addFlashAttribute("draftNote", note);
			return "redirect:/leads/" + id + "#composer";
		}
		this.leads.addNote(id, staff.user(), note);
		redirect.addFlashAttribute("notice", "Note added. Only staff see it.");
		return "redirect:/leads/" + id + "#composer";
	}

	/** The lead shows as unread for this staff member until they open it again. */
	@PostMapping("/leads/{id}/unread")
	String markUnread(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal staff,
			RedirectAttributes redirect) {
		this.leads.markUnread(id, staff.user().id());
		redirect.addFlashAttribute("notice", "Marked unread.");
		return "redirect:/";
	}

	@PostMapping("/leads/{id}/status")
	String status(@PathVariable UUID id, @RequestParam String status,
			@RequestParam(required = false, defaultValue = "") String reason,
			@RequestParam(defaultValue = "false") boolean resume, @AuthenticationPrincipal StaffPrincipal staff,
			RedirectAttributes redirect) {
		if (!status.equals("won") && !status.equals("lost") && !status.equals("contacted")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown status");
		}
		String why = reason.strip();
		if (ControlCharacters.in(why)) {
			redirect.addFlashAttribute("alert",
					"Not changed. The reason cannot contain control characters (such as NUL).");
			return "redirect:/leads/" + id;
		}
		Leads.StatusChange change = this.leads.changeStatus(id, LeadStatus.fromDb(status),
				why.isEmpty() ? null : why.substring(0, Math.min(why.length(), 500)), staff.user(), resume);
		redirect.addFlashAttribute("notice", switch (change.lead().status()) {
			case WON -> "Closed as won. The sequence has ended.";
			case LOST -> "Closed as lost. The sequence has ended.";
			default -> change.sequenceResumed() ? "Reopened. Follow-ups resume." : "Reopened.";
		});
		if (change.lead().status().isClosed()) {
			redirect.addFlashAttribute("undoClose", true);
		}
		return "redirect:/leads/" + id;
	}

	/** Undoes the close just made: the lead and its follow-ups are as they were. */
	@PostMapping("/leads/{id}/status/undo")
	String undoClose(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal staff,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute(this.leads.undoClose(id, staff.user()) ? "notice" : "alert",
				this.leads.get(id).status().isClosed() ? "Nothing to undo." : "Undone. The lead is open again.");
		return "redirect:/leads/" + id;
	}

	@PostMapping("/leads/{id}/sequence")
	String sequence(@PathVariable UUID id, @RequestParam String action, @RequestParam(defaultValue = "30") int days,
			@AuthenticationPrincipal StaffPrincipal staff, RedirectAttributes redirect) {
		switch (action) {
			case "pause" -> {
				this.leads.pauseSequence(id, staff.user());
				redirect.addFlashAttribute("notice", "Sequence paused.");
			}
			case "resume" -> {
				this.leads.resumeSequence(id, staff.user());
				redirect.addFlashAttribute("notice", "Sequence resumed.");
			}
			case "restart" -> {
				boolean resumed = this.leads.restartSequence(id, staff.user());
				redirect.addFlashAttribute(resumed ? "notice" : "alert", resumed ? "Follow-ups resume."
						: "The follow-ups cannot resume: no step is left, or the lead may not be texted.");
			}
			case "extend" -> {
				int extra = Math.max(1, Math.min(days, 365));
				this.leads.extendSequence(id, Duration.ofDays(extra));
				redirect.addFlashAttribute("notice", "Sequence extended by " + extra + " days.");
			}
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown sequence action");
		}
		return "redirect:/leads/" + id;
	}

	/**
	 * The simulator's stand-in for a lead texting back (SPEC 2): the same path as
	 * Twilio's inbound webhook, with a fresh {@code MessageSid}. Absent when Twilio is
	 * configured.
	 */
	@PostMapping("/leads/{id}/simulated-reply")
	String simulateReply(@PathVariable UUID id, @RequestParam(defaultValue = "") String body,
			@RequestParam(defaultValue = "false") boolean photo, RedirectAttributes redirect) {
		if (!this.provider.simulated()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		Lead lead = this.leads.get(id);
		byte[] random = new byte[16];
		ThreadLocalRandom.current().nextBytes(random);
		String sid = "SM" + HexFormat.of().formatHex(random);
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("SmsSid", sid);
		params.put("From", lead.phone());
		params.put("To", this.provider.sender());
		params.put("Body", body.isBlank() ? "Yes, please call me." : body.strip());
		params.put("NumMedia", "0");
		if (photo) {
			// An MMS with the sample photo, downloaded and stored as Twilio's media are.
			params.putAll(SimulatorPhoto.webhookParameters());
		}
		this.inbound.handle(params);
		redirect.addFlashAttribute("notice",
				photo ? "Simulated a reply with a photo from the lead." : "Simulated a reply from the lead.");
		return "redirect:/leads/" + id;
	}

	/**
	 * The simulator's stand-in for the lead phoning the business (SPEC 8): a call that is
	 * missed, missed with a voicemail, or answered, through the voice webhooks' own code.
	 * The call goes where a real one would: to this lead while it is open, to a new lead
	 * when it is closed. Absent when Twilio is configured.
	 */
	@PostMapping("/leads/{id}/simulated-call")
	String simulateCall(@PathVariable UUID id, @RequestParam String outcome, RedirectAttributes redirect) {
		if (!this.callSimulator.available()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		CallSimulator.Outcome what = switch (outcome) {
			case "missed" -> CallSimulator.Outcome.MISSED;
			case "voicemail" -> CallSimulator.Outcome.VOICEMAIL;
			case "answered" -> CallSimulator.Outcome.ANSWERED;
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Unknown call outcome: missed, voicemail or answered");
		};
		Lead lead = this.leads.get(id);
		CallSimulator.SimulatedCall call;
		try {
			call = this.callSimulator.simulate(lead.phone(), what);
		}
		catch (CallSimulationException ex) {
			redirect.addFlashAttribute("alert", "Not simulated: " + ex.getBody().getDetail() + ".");
			return "redirect:/leads/" + id;
		}
		String said = switch (what) {
			case MISSED -> "Simulated a missed call from the lead.";
			case VOICEMAIL -> "Simulated a missed call with a voicemail from the lead.";
			case ANSWERED -> "Simulated an answered call with the lead.";
		};
		boolean elsewhere = call.leadId() != null && !call.leadId().equals(id);
		redirect.addFlashAttribute("notice",
				elsewhere ? said + " This lead is closed, so the call made a new one." : said);
		return "redirect:/leads/" + (elsewhere ? call.leadId() : id);
	}

	/**
	 * {@code /leads/not-a-uuid} names no lead: the not-found page, as for an unknown id.
	 */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notALead(Model model) {
		model.addAttribute("status", 404);
		return "error/404";
	}

	private void markReadIfUnread(Lead lead, StaffPrincipal staff) {
		if (this.leads.unreadFor(lead.id(), staff.user().id())) {
			this.leads.markRead(lead.id(), staff.user().id());
		}
	}

}
