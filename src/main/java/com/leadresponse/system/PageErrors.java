package com.leadresponse.system;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the staff pages answer when a value no retry can store slipped past a form's own
 * checks (a NUL byte in a search, a value longer than its column): the 4xx error page and
 * one line in the log, not a 500 with a stack trace. Forms name their fields themselves;
 * the JSON API has {@link ApiExceptionHandler}, which comes first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

	private static final Logger clientErrors = LoggerFactory.getLogger("com.leadresponse.ClientErrors");

	@ExceptionHandler(DataIntegrityViolationException.class)
	ModelAndView unstorable(DataIntegrityViolationException ex, HttpServletRequest request) {
		if (!UnstorableValue.causedBy(ex)) {
			log.error("Database error on {} {}", request.getMethod(), request.getRequestURI(), ex);
			return new ModelAndView("error/5xx", Map.of("status", 500), HttpStatus.INTERNAL_SERVER_ERROR);
		}
		clientErrors.info("{} {} answered 400: {}", request.getMethod(), request.getRequestURI(),
				UnstorableValue.detail(ex));
		return new ModelAndView("error/4xx", Map.of("status", 400), HttpStatus.BAD_REQUEST);
	}

}
