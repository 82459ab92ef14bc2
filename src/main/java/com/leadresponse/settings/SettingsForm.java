package com.leadresponse.settings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.validation.Errors;

/**
 * The settings page as typed: text fields checked one by one so each mistake is named
 * next to its field, then turned into {@link Settings}.
 */
class SettingsForm {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private String businessName;

	private String businessTimezone;

	private String businessCountry;

	private Integer minSmsIntervalSeconds;

	private Integer dailySmsLimit;

	private Integer sequenceExpiryDays;

	private Integer expiryBatchSize;

	private Integer webhookRetentionHours;

	private String quietHoursStart;

	private String quietHoursEnd;

	private boolean quietHoursApplyToInstant;

	private String alertPhones;

	private String alertEmails;

	static SettingsForm of(Settings s) {
		SettingsForm form = new SettingsForm();
		form.businessName = s.businessName();
		form.businessTimezone = s.businessZone().getId();
		form.businessCountry = s.businessCountry();
		form.minSmsIntervalSeconds = (int) s.minSmsInterval().toSeconds();
		form.dailySmsLimit = s.dailySmsLimit();
		form.sequenceExpiryDays = s.sequenceExpiryDays();
		form.expiryBatchSize = s.expiryBatchSize();
		form.webhookRetentionHours = (int) s.webhookRetention().toHours();
		form.quietHoursStart = s.quietHoursStart().toString();
		form.quietHoursEnd = s.quietHoursEnd().toString();
		form.quietHoursApplyToInstant = s.quietHoursApplyToInstant();
		form.alertPhones = String.join(", ", s.alertPhones());
		form.alertEmails = String.join(", ", s.alertEmails());
		return form;
	}

	/** The settings this form describes, or null with every mistake in {@code errors}. */
	Settings toSettings(Errors errors) {
		String name = (this.businessName != null) ? this.businessName.strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			errors.rejectValue("businessName", "invalid", "Enter the business name (at most 100 characters).");
		}
		ZoneId zone = null;
		try {
			zone = ZoneId.of((this.businessTimezone != null) ? this.businessTimezone.strip() : "");
		}
		catch (DateTimeException ex) {
			errors.rejectValue("businessTimezone", "invalid",
					"Unknown time zone. Use a name such as America/Chicago or Europe/London.");
		}
		String country = (this.businessCountry != null) ? this.businessCountry.strip().toUpperCase(Locale.ROOT) : "";
		if (!COUNTRIES.contains(country)) {
			errors.rejectValue("businessCountry", "invalid", "Use a two-letter country code such as US or CA.");
		}
		range(errors, "minSmsIntervalSeconds", this.minSmsIntervalSeconds, 1, 86_400, "seconds");
		range(errors, "dailySmsLimit", this.dailySmsLimit, 1, 100, "texts");
		range(errors, "sequenceExpiryDays", this.sequenceExpiryDays, 1, 365, "days");
		range(errors, "expiryBatchSize", this.expiryBatchSize, 1, 10_000, "leads");
		// Twilio retries a webhook for hours; shorter records would let a late copy
		// through
		// (SPEC 5.4).
		range(errors, "webhookRetentionHours", this.webhookRetentionHours, 24, 720, "hours");
		LocalTime quietStart = time(errors, "quietHoursStart", this.quietHoursStart);
		LocalTime quietEnd = time(errors, "quietHoursEnd", this.quietHoursEnd);
		List<String> phones = phones(errors, COUNTRIES.contains(country) ? country : "US");
		List<String> emails = emails(errors);
		if (errors.hasErrors()) {
			return null;
		}
		return new Settings(name, zone, country, Duration.ofSeconds(this.minSmsIntervalSeconds), this.dailySmsLimit,
				this.sequenceExpiryDays, this.expiryBatchSize, Duration.ofHours(this.webhookRetentionHours), quietStart,
				quietEnd, this.quietHoursApplyToInstant, phones, emails);
	}

	private static void range(Errors errors, String field, Integer value, int min, int max, String unit) {
		if (errors.hasFieldErrors(field)) {
			return;
		}
		if (value == null || value < min || value > max) {
			errors.rejectValue(field, "range", "Enter " + min + " to " + max + " " + unit + ".");
		}
	}

	private static LocalTime time(Errors errors, String field, String value) {
		try {
			return LocalTime.parse((value != null) ? value.strip() : "");
		}
		catch (DateTimeParseException ex) {
			errors.rejectValue(field, "invalid", "Enter a time as HH:MM, such as 21:00.");
			return null;
		}
	}

	private List<String> phones(Errors errors, String region) {
		List<String> phones = new ArrayList<>();
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		// Phones are written with spaces ("(512) 555-0134"): only commas and semicolons
		// separate them.
		for (String entry : split(this.alertPhones, "[,;]+")) {
			try {
				PhoneNumber number = util.parse(entry, region);
				if (!util.isValidNumber(number)) {
					throw new NumberParseException(NumberParseException.ErrorType.NOT_A_NUMBER, entry);
				}
				phones.add(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
			}
			catch (NumberParseException ex) {
				errors.rejectValue("alertPhones", "invalid",
						"“" + entry + "” is not a phone number. Separate numbers with commas, e.g. +15125550134.");
				return List.of();
			}
		}
		return phones;
	}

	private List<String> emails(Errors errors) {
		List<String> emails = split(this.alertEmails, "[,;\\s]+");
		for (String email : emails) {
			if (!EMAIL.matcher(email).matches()) {
				errors.rejectValue("alertEmails", "invalid",
						"“" + email + "” is not an e-mail address. Separate addresses with commas.");
				return List.of();
			}
		}
		return emails;
	}

	private static List<String> split(String csv, String separators) {
		if (csv == null || csv.isBlank()) {
			return List.of();
		}
		return Arrays.stream(csv.split(separators)).map(String::strip).filter((v) -> !v.isEmpty()).toList();
	}

	public String getBusinessName() {
		return this.businessName;
	}

	public void setBusinessName(String businessName) {
		this.businessName = businessName;
	}

	public String getBusinessTimezone() {
		return this.businessTimezone;
	}

	public void setBusinessTimezone(String businessTimezone) {
		this.businessTimezone = businessTimezone;
	}

	public String getBusinessCountry() {
		return this.businessCountry;
	}

	public void setBusinessCountry(String businessCountry) {
		this.businessCountry = businessCountry;
	}

	public Integer getMinSmsIntervalSeconds() {
		return this.minSmsIntervalSeconds;
	}

	public void setMinSmsIntervalSeconds(Integer minSmsIntervalSeconds) {
		this.minSmsIntervalSeconds = minSmsIntervalSeconds;
	}

	public Integer getDailySmsLimit() {
		return this.dailySmsLimit;
	}

	public void setDailySmsLimit(Integer dailySmsLimit) {
		this.dailySmsLimit = dailySmsLimit;
	}

	public Integer getSequenceExpiryDays() {
		return this.sequenceExpiryDays;
	}

	public void setSequenceExpiryDays(Integer sequenceExpiryDays) {
		this.sequenceExpiryDays = sequenceExpiryDays;
	}

	public Integer getExpiryBatchSize() {
		return this.expiryBatchSize;
	}

	public void setExpiryBatchSize(Integer expiryBatchSize) {
		this.expiryBatchSize = expiryBatchSize;
	}

	public Integer getWebhookRetentionHours() {
		return this.webhookRetentionHours;
	}

	public void setWebhookRetentionHours(Integer webhookRetentionHours) {
		this.webhookRetentionHours = webhookRetentionHours;
	}

	public String getQuietHoursStart() {
		return this.quietHoursStart;
	}

	public void setQuietHoursStart(String quietHoursStart) {
		this.quietHoursStart = quietHoursStart;
	}

	public String getQuietHoursEnd() {
		return this.quietHoursEnd;
	}

	public void setQuietHoursEnd(String quietHoursEnd) {
		this.quietHoursEnd = quietHoursEnd;
	}

	public boolean isQuietHoursApplyToInstant() {
		return this.quietHoursApplyToInstant;
	}

	public void setQuietHoursApplyToInstant(boolean quietHoursApplyToInstant) {
		this.quietHoursApplyToInstant = quietHoursApplyToInstant;
	}

	public String getAlertPhones() {
		return this.alertPhones;
	}

	public void setAlertPhones(String alertPhones) {
		this.alertPhones = alertPhones;
	}

	public String getAlertEmails() {
		return this.alertEmails;
	}

	public void setAlertEmails(String alertEmails) {
		this.alertEmails = alertEmails;
	}

}
