package com.leadresponse.forms;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.leadresponse.lead.InvalidLeadException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hosted web form (SPEC 9), public: {@code GET /forms/{slug}} shows it, {@code POST}
 * checks it ({@link FormGuard}), shows it again with the person's input and a sentence
 * per wrong field, or creates the lead and sends the person to the thank-you page. Every
 * answer may be framed by the allowed sites only ({@code frame-ancestors}).
 */
@Controller
@RequestMapping("/forms/{slug}")
class WebFormController {

	private final WebFormRepository forms;

	private final FormGuard guard;

	private final FormTokens tokens;

	private final FormLeads leads;

	private final FormSettings settings;

	WebFormController(WebFormRepository forms, FormGuard guard, FormTokens tokens, FormLeads leads,
			FormSettings settings) {
		this.forms = forms;
		this.guard = guard;
		this.tokens = tokens;
		this.leads = leads;
		this.settings = settings;
	}

	@GetMapping
	String show(@PathVariable String slug, Model model, HttpServletResponse response) {
		headers(response);
		Optional<WebForm> form = this.forms.findBySlug(slug);
		if (form.isEmpty()) {
			return missing(response);
		}
		return render(form.get(), Map.of(), Map.of(), false, this.tokens.issue(slug), model);
	}

	@PostMapping
	String post(@PathVariable String slug, @RequestParam MultiValueMap<String, String> fields, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		headers(response);
		Optional<WebForm> found = this.forms.findBySlug(slug);
		if (found.isEmpty()) {
			return missing(response);
		}
		WebForm form = found.get();
		FormPost post = FormPost.of(fields);
		Optional<FormGuard.Refusal> refusal = this.guard.check(form, post, request);
		if (refusal.isPresent()) {
			response.setStatus(refusal.get().status().value());
			if (refusal.get().retryAfterSeconds() != null) {
				response.setHeader("Retry-After", String.valueOf(refusal.get().retryAfterSeconds()));
			}
			model.addAttribute("form", form);
			model.addAttribute("message", refusal.get().message());
			return "forms/refused";
		}
		Map<String, String> errors = post.errors(form);
		if (errors.isEmpty()) {
			try {
				this.leads.submit(form, post);
				return "redirect:/forms/" + slug + "/thanks";
			}
			catch (InvalidLeadException ex) {
				errors = Map.of("phone", "We can only text mobile numbers in the countries we serve. "
						+ "Enter your mobile number, such as (512) 555-0134.");
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return render(form, post.values(), errors, post.smsConsent(), post.token(), model);
	}

	@GetMapping("/thanks")
	String thanks(@PathVariable String slug, Model model, HttpServletResponse response) {
		headers(response);
		Optional<WebForm> form = this.forms.findBySlug(slug);
		if (form.isEmpty()) {
			return missing(response);
		}
		model.addAttribute("form", form.get());
		return "forms/thanks";
	}

	private String render(WebForm form, Map<String, String> values, Map<String, String> errors, boolean consent,
			String token, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("consent", consent);
		model.addAttribute("consentText", this.settings.consentText());
		model.addAttribute("token", token);
		return "forms/form";
	}

	private static String missing(HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		return "forms/missing";
	}

	/**
	 * Only this service's own scripts and styles, as on the staff pages; framed only by
	 * this service and the allowed sites; the form posts only here.
	 */
	private void headers(HttpServletResponse response) {
		String ancestors = Stream.concat(Stream.of("'self'"), this.settings.allowedOrigins().stream())
			.collect(Collectors.joining(" "));
		response.setHeader("Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
						+ "form-action 'self'; frame-ancestors " + ancestors + "; base-uri 'none'; object-src 'none'");
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		response.setHeader("Cache-Control", "no-store");
	}

}
