package com.leadresponse.inbox;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.leadresponse.system.NoControlCharacters;

/**
 * A lead staff add by hand, typically from a phone call (SPEC 6); the same fields and
 * limits as the intake API.
 */
class AddLeadForm {

	@NotBlank(message = "Enter the lead's name")
	@Size(max = 200)
	@NoControlCharacters
	private String name;

	@NotBlank(message = "Enter the lead's mobile number")
	@Size(max = 40)
	@NoControlCharacters
	private String phone;

	@Email(message = "Enter a valid e-mail address, or leave it empty")
	@Size(max = 320)
	@NoControlCharacters
	private String email;

	@Size(max = 100)
	@NoControlCharacters
	private String source = "phone";

	@Size(max = 5000)
	@NoControlCharacters
	private String message;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getPhone() {
		return this.phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getSource() {
		return this.source;
	}

	public void setSource(String source) {
		this.source = source;
	}

	public String getMessage() {
		return this.message;
	}

	public void setMessage(String message) {
		this.message = message;
	}

}
