package com.leadresponse.quickreply;

import java.util.UUID;

import com.leadresponse.sms.MessageTemplates;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page "Quick replies" (SPEC 11, admins): the saved texts, a form to add one
 * (an unknown merge field is refused, named, and the draft kept), delete.
 */
@Controller
@RequestMapping("/settings/quick-replies")
class QuickRepliesPageController {

	private final QuickReplies replies;

	QuickRepliesPageController(QuickReplies replies) {
		this.replies = replies;
	}

	@GetMapping
	String page(Model model) {
		return render(model);
	}

	@PostMapping
	String create(@RequestParam String shortcut, @RequestParam String body, Model model, RedirectAttributes redirect) {
		try {
			QuickReply reply = this.replies.create(shortcut, body);
			redirect.addFlashAttribute("notice",
					"Saved. Type /" + reply.shortcut() + " in a lead's composer to use it.");
			return "redirect:/settings/quick-replies";
		}
		catch (InvalidQuickReplyException ex) {
			model.addAttribute("alert", "Not saved. " + ex.problem());
			model.addAttribute("errorField", ex.field());
			model.addAttribute("draftShortcut", shortcut);
			model.addAttribute("draftBody", body);
		}
		return render(model);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		this.replies.delete(id);
		redirect.addFlashAttribute("notice", "Quick reply deleted.");
		return "redirect:/settings/quick-replies";
	}

	private String render(Model model) {
		model.addAttribute("replies", this.replies.all());
		model.addAttribute("fields", MessageTemplates.LEAD_FIELDS);
		return "settings/quick-replies";
	}

}
