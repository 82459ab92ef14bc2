package com.leadresponse.review;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A lead's review request in the staff API (SPEC 11): {@code GET} where it stands,
 * {@code PUT {"enabled": false}} turns it off for that lead (true on again).
 */
@RestController
@RequestMapping("/api/leads/{id}/review-request")
class ReviewRequestApiController {

	record Switch(@NotNull Boolean enabled) {
	}

	private final ReviewRequests requests;

	ReviewRequestApiController(ReviewRequests requests) {
		this.requests = requests;
	}

	@GetMapping
	ReviewRequests.State get(@PathVariable UUID id) {
		return this.requests.of(id);
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ReviewRequests.State put(@PathVariable UUID id, @Valid @RequestBody Switch request) {
		return this.requests.setEnabled(id, request.enabled());
	}

}
