package com.leadresponse.system;

import java.util.Optional;

/** Tells whether an intake API key is valid, and which client it names. */
public interface ApiKeyAuthenticator {

	Optional<String> authenticate(String presentedKey);

}
