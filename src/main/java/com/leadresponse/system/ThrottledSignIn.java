package com.leadresponse.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Staff sign-in, by the form and by HTTP Basic alike, through the {@link SignInThrottle}:
 * an attempt its account or address is throttled for is refused before anything is
 * checked (so the right password does not lift a lock), and every checked attempt's
 * outcome is recorded. With a second factor (SPEC 11), the form's password is the first
 * of two steps ({@link #secondStep}), whose wrong codes the throttle counts as it counts
 * wrong passwords; HTTP Basic then takes one of the account's API tokens instead of the
 * password. Neither a password, a code nor a token is ever logged.
 */
@Component
class ThrottledSignIn implements AuthenticationManager {

	/** Where an attempt comes from: the pages' form, or HTTP Basic of the API. */
	private enum Channel {

		PAGES, API

	}

	private final DaoAuthenticationProvider passwords;

	private final UserDetailsService accounts;

	private final SecondFactor secondFactor;

	private final SignInThrottle throttle;

	ThrottledSignIn(UserDetailsService accounts, PasswordEncoder passwordEncoder, SecondFactor secondFactor,
			SignInThrottle throttle) {
		this.passwords = new DaoAuthenticationProvider(accounts);
		this.passwords.setPasswordEncoder(passwordEncoder);
		this.accounts = accounts;
		this.secondFactor = secondFactor;
		this.throttle = throttle;
	}

	/** The sign-in of the pages' form. */
	@Override
	public Authentication authenticate(Authentication attempt) {
		return signIn(attempt, Channel.PAGES);
	}

	/** The sign-in of HTTP Basic on the API. */
	AuthenticationManager api() {
		return (attempt) -> signIn(attempt, Channel.API);
	}

	private Authentication signIn(Authentication attempt, Channel channel) {
		if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
			throw new ProviderNotFoundException("Staff sign in with an e-mail and a password");
		}
		String account = SignInThrottle.accountKey(attempt.getName());
		String address = addressOf(attempt);
		this.throttle.admit(account, address);
		try {
			if (ControlCharacters.in(attempt.getName())) {
				// No account has such an e-mail, and the lookup could not even be made.
				throw new BadCredentialsException("Bad credentials");
			}
			String secret = (attempt.getCredentials() != null) ? attempt.getCredentials().toString() : "";
			if (channel == Channel.API && this.secondFactor.apiTokenMatches(attempt.getName(), secret)) {
				Authentication signedIn = withToken(attempt);
				this.throttle.succeeded(account, address);
				return signedIn;
			}
			Authentication signedIn = this.passwords.authenticate(attempt);
			if (this.secondFactor.required(attempt.getName())) {
				if (channel == Channel.API) {
					// SPEC 11: with a second factor, the API takes a token, never the
					// password alone; answered as a wrong password is.
					throw new BadCredentialsException("Bad credentials");
				}
				// The right password is half a sign-in: the account's failures are
				// forgotten only when the second step succeeds.
				this.throttle.abandoned(account, address);
				return SignInFactors.passwordOnly(signedIn);
			}
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

	/**
	 * The second step of a sign-in whose password was right (SPEC 11): a code from the
	 * account's authenticator or a recovery code, admitted and counted by the throttle
	 * like a password.
	 * @throws BadCredentialsException for a wrong, used or malformed code
	 * @throws SignInThrottledException when the account or address is throttled
	 */
	Authentication secondStep(Authentication pending, String code, String address) {
		String account = SignInThrottle.accountKey(pending.getName());
		this.throttle.admit(account, address);
		boolean right;
		try {
			right = code != null && code.length() <= 64 && !ControlCharacters.in(code)
					&& this.secondFactor.verify(pending.getName(), code);
		}
		catch (RuntimeException ex) {
			this.throttle.abandoned(account, address);
			throw ex;
		}
		if (!right) {
			this.throttle.failed(account, address);
			throw new BadCredentialsException("Wrong code");
		}
		this.throttle.succeeded(account, address);
		return SignInFactors.withSecondFactor(pending);
	}

	/** An API token stands for the password and the second factor together. */
	private Authentication withToken(Authentication attempt) {
		UserDetails user = this.accounts.loadUserByUsername(attempt.getName());
		if (!user.isEnabled()) {
			throw new DisabledException("Disabled");
		}
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null,
				authorities);
		signedIn.setDetails(attempt.getDetails());
		return signedIn;
	}

	private static String addressOf(Authentication attempt) {
		return (attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null)
				? web.getRemoteAddress() : "unknown";
	}

}
