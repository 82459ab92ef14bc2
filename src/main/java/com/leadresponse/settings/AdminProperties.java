package com.leadresponse.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first admin ({@code ADMIN_EMAIL}, {@code ADMIN_PASSWORD}), created when no user
 * exists.
 */
@Validated
@ConfigurationProperties("admin")
record AdminProperties(String email, String password) {

	@Override
	public String toString() {
		return "AdminProperties[email=" + this.email + "]";
	}

}
