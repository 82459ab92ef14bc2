package com.leadresponse.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages of the staff app: the form (Spring Security handles its POST, the
 * failure and the sign-out) and, for an account with a second factor, the code that
 * follows the password (SPEC 11).
 */
@Controller
class LoginController {

	private final ThrottledSignIn signIn;

	private final SecondStepSignIn secondStep;

	LoginController(ThrottledSignIn signIn, SecondStepSignIn secondStep) {
		this.signIn = signIn;
		this.secondStep = secondStep;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/** The code page; only a sign-in that proved its password and waits for it. */
	@GetMapping(SecondStepSignIn.CODE_PAGE)
	String code() {
		return (this.secondStep.pending() != null) ? "login-code" : "redirect:/login";
	}

	/**
	 * The second step: a code from the authenticator app or a recovery code. Right: the
	 * sign-in is complete; wrong: the code page again; too many wrong ones: throttled as
	 * wrong passwords are.
	 */
	@PostMapping(SecondStepSignIn.CODE_PAGE)
	String verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response) {
		Authentication pending = this.secondStep.pending();
		if (pending == null) {
			return "redirect:/login";
		}
		try {
			Authentication full = this.signIn.secondStep(pending, code.strip(), request.getRemoteAddr());
			return "redirect:" + this.secondStep.signIn(full, request, response);
		}
		catch (SignInThrottledException ex) {
			return "redirect:" + SecondStepSignIn.CODE_PAGE + "?error=throttled&wait=" + ex.retryAfterSeconds();
		}
		catch (BadCredentialsException ex) {
			return "redirect:" + SecondStepSignIn.CODE_PAGE + "?error";
		}
	}

}
