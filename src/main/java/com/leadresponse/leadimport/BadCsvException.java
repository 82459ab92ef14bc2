package com.leadresponse.leadimport;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A file that cannot be read as a CSV file of leads: 400 naming the problem. */
final class BadCsvException extends ErrorResponseException {

	private final String pageMessage;

	private BadCsvException(String detail) {
		super(HttpStatus.BAD_REQUEST, problem(detail), null);
		this.pageMessage = detail;
	}

	static BadCsvException because(String detail) {
		return new BadCsvException(detail);
	}

	/** The sentence for the import page. */
	String pageMessage() {
		return this.pageMessage;
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid CSV file");
		problem.setProperty("errors", List.of(Map.of("field", "file", "message", detail)));
		return problem;
	}

}
