package com.leadresponse.review;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The lead page's switch of the lead's review request (SPEC 11). */
@Controller
class ReviewRequestPageController {

	private final ReviewRequests requests;

	ReviewRequestPageController(ReviewRequests requests) {
		this.requests = requests;
	}

	@PostMapping("/leads/{id}/review-request")
	String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
		this.requests.setEnabled(id, enabled);
		redirect.addFlashAttribute("notice", enabled ? "This customer will be asked for a review once won."
				: "No review request will go to this customer.");
		return "redirect:/leads/" + id;
	}

}
