package com.leadresponse.settings;

import java.util.UUID;

/** A staff account as the rest of the product sees it. */
public record StaffUser(UUID id, String email, String name, StaffRole role, boolean enabled) {

	public boolean isAdmin() {
		return this.role == StaffRole.ADMIN;
	}

}
