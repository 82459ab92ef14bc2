package com.leadresponse.lead;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An API key posted more leads than its intake rate allows: 429 with {@code Retry-After}
 * (SPEC 3).
 */
final class IntakeRateExceededException extends ErrorResponseException {

	private IntakeRateExceededException(int ratePerMinute, long seconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(ratePerMinute, seconds), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
	}

	static IntakeRateExceededException retryAfter(int ratePerMinute, Duration wait) {
		return new IntakeRateExceededException(ratePerMinute, Math.max(1, (wait.toMillis() + 999) / 1000));
	}

	private static ProblemDetail problem(int ratePerMinute, long seconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"This API key may post " + ratePerMinute + " leads a minute; retry in " + seconds + " s");
		problem.setTitle("Intake rate exceeded");
		return problem;
	}

}
