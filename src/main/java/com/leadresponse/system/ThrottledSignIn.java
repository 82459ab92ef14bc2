package com.leadresponse.system;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Staff sign-in with an e-mail and password, by the form and by HTTP Basic alike, through
 * the {@link SignInThrottle}: an attempt its account or address is throttled for is
 * refused before the password is checked (so the right password does not lift a lock),
 * and every checked attempt's outcome is recorded. The password is never logged.
 */
@Component
class ThrottledSignIn implements AuthenticationManager {

	private final DaoAuthenticationProvider passwords;

	private final SignInThrottle throttle;

	ThrottledSignIn(UserDetailsService accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
		this.passwords = new DaoAuthenticationProvider(accounts);
		this.passwords.setPasswordEncoder(passwordEncoder);
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
			throw new ProviderNotFoundException("Staff sign in with an e-mail and a password");
		}
		String account = SignInThrottle.accountKey(attempt.getName());
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails web
				&& web.getRemoteAddress() != null) ? web.getRemoteAddress() : "unknown";
		this.throttle.admit(account, address);
		try {
			if (ControlCharacters.in(attempt.getName())) {
				// No account has such an e-mail, and the lookup could not even be made.
				throw new BadCredentialsException("Bad credentials");
			}
			Authentication signedIn = this.passwords.authenticate(attempt);
			this.throttle.succeeded(account, address);
			return signedIn;
		}
		catch (InternalAuthenticationServiceException ex) {
			// The accounts could not be read (the database is down): no answer about
			// the password, so no failure either.
			this.throttle.abandoned(account, address);
			throw ex;
		}
		catch (AuthenticationException ex) {
			this.throttle.failed(account, address);
			throw ex;
		}
		catch (RuntimeException ex) {
			this.throttle.abandoned(account, address);
			throw ex;
		}
	}

}
