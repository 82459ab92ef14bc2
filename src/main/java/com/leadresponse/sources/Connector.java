package com.leadresponse.sources;

import java.util.Optional;

import org.springframework.http.ResponseEntity;

/**
 * One lead source's connector at {@code /api/sources/{name}} (SPEC 9): checks the sender,
 * maps the payload to a submission for the lead intake, and answers as the source
 * expects. A request that fails the check stores nothing.
 */
interface Connector {

	/** The {@code {name}} of its URL, and the {@code source} of its submissions. */
	String name();

	/** The sender's proof (a key, credentials, a signature); a refusal says why. */
	Optional<Refusal> check(SourceRequest request);

	/**
	 * Maps a checked request and hands it to the intake; the answer its source expects,
	 * for a replay too.
	 * @throws MalformedPayloadException when the body is not what the source sends
	 */
	ResponseEntity<?> receive(SourceRequest request);

}
