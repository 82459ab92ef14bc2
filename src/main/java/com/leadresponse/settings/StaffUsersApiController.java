package com.leadresponse.settings;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff accounts in the JSON API (admins only): {@code GET /api/users} lists them;
 * {@code PATCH /api/users/{id}} {@code {"takesNewLeads": true}} says whether one is given
 * new leads in turn (SPEC 11 assignment).
 */
@RestController
@RequestMapping("/api/users")
class StaffUsersApiController {

	/** A staff account as the API shows it: never a password, a secret or a token. */
	record UserView(UUID id, String email, String name, String role, boolean enabled, boolean takesNewLeads,
			boolean twoFactor) {

		static UserView of(StaffUser user) {
			return new UserView(user.id(), user.email(), user.name(), user.role().dbValue(), user.enabled(),
					user.takesNewLeads(), user.twoFactor());
		}

	}

	/** What an admin may change here; a field left out is left as it is. */
	record UserChange(Boolean takesNewLeads) {
	}

	private final StaffAccounts accounts;

	StaffUsersApiController(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	List<UserView> all() {
		return this.accounts.all().stream().map(UserView::of).toList();
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> change(@PathVariable UUID id, @RequestBody UserChange change) {
		if (this.accounts.find(id).isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No staff account " + id);
			problem.setTitle("Staff account not found");
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		if (change == null || change.takesNewLeads() == null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"takesNewLeads: must be true or false");
			problem.setTitle("Invalid staff account change");
			problem.setProperty("errors",
					List.of(Map.of("field", "takesNewLeads", "message", "must be true or false")));
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		this.accounts.setTakesNewLeads(id, change.takesNewLeads());
		return ResponseEntity.ok(UserView.of(this.accounts.find(id).orElseThrow()));
	}

}
