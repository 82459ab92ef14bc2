package com.leadresponse.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The fields a lead source posts to {@code POST /api/leads} (SPEC 3), as JSON or a form.
 */
public record IntakeRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 40) String phone,
		@Email @Size(max = 320) String email, @Size(max = 100) String source, @Size(max = 5000) String message,
		@Size(max = 200) String externalId) {
}
