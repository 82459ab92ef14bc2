package com.leadresponse.calls;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A simulated call that cannot be made: Twilio is configured, so real calls come in
 * instead (404, as the simulator's pages are absent then); or an answered call was asked
 * for while no staff phone would ring (409).
 */
public final class CallSimulationException extends ErrorResponseException {

	private CallSimulationException(HttpStatus status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	static CallSimulationException notInSimulatorMode() {
		return new CallSimulationException(HttpStatus.NOT_FOUND,
				"Calls are simulated only without Twilio credentials (simulator mode)");
	}

	static CallSimulationException nobodyToRing() {
		return new CallSimulationException(HttpStatus.CONFLICT,
				"No staff phone would ring: set “Ring these phones” in the settings to simulate an answered call");
	}

}
