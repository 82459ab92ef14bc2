package com.leadresponse.settings;

import java.util.UUID;

/**
 * A staff account as the rest of the product sees it: whether it takes new leads in turn
 * (SPEC 11 assignment), the phone its new-lead alerts go to (null: none), and whether it
 * signs in with a second factor.
 */
public record StaffUser(UUID id, String email, String name, StaffRole role, boolean enabled, boolean takesNewLeads,
		String alertPhone, boolean twoFactor) {

	public boolean isAdmin() {
		return this.role == StaffRole.ADMIN;
	}

}
