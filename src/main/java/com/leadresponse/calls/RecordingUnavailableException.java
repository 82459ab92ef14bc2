package com.leadresponse.calls;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A voicemail that cannot be played now: the call has none, or Twilio no longer has it
 * (404); or Twilio could not be reached or refused the request (502, which may pass).
 */
final class RecordingUnavailableException extends ErrorResponseException {

	private RecordingUnavailableException(HttpStatus status, String detail, Throwable cause) {
		super(status, problem(status, detail), cause);
	}

	static RecordingUnavailableException noVoicemail() {
		return new RecordingUnavailableException(HttpStatus.NOT_FOUND, "This call has no voicemail", null);
	}

	static RecordingUnavailableException notAtTwilio() {
		return new RecordingUnavailableException(HttpStatus.NOT_FOUND,
				"Twilio has no recording for this voicemail (it may have been deleted there)", null);
	}

	static RecordingUnavailableException twilioAnswered(int status) {
		return new RecordingUnavailableException(HttpStatus.BAD_GATEWAY,
				"Twilio answered HTTP " + status + " for this voicemail; try again shortly", null);
	}

	static RecordingUnavailableException twilioUnreachable(Throwable cause) {
		return new RecordingUnavailableException(HttpStatus.BAD_GATEWAY,
				"Could not reach Twilio for this voicemail; try again shortly", cause);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle("Voicemail unavailable");
		return problem;
	}

}
