package com.leadresponse.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.exc.MismatchedInputException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where errors of the JSON API become RFC 9457 problem details (SPEC 3):
 * validation with a per-field {@code errors} list, malformed bodies and values of the
 * wrong JSON type, values the database can never store (400: a request that can never
 * succeed is never told to retry), and a database that is briefly down (503, so Twilio
 * and lead sources retry). A client error is logged as one line, never with a stack
 * trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** Client errors and the refused values' field names, one line each. */
	private static final Logger clientErrors = LoggerFactory.getLogger("com.leadresponse.ClientErrors");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors
				.add(Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bodyErrors) {
				// A validated body: name its fields (as for invalid arguments).
				for (FieldError error : bodyErrors.getFieldErrors()) {
					errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
				}
			}
			else {
				result.getResolvableErrors()
					.forEach((error) -> errors
						.add(Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()), "message",
								String.valueOf(error.getDefaultMessage()))));
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A body that is not JSON is malformed; a field of the wrong JSON type (a boolean for
	 * the name, a number for the phone, an object) is named with the type it must have.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = mismatch.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: String.valueOf(reference.getIndex()))
				.collect(Collectors.joining("."));
			List<Map<String, String>> errors = List.of(Map.of("field", field, "message", expected(mismatch)));
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
			problem.setTitle("Invalid request");
			problem.setProperty("errors", errors);
			return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Malformed request body: expected a JSON object with the documented fields");
		problem.setTitle("Malformed request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String expected(MismatchedInputException mismatch) {
		Class<?> type = mismatch.getTargetType();
		if (type == String.class) {
			return "must be a JSON string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be a whole number";
		}
		return "has the wrong JSON type";
	}

	/**
	 * Every problem this handler answers; a client error leaves one line in the log (the
	 * method, the path and what was wrong, never a stack trace).
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		// Refused credentials and signatures are logged where they are checked.
		if (statusCode.is4xxClientError() && statusCode.value() != 401 && statusCode.value() != 403) {
			Object problem = (answer != null) ? answer.getBody() : body;
			logClientError(request, statusCode,
					(problem instanceof ProblemDetail detail) ? detail.getDetail() : ex.getClass().getSimpleName());
		}
		return answer;
	}

	private static void logClientError(WebRequest request, HttpStatusCode status, String detail) {
		String where = (request instanceof ServletWebRequest servlet)
				? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : request.toString();
		clientErrors.info("{} answered {}: {}", where, status.value(), detail);
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is unavailable; nothing was stored. Retry shortly.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	/**
	 * The connection broke so badly that even the rollback (or the commit) failed, as
	 * when the database goes away mid-request: still a 503 problem, so Twilio and lead
	 * sources retry; webhook dedupe and the one-open-lead rule make the retry safe.
	 */
	@ExceptionHandler(TransactionSystemException.class)
	ResponseEntity<ProblemDetail> transactionFailed(TransactionSystemException ex) {
		log.warn("Database failed while ending a transaction: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database failed while finishing this request. Retry shortly.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	/**
	 * A database error; one caused by a value no retry can store (longer than its column,
	 * a byte PostgreSQL refuses such as NUL) is the client error it is. Input checks name
	 * such fields first; this answers what slipped past them.
	 */
	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<ProblemDetail> databaseError(DataAccessException ex, WebRequest request) {
		if (UnstorableValue.causedBy(ex)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					UnstorableValue.detail(ex));
			problem.setTitle("Invalid request");
			logClientError(request, HttpStatus.BAD_REQUEST, problem.getDetail());
			return ResponseEntity.badRequest().body(problem);
		}
		log.error("Database error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"A database error stopped this request; nothing was stored. Retry shortly.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	private static String describe(List<Map<String, String>> errors) {
		return errors.stream()
			.map((e) -> e.get("field") + " " + e.get("message"))
			.reduce((a, b) -> a + "; " + b)
			.orElse("Invalid request");
	}

}
