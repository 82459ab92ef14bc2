package com.leadresponse.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Whether the business is open at a moment (SPEC 11 business hours), by the weekly
 * schedule {@code businessHours} in the business zone: calls ring the staff only while it
 * is open, and outside it the instant response is the after-hours text, which says when
 * it opens next. Until a schedule is set the business is open around the clock.
 */
@Component
public class BusinessHours implements SettingsContributor {

	/** How a customer is told the next opening: "7:00 AM Monday". */
	private static final DateTimeFormatter FOR_CUSTOMERS = DateTimeFormatter.ofPattern("h:mm a EEEE", Locale.US);

	private final SettingsService settings;

	private final BusinessSettings business;

	private final SettingsField<WeeklyHours> schedule;

	BusinessHours(SettingsService settings, BusinessSettings business) {
		this.settings = settings;
		this.business = business;
		this.schedule = SettingsField.of("businessHours", "business_hours", new WeeklyHoursType())
			.label("Opening hours")
			.hint("one line a day, in the business time zone, e.g. Mon 07:00-18:00, Sat 08:00-12:00, 13:00-16:00, "
					+ "Sun closed; 22:00-02:00 runs past midnight; 00:00-00:00 is all day")
			.defaultValue(() -> WeeklyHours.ALWAYS_OPEN)
			.build();
	}

	public boolean openAt(Instant at) {
		return this.settings.get(this.schedule).openAt(at, this.business.zone());
	}

	/**
	 * When the business opens next after {@code at}, as a customer is told it in a text
	 * ("7:00 AM Monday", in the business zone); empty while it is open.
	 */
	public Optional<String> opensAtText(Instant at) {
		ZoneId zone = this.business.zone();
		WeeklyHours hours = this.settings.get(this.schedule);
		if (hours.openAt(at, zone)) {
			return Optional.empty();
		}
		return hours.nextOpening(at, zone).map(BusinessHours::forCustomers);
	}

	static String forCustomers(ZonedDateTime opening) {
		return FOR_CUSTOMERS.format(opening);
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Business hours",
				"calls ring your phones and leads get the usual first text only while you are open", 1,
				List.of(this.schedule)));
	}

}
