package com.leadresponse.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The factors a staff sign-in has proved, as Spring Security 7's
 * {@link FactorGrantedAuthority}s (SPEC 11 Accounts). An account with a second factor
 * that has given only its password holds {@code FACTOR_PASSWORD} and no role: every page
 * and API call needs a role, so it can reach nothing but the second step. The code adds
 * {@code FACTOR_TOTP} and the account's roles.
 */
public final class SignInFactors {

	/** The factor of a code from an authenticator app or a recovery code. */
	public static final String TOTP = "TOTP";

	private SignInFactors() {
	}

	/** Whether the sign-in proved the password and waits for the second step. */
	public static boolean awaitingSecondFactor(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		boolean password = false;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority.getAuthority().startsWith("ROLE_")) {
				return false;
			}
			password |= FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(authority.getAuthority());
		}
		return password;
	}

	/** The password is right; the roles wait for the second step. */
	static Authentication passwordOnly(Authentication signedIn) {
		UsernamePasswordAuthenticationToken pending = UsernamePasswordAuthenticationToken.authenticated(
				signedIn.getPrincipal(), null,
				List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
		pending.setDetails(signedIn.getDetails());
		return pending;
	}

	/** Both steps done: the account's roles and both factors. */
	static Authentication withSecondFactor(Authentication pending) {
		List<GrantedAuthority> authorities = new ArrayList<>(((UserDetails) pending.getPrincipal()).getAuthorities());
		authorities.addAll(pending.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromFactor(TOTP));
		UsernamePasswordAuthenticationToken full = UsernamePasswordAuthenticationToken
			.authenticated(pending.getPrincipal(), null, authorities);
		full.setDetails(pending.getDetails());
		return full;
	}

}
