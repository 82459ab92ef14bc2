package com.leadresponse.settings;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in staff member, as Spring Security carries it. */
public record StaffPrincipal(StaffUser user, String passwordHash) implements UserDetails {

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.user.role().name()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.user.email();
	}

	@Override
	public boolean isEnabled() {
		return this.user.enabled();
	}

	@Override
	public String toString() {
		return "StaffPrincipal[" + this.user.email() + "]";
	}

}
