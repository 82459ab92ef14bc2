package com.leadresponse.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A text field of a request that must hold no control character
 * ({@link ControlCharacters}): refused with 400 naming the field, before anything is
 * stored.
 */
@Documented
@Constraint(validatedBy = NoControlCharacters.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface NoControlCharacters {

	String message() default "must not contain control characters (such as NUL)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/**
	 * Applies {@link ControlCharacters#in(String)}; a missing value is left to others.
	 */
	class Check implements ConstraintValidator<NoControlCharacters, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return !ControlCharacters.in(value);
		}

	}

}
