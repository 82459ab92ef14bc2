package com.leadresponse.settings;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One setting: its name in the settings API and the settings page, its column of the
 * {@code settings} row, its type, its default (used while the column is NULL) and how the
 * page labels it. Declared by the feature it belongs to.
 *
 * @param <T> the value as the product uses it
 */
public final class SettingsField<T> {

	private final String name;

	private final String column;

	private final FieldType<T> type;

	private final Supplier<T> defaultValue;

	private final String label;

	private final String hint;

	private final boolean advanced;

	private SettingsField(Builder<T> builder) {
		this.name = builder.name;
		this.column = builder.column;
		this.type = builder.type;
		this.defaultValue = Objects.requireNonNull(builder.defaultValue, () -> builder.name + " needs a default");
		this.label = Objects.requireNonNull(builder.label, () -> builder.name + " needs a label");
		this.hint = builder.hint;
		this.advanced = builder.advanced;
	}

	public static <T> Builder<T> of(String name, String column, FieldType<T> type) {
		return new Builder<>(name, column, type);
	}

	/** The value in the row, or the default while its column is NULL. */
	T read(SettingsRow row) {
		Object stored = row.column(this.column);
		return (stored != null) ? this.type.fromColumn(stored) : this.defaultValue.get();
	}

	public String name() {
		return this.name;
	}

	public String column() {
		return this.column;
	}

	public FieldType<T> type() {
		return this.type;
	}

	public String label() {
		return this.label;
	}

	public String hint() {
		return this.hint;
	}

	/** Shown under "Advanced" on the settings page: internals most owners leave alone. */
	public boolean advanced() {
		return this.advanced;
	}

	public String input() {
		return this.type.input();
	}

	/** The value as the settings page's input shows it. */
	public String formValue(SettingsRow row) {
		return this.type.toForm(read(row));
	}

	Object jsonValue(SettingsRow row) {
		return this.type.toJson(read(row));
	}

	@Override
	public String toString() {
		return "SettingsField[" + this.name + "]";
	}

	/** Declares a field. */
	public static final class Builder<T> {

		private final String name;

		private final String column;

		private final FieldType<T> type;

		private Supplier<T> defaultValue;

		private String label;

		private String hint;

		private boolean advanced;

		private Builder(String name, String column, FieldType<T> type) {
			this.name = name;
			this.column = column;
			this.type = type;
		}

		public Builder<T> label(String label) {
			this.label = label;
			return this;
		}

		public Builder<T> hint(String hint) {
			this.hint = hint;
			return this;
		}

		public Builder<T> defaultValue(Supplier<T> defaultValue) {
			this.defaultValue = defaultValue;
			return this;
		}

		public Builder<T> advanced() {
			this.advanced = true;
			return this;
		}

		public SettingsField<T> build() {
			return new SettingsField<>(this);
		}

	}

}
