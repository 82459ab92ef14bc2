package com.leadresponse.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletResponse;

import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.lead.Leads;
import com.leadresponse.settings.StaffPrincipal;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.ProviderCalls;
import com.leadresponse.system.ControlCharacters;
import com.leadresponse.webhook.InboundMessageHandler;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lead page (SPEC 6): the conversation, the composer with its limits, the sequence
 * controls, closing as won or lost, and the simulator's "simulate reply".
 */
@Controller
class LeadPageController {

	private final LeadPages pages;

	private final Leads leads;

	private final ProviderCalls provider;

	private final InboundMessageHandler inbound;

	private final Clock clock;

	LeadPageController(LeadPages pages, Leads leads, ProviderCalls provider, InboundMessageHandler inbound,
			Clock clock) {
		this.pages = pages;
		this.leads = leads;
		this.provider = provider;
		this.inbound = inbound;
		this.clock = clock;
	}

	@GetMapping("/leads/{id}")
	String show(@PathVariable UUID id, Model model) {
		LeadPage page = this.pages.load(id);
		markReadIfUnread(page.lead());
		model.addAttribute("page", page);
		// Results of sending show next to the composer, where the draft waits.
		model.addAttribute("flashInPage", true);
		return "inbox/lead";
	}

	/**
	 * The live part of the page, polled by htmx: 204 while nothing changed. Staff looking
	 * at the thread have read what it shows.
	 */
	@GetMapping("/leads/{id}/live")
	String live(@PathVariable UUID id, @RequestParam(name = "v", required = false) String version, Model model,
			HttpServletResponse response) {
		LeadPage page = this.pages.load(id);
		markReadIfUnread(page.lead());
		if (page.version().equals(version)) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null;
		}
		model.addAttribute("page", page);
		model.addAttribute("oob", true);
		return "inbox/lead :: live";
	}

	@PostMapping("/leads/{id}/messages")
	String send(@PathVariable UUID id, @RequestParam(defaultValue = "") String body,
			@RequestParam(defaultValue = "false") boolean bypassLimits, @AuthenticationPrincipal StaffPrincipal staff,
			RedirectAttributes redirect) {
		String text = body.strip();
		if (text.isEmpty() || text.length() > OutboundMessages.MAX_BODY || ControlCharacters.in(text)) {
			redirect.addFlashAttribute("alert",
					text.isEmpty() ? "Write a message first."
							: ControlCharacters.in(text)
									? "Not sent. A text cannot contain control characters (such as NUL)."
									: "A text can have at most 1,600 characters.");
			redirect.addFlashAttribute("draft", ControlCharacters.without(body));
			return "redirect:/leads/" + id + "#composer";
		}
		QueueResult result = this.leads.sendManual(id, text, staff.user(), bypassLimits);
		if (result instanceof QueueResult.Queued) {
			redirect.addFlashAttribute("notice", bypassLimits ? "Sending, past the limits. The sequence is paused."
					: "Sending. The sequence is paused.");
		}
		else if (result instanceof QueueResult.Blocked blocked) {
			long wait = Math.max(1, Duration.between(this.clock.instant(), blocked.nextAllowedAt()).toSeconds());
			redirect.addFlashAttribute("alert", "Not sent. " + blocked.reason() + ". Next allowed in "
					+ ((wait < 120) ? wait + " s." : ((wait + 59) / 60) + " min."));
			redirect.addFlashAttribute("draft", text);
		}
		else {
			redirect.addFlashAttribute("alert", "Not sent. " + OptOuts.RECIPIENT_OPTED_OUT);
			redirect.addFlashAttribute("draft", text);
		}
		return "redirect:/leads/" + id + "#composer";
	}

	@PostMapping("/leads/{id}/status")
	String status(@PathVariable UUID id, @RequestParam String status,
			@RequestParam(required = false, defaultValue = "") String reason, RedirectAttributes redirect) {
		if (!status.equals("won") && !status.equals("lost") && !status.equals("contacted")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown status");
		}
		String why = reason.strip();
		if (ControlCharacters.in(why)) {
			redirect.addFlashAttribute("alert",
					"Not changed. The reason cannot contain control characters (such as NUL).");
			return "redirect:/leads/" + id;
		}
		Lead lead = this.leads.changeStatus(id, LeadStatus.fromDb(status),
				why.isEmpty() ? null : why.substring(0, Math.min(why.length(), 500)));
		redirect.addFlashAttribute("notice", switch (lead.status()) {
			case WON -> "Closed as won. The sequence has ended.";
			case LOST -> "Closed as lost. The sequence has ended.";
			default -> "Reopened.";
		});
		return "redirect:/leads/" + id;
	}

	@PostMapping("/leads/{id}/sequence")
	String sequence(@PathVariable UUID id, @RequestParam String action, @RequestParam(defaultValue = "30") int days,
			RedirectAttributes redirect) {
		switch (action) {
			case "pause" -> {
				this.leads.pauseSequence(id);
				redirect.addFlashAttribute("notice", "Sequence paused.");
			}
			case "resume" -> {
				this.leads.resumeSequence(id);
				redirect.addFlashAttribute("notice", "Sequence resumed.");
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
			RedirectAttributes redirect) {
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
		this.inbound.handle(params);
		redirect.addFlashAttribute("notice", "Simulated a reply from the lead.");
		return "redirect:/leads/" + id;
	}

	private void markReadIfUnread(Lead lead) {
		if (lead.hasUnreadReply()) {
			this.leads.markRead(lead.id());
		}
	}

}
