package com.leadresponse.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.leadresponse.system.NoControlCharacters;

/**
 * The fields a lead source posts to {@code POST /api/leads} (SPEC 3), as JSON or a form;
 * a field holding a NUL or other control character is refused naming the field.
 */
public record IntakeRequest(@NotBlank @Size(max = 200) @NoControlCharacters String name,
		@NotBlank @Size(max = 40) @NoControlCharacters String phone,
		@Email @Size(max = 320) @NoControlCharacters String email, @Size(max = 100) @NoControlCharacters String source,
		@Size(max = 5000) @NoControlCharacters String message,
		@Size(max = 200) @NoControlCharacters String externalId) {
}
