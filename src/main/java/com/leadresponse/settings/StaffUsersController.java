package com.leadresponse.settings;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff accounts, managed by admins (SPEC 6): add, disable or enable, reset password. */
@Controller
@RequestMapping("/settings/users")
class StaffUsersController {

	static final int MIN_PASSWORD = 12;

	private final StaffAccounts accounts;

	StaffUsersController(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", this.accounts.all());
		return "settings/users";
	}

	@PostMapping
	String add(@RequestParam String name, @RequestParam String email, @RequestParam String role,
			@RequestParam String password, RedirectAttributes redirect) {
		String problem = null;
		if (name.isBlank() || name.length() > 100) {
			problem = "Enter the person's name.";
		}
		else if (!email.strip().matches("[^@\\s]+@[^@\\s]+") || email.length() > 320) {
			problem = "Enter the e-mail address they will sign in with.";
		}
		else if (password.length() < MIN_PASSWORD || password.length() > 200) {
			problem = "The password needs at least " + MIN_PASSWORD + " characters.";
		}
		else if (!role.equals("admin") && !role.equals("agent")) {
			problem = "Choose a role.";
		}
		else if (!this.accounts.create(email, name, password, StaffRole.fromDb(role))) {
			problem = "An account with this e-mail already exists.";
		}
		if (problem != null) {
			redirect.addFlashAttribute("alert", "Not added. " + problem);
			redirect.addFlashAttribute("draftName", name);
			redirect.addFlashAttribute("draftEmail", email);
			redirect.addFlashAttribute("draftRole", role);
			return "redirect:/settings/users";
		}
		redirect.addFlashAttribute("notice", name.strip() + " can now sign in as " + role + ".");
		return "redirect:/settings/users";
	}

	@PostMapping("/{id}/enabled")
	String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, @AuthenticationPrincipal StaffPrincipal me,
			RedirectAttributes redirect) {
		if (!enabled && id.equals(me.user().id())) {
			// The acting admin stays, so there is always an admin who can sign in.
			redirect.addFlashAttribute("alert", "You cannot disable your own account.");
			return "redirect:/settings/users";
		}
		this.accounts.setEnabled(id, enabled);
		redirect.addFlashAttribute("notice",
				enabled ? "Account enabled." : "Account disabled. Their session ends on their next click.");
		return "redirect:/settings/users";
	}

	/** SPEC 11: whether the account is given new leads in turn. */
	@PostMapping("/{id}/takes-new-leads")
	String setTakesNewLeads(@PathVariable UUID id, @RequestParam boolean takes, RedirectAttributes redirect) {
		this.accounts.setTakesNewLeads(id, takes);
		redirect.addFlashAttribute("notice",
				takes ? "New leads now come to them in turn." : "No more new leads for them; their leads stay theirs.");
		return "redirect:/settings/users";
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable UUID id, @RequestParam String password, RedirectAttributes redirect) {
		if (password.length() < MIN_PASSWORD || password.length() > 200) {
			redirect.addFlashAttribute("alert",
					"Password not changed. It needs at least " + MIN_PASSWORD + " characters.");
			return "redirect:/settings/users";
		}
		this.accounts.changePassword(id, password);
		redirect.addFlashAttribute("notice", "Password changed. Tell them the new one in person.");
		return "redirect:/settings/users";
	}

}
