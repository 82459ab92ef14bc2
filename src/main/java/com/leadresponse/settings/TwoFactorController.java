package com.leadresponse.settings;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.leadresponse.system.ControlCharacters;
import com.leadresponse.system.SecondStepSignIn;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Two-factor sign-in on each staff member's profile (SPEC 11): setting it up from a QR
 * code and confirming it with a code, recovery codes, turning it off, and personal API
 * tokens; and the setup an account an admin requires it of is sent to at sign-in.
 */
@Controller
class TwoFactorController {

	private final TwoFactor twoFactor;

	private final StaffAccounts accounts;

	private final SecondStepSignIn secondStep;

	TwoFactorController(TwoFactor twoFactor, StaffAccounts accounts, SecondStepSignIn secondStep) {
		this.twoFactor = twoFactor;
		this.accounts = accounts;
		this.secondStep = secondStep;
	}

	@GetMapping("/profile/two-factor")
	String setup(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
		StaffUser me = this.accounts.find(staff.user().id()).orElseThrow();
		if (me.twoFactor()) {
			return "redirect:/profile";
		}
		model.addAttribute("setup", this.twoFactor.beginSetup(me));
		model.addAttribute("action", "/profile/two-factor");
		return "settings/two-factor";
	}

	@PostMapping("/profile/two-factor")
	String confirm(@AuthenticationPrincipal StaffPrincipal staff, @RequestParam(defaultValue = "") String code,
			Model model, RedirectAttributes redirect) {
		Optional<List<String>> recovery = this.twoFactor.confirm(staff.user().id(), code);
		if (recovery.isEmpty()) {
			redirect.addFlashAttribute("alert",
					"Not turned on. That code is not right: enter the code the app shows now.");
			return "redirect:/profile/two-factor";
		}
		model.addAttribute("codes", recovery.get());
		model.addAttribute("next", "/profile");
		model.addAttribute("notice", "Two-factor sign-in is on. Save your recovery codes now.");
		return "settings/recovery-codes";
	}

	/** A sign-in that proved its password, of an account an admin requires a code of. */
	@GetMapping(SecondStepSignIn.SETUP_PAGE)
	String requiredSetup(Model model) {
		StaffUser me = pendingWithoutSecondFactor();
		if (me == null) {
			return "redirect:/login";
		}
		model.addAttribute("setup", this.twoFactor.beginSetup(me));
		model.addAttribute("action", SecondStepSignIn.SETUP_PAGE);
		model.addAttribute("required", true);
		return "settings/two-factor";
	}

	@PostMapping(SecondStepSignIn.SETUP_PAGE)
	String confirmRequired(@RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		StaffUser me = pendingWithoutSecondFactor();
		if (me == null) {
			return "redirect:/login";
		}
		Optional<List<String>> recovery = this.twoFactor.confirm(me.id(), code);
		if (recovery.isEmpty()) {
			redirect.addFlashAttribute("alert", "That code is not right: enter the code the app shows now.");
			return "redirect:" + SecondStepSignIn.SETUP_PAGE;
		}
		// The code just proved the new second factor: the sign-in is complete.
		model.addAttribute("next", this.secondStep.complete(request, response));
		model.addAttribute("codes", recovery.get());
		model.addAttribute("notice", "Two-factor sign-in is on. Save your recovery codes now.");
		return "settings/recovery-codes";
	}

	@PostMapping("/profile/two-factor/recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
		if (!this.accounts.find(staff.user().id()).map(StaffUser::twoFactor).orElse(false)) {
			return "redirect:/profile";
		}
		model.addAttribute("codes", this.twoFactor.newRecoveryCodes(staff.user().id()));
		model.addAttribute("next", "/profile");
		model.addAttribute("notice", "New recovery codes. The earlier ones no longer work.");
		return "settings/recovery-codes";
	}

	@PostMapping("/profile/two-factor/off")
	String turnOff(@AuthenticationPrincipal StaffPrincipal staff, @RequestParam(defaultValue = "") String password,
			RedirectAttributes redirect) {
		if (this.twoFactor.requiredOfEveryone()) {
			redirect.addFlashAttribute("alert", "Two-factor sign-in stays on: an admin requires it of every account.");
		}
		else if (!this.accounts.passwordMatches(staff.user().id(), password)) {
			redirect.addFlashAttribute("alert", "Still on. The password is not right.");
		}
		else {
			this.twoFactor.turnOff(staff.user().id());
			redirect.addFlashAttribute("notice", "Two-factor sign-in is off. Your password alone signs you in.");
		}
		return "redirect:/profile";
	}

	@PostMapping("/profile/api-tokens")
	String createToken(@AuthenticationPrincipal StaffPrincipal staff, @RequestParam(defaultValue = "") String name,
			RedirectAttributes redirect) {
		String clean = name.strip();
		if (clean.isEmpty() || clean.length() > 100 || ControlCharacters.in(clean)) {
			redirect.addFlashAttribute("alert",
					"No token made. Name it after what will use it (at most 100 characters).");
			return "redirect:/profile#api-tokens";
		}
		TwoFactor.CreatedToken token = this.twoFactor.createToken(staff.user().id(), clean);
		redirect.addFlashAttribute("newToken", token.secret());
		return "redirect:/profile#api-tokens";
	}

	@PostMapping("/profile/api-tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", this.twoFactor.revokeToken(staff.user().id(), id)
				? "Token revoked. It no longer signs in." : "No such token.");
		return "redirect:/profile#api-tokens";
	}

	/** An admin resets the second factor of someone who lost their phone and codes. */
	@PostMapping("/settings/users/{id}/two-factor/reset")
	String reset(@PathVariable UUID id, RedirectAttributes redirect) {
		this.twoFactor.turnOff(id);
		redirect.addFlashAttribute("notice",
				this.twoFactor.requiredOfEveryone()
						? "Two-factor sign-in reset. They set it up again at their next sign-in."
						: "Two-factor sign-in reset. Their password alone signs them in.");
		return "redirect:/settings/users";
	}

	private StaffUser pendingWithoutSecondFactor() {
		if (this.secondStep.pending() == null
				|| !(this.secondStep.pending().getPrincipal() instanceof StaffPrincipal staff)) {
			return null;
		}
		return this.accounts.find(staff.user().id()).filter((user) -> !user.twoFactor()).orElse(null);
	}

}
