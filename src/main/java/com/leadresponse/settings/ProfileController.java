package com.leadresponse.settings;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each staff member's own page (SPEC 6): the name the conversation shows for them, their
 * password, and this device's notifications and sound.
 */
@Controller
@RequestMapping("/profile")
class ProfileController {

	private final StaffAccounts accounts;

	ProfileController(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	String show(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
		model.addAttribute("me", this.accounts.find(staff.user().id()).orElse(staff.user()));
		return "settings/profile";
	}

	@PostMapping
	String rename(@AuthenticationPrincipal StaffPrincipal staff, @RequestParam String name,
			RedirectAttributes redirect) {
		String clean = name.strip();
		if (clean.isEmpty() || clean.length() > 100) {
			redirect.addFlashAttribute("alert", "Not saved. Enter your name (at most 100 characters).");
			return "redirect:/profile";
		}
		this.accounts.rename(staff.user().id(), clean);
		redirect.addFlashAttribute("notice", "Saved. Your texts and notes now show " + clean + ".");
		return "redirect:/profile";
	}

	@PostMapping("/password")
	String changePassword(@AuthenticationPrincipal StaffPrincipal staff, @RequestParam String current,
			@RequestParam String password, RedirectAttributes redirect) {
		if (password.length() < StaffUsersController.MIN_PASSWORD || password.length() > 200) {
			redirect.addFlashAttribute("alert", "Password not changed. The new one needs at least "
					+ StaffUsersController.MIN_PASSWORD + " characters.");
		}
		else if (!this.accounts.changeOwnPassword(staff.user().id(), current, password)) {
			redirect.addFlashAttribute("alert", "Password not changed. The current password is not right.");
		}
		else {
			redirect.addFlashAttribute("notice", "Password changed. Use it the next time you sign in.");
		}
		return "redirect:/profile";
	}

}
