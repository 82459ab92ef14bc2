package com.leadresponse.settings;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.leadresponse.audit.AuditLog;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes settings from the settings page or the settings API, by the same rules: every
 * value is checked by its field's type, each mistake is named by its field, and a change
 * with any mistake stores nothing (SPEC 3).
 */
@Service
public class SettingsEditor {

	/** What a save did: nothing and why, per field, or everything. */
	public record Outcome(Map<String, String> errors) {

		public boolean saved() {
			return this.errors.isEmpty();
		}

	}

	private final SettingsCatalog catalog;

	private final SettingsRepository repository;

	private final SettingsService settings;

	private final BusinessSettings business;

	private final Clock clock;

	private final AuditLog audit;

	SettingsEditor(SettingsCatalog catalog, SettingsRepository repository, SettingsService settings,
			BusinessSettings business, Clock clock, AuditLog audit) {
		this.audit = audit;
		this.catalog = catalog;
		this.repository = repository;
		this.settings = settings;
		this.business = business;
		this.clock = clock;
	}

	/** A save of the settings page: each named field as typed. */
	@Transactional
	public Outcome saveForm(Map<String, String> typed) {
		return save(typed, (field, value, context) -> field.type().fromForm((String) value, context));
	}

	/** A {@code PATCH /api/settings}: each named field as JSON. */
	@Transactional
	public Outcome patch(Map<String, JsonNode> json) {
		return save(json, (field, value, context) -> field.type().fromJson((JsonNode) value, context));
	}

	@FunctionalInterface
	private interface Parser {

		Object parse(SettingsField<?> field, Object value, FieldType.Context context) throws InvalidSettingException;

	}

	private Outcome save(Map<String, ?> changes, Parser parser) {
		Map<String, String> errors = new LinkedHashMap<>();
		Map<SettingsField<?>, Object> columns = new LinkedHashMap<>();
		Map<String, Map<String, Object>> changed = new LinkedHashMap<>();
		SettingsRow before = this.settings.row();
		FieldType.Context context = context(changes, parser);
		for (Map.Entry<String, ?> change : changes.entrySet()) {
			SettingsField<?> field = this.catalog.field(change.getKey()).orElse(null);
			if (field == null) {
				errors.put(change.getKey(), "There is no setting of this name.");
				continue;
			}
			if (change.getValue() instanceof JsonNode json && field.type().keepsStored(json)) {
				continue;
			}
			try {
				Object value = parser.parse(field, change.getValue(), context);
				columns.put(field, toColumn(field, value));
				Object from = field.jsonValue(before);
				Object to = toJson(field, value);
				if (!Objects.equals(from, to)) {
					Map<String, Object> fromTo = new LinkedHashMap<>();
					fromTo.put("from", from);
					fromTo.put("to", to);
					changed.put(field.name(), fromTo);
				}
			}
			catch (InvalidSettingException ex) {
				errors.putIfAbsent(field.name(), ex.getMessage());
			}
		}
		if (!errors.isEmpty()) {
			return new Outcome(errors);
		}
		if (!columns.isEmpty()) {
			this.repository.save(columns, this.clock.instant());
			this.settings.changed();
		}
		if (!changed.isEmpty()) {
			// SPEC 11: who changed which setting, from what to what.
			this.audit.record("settings.changed", "settings", changed);
		}
		return new Outcome(Map.of());
	}

	@SuppressWarnings("unchecked")
	private static <T> Object toJson(SettingsField<T> field, Object value) {
		return field.type().toJson((T) value);
	}

	@SuppressWarnings("unchecked")
	private static <T> Object toColumn(SettingsField<T> field, Object value) {
		return field.type().toColumn((T) value);
	}

	/**
	 * Values read against the rest of the same save: phone numbers in the business
	 * country this save sets, where it sets a valid one.
	 */
	private FieldType.Context context(Map<String, ?> changes, Parser parser) {
		String country = this.settings.row().get(this.business.countryField());
		Object changed = changes.get(this.business.countryField().name());
		if (changed != null) {
			try {
				country = (String) parser.parse(this.business.countryField(), changed, () -> "US");
			}
			catch (InvalidSettingException ex) {
				// Named by the loop; phones are read in the stored country meanwhile.
			}
		}
		String region = country;
		return () -> region;
	}

}
