package com.leadresponse.system;

/**
 * The second factor of staff sign-in (SPEC 11 Accounts), as security asks the accounts
 * about it: whether an account needs one, the check of a code, and the API tokens that
 * take the password's place in HTTP Basic once it does. Keyed by the e-mail as typed.
 */
public interface SecondFactor {

	/**
	 * Whether signing in as this account takes a second step: it has a second factor, or
	 * an admin requires one of every account.
	 */
	boolean required(String email);

	/** Whether the account has an authenticator set up (false: it must set one up). */
	boolean configured(String email);

	/**
	 * Checks a code from the account's authenticator, or one of its recovery codes; each
	 * is accepted once.
	 */
	boolean verify(String email, String code);

	/** Whether {@code token} is one of the account's API tokens, not revoked. */
	boolean apiTokenMatches(String email, String token);

}
