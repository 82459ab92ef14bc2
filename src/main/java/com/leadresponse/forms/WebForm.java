package com.leadresponse.forms;

import java.util.Locale;
import java.util.UUID;

/**
 * A hosted form (SPEC 9): its address ({@code /forms/{slug}}), its name (the leads'
 * {@code source}), what it says, and which of its optional fields it asks. Name, phone
 * and the SMS consent box are always on it.
 */
record WebForm(UUID id, String slug, String name, String title, String intro, FieldMode email, FieldMode address,
		FieldMode job, String jobLabel, String thankYou) {

	/** How a form asks one of its optional fields. */
	enum FieldMode {

		HIDDEN, OPTIONAL, REQUIRED;

		public String dbValue() {
			return name().toLowerCase(Locale.ROOT);
		}

		static FieldMode fromDb(String value) {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}

		public boolean shown() {
			return this != HIDDEN;
		}

		public boolean required() {
			return this == REQUIRED;
		}

	}

}
