package com.leadresponse.sequence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequence editor's form: one row per step, each a delay in a unit and a template.
 */
class SequenceForm {

	private List<Row> steps = new ArrayList<>();

	public List<Row> getSteps() {
		return this.steps;
	}

	public void setSteps(List<Row> steps) {
		this.steps = steps;
	}

	static SequenceForm of(List<SequenceStep> steps) {
		SequenceForm form = new SequenceForm();
		for (SequenceStep step : steps) {
			form.steps.add(Row.of(step));
		}
		return form;
	}

	/** One step as typed: how long after the previous step, and what it says. */
	public static class Row {

		private Integer delay = 1;

		private String unit = "days";

		private String template = "";

		public Integer getDelay() {
			return this.delay;
		}

		public void setDelay(Integer delay) {
			this.delay = delay;
		}

		public String getUnit() {
			return this.unit;
		}

		public void setUnit(String unit) {
			this.unit = unit;
		}

		public String getTemplate() {
			return this.template;
		}

		public void setTemplate(String template) {
			this.template = template;
		}

		static Row of(SequenceStep step) {
			Row row = new Row();
			long minutes = step.delay().toMinutes();
			if (minutes % 1440 == 0) {
				row.delay = (int) (minutes / 1440);
				row.unit = "days";
			}
			else if (minutes % 60 == 0) {
				row.delay = (int) (minutes / 60);
				row.unit = "hours";
			}
			else {
				row.delay = (int) minutes;
				row.unit = "minutes";
			}
			row.template = step.template();
			return row;
		}

		Duration duration() {
			int amount = (this.delay != null) ? this.delay : 0;
			return switch ((this.unit != null) ? this.unit : "days") {
				case "minutes" -> Duration.ofMinutes(amount);
				case "hours" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}

	}

}
