package com.leadresponse.settings;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

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

	private final BusinessSettings business;

	private final TwoFactor twoFactor;

	ProfileController(StaffAccounts accounts, BusinessSettings business, TwoFactor twoFactor) {
		this.accounts = accounts;
		this.business = business;
		this.twoFactor = twoFactor;
	}

	@GetMapping
	String show(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
		StaffUser me = this.accounts.find(staff.user().id()).orElse(staff.user());
		model.addAttribute("me", me);
		model.addAttribute("recoveryCodesLeft", me.twoFactor() ? this.twoFactor.recoveryCodesLeft(me.id()) : 0);
		model.addAttribute("twoFactorRequired", this.twoFactor.requiredOfEveryone());
		model.addAttribute("tokens", this.twoFactor.tokens(me.id()));
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

	/**
	 * The phone this staff member's new-lead alerts go to (SPEC 11: the alert of a lead
	 * they own goes to them); empty for none.
	 */
	@PostMapping("/alert-phone")
	String setAlertPhone(@AuthenticationPrincipal StaffPrincipal staff, @RequestParam(defaultValue = "") String phone,
			RedirectAttributes redirect) {
		String typed = phone.strip();
		if (typed.isEmpty()) {
			this.accounts.setAlertPhone(staff.user().id(), null);
			redirect.addFlashAttribute("notice",
					"Saved. Alerts of your leads go by e-mail, or to the staff alert phones.");
			return "redirect:/profile";
		}
		PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
		try {
			Phonenumber.PhoneNumber number = (typed.length() <= 40) ? phones.parse(typed, this.business.country())
					: null;
			if (number != null && phones.isValidNumber(number)) {
				this.accounts.setAlertPhone(staff.user().id(),
						phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
				redirect.addFlashAttribute("notice", "Saved. New leads given to you are texted to this phone.");
				return "redirect:/profile";
			}
		}
		catch (NumberParseException ex) {
			// Said below.
		}
		redirect.addFlashAttribute("alert", "Not saved. Enter a phone number such as (512) 555-0134 or +15125550134.");
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
