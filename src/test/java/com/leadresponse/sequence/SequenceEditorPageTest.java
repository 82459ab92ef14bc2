package com.leadresponse.sequence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequence editor: steps saved as a whole, validated, previewed for a sample lead.
 */
class SequenceEditorPageTest extends IntegrationTest {

	@Test
	void savedSequenceReplacesTheStepsInOrder() {
		Map<String, String> form = steps("Hi {firstName}, {businessName} got your request.", "2", "hours",
				"Still need that bore, {firstName}?", "3", "days", "Last note from {businessName}.");
		form.put("action", "save");

		Http.Answer answer = admin().post("/settings/sequence", form);

		assertThat(answer.status()).isEqualTo(302);
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT step_number, delay_minutes, template FROM sequence_steps ORDER BY step_number")
			.query()
			.listOfRows();
		assertThat(rows).extracting((r) -> r.get("delay_minutes")).containsExactly(0, 120, 4320);
		assertThat(rows).extracting((r) -> r.get("template"))
			.containsExactly("Hi {firstName}, {businessName} got your request.", "Still need that bore, {firstName}?",
					"Last note from {businessName}.");
	}

	@Test
	void newFirstStepIsWhatTheNextLeadGets() {
		Map<String, String> form = steps("Howdy {firstName}, {businessName} will call within the hour.");
		form.put("action", "save");
		admin().post("/settings/sequence", form);

		createLead("Maria Lopez", "+15125550134");

		awaitAcceptedTo("+15125550134", 1);
		assertThat(twilio.accepted().get(0).body()).isEqualTo("Howdy Maria, Our team will call within the hour.");
	}

	@Test
	void stepWithoutTextIsRefusedAndNothingIsSaved() {
		Map<String, String> form = steps("Hi {firstName}.", "1", "days", "   ");
		form.put("action", "save");

		Http.Answer answer = admin().post("/settings/sequence", form);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("Write the text of this step.");
		assertThat(count("SELECT count(*) FROM sequence_steps")).isEqualTo(5);
	}

	@Test
	void previewFillsMergeFieldsForTheSampleLeadAndLeavesTyposVisible() {
		Map<String, String> form = steps("Hi {firstName} from {businessName} about your {source} request {frstName}");

		Http.Answer preview = admin().post("/settings/sequence/preview", form);

		assertThat(preview.body()).contains("id=\"preview-0\"")
			.contains("hx-swap-oob=\"true\"")
			.contains("Hi Maria from Our team about your website request {frstName}");
		assertThat(count("SELECT count(*) FROM sequence_steps")).isEqualTo(5);
	}

	@Test
	void addingAStepShowsAnEmptyRowWithoutSaving() {
		Map<String, String> form = steps("Hi {firstName}.");
		form.put("action", "add");

		Http.Answer answer = admin().post("/settings/sequence", form);

		assertThat(answer.body()).contains("id=\"template-1\"").contains("Step 2");
		assertThat(count("SELECT count(*) FROM sequence_steps")).isEqualTo(5);
	}

	@Test
	void removingAStepDropsItsRowWithoutSaving() {
		Map<String, String> form = steps("First {firstName}.", "1", "days", "Second step", "2", "days", "Third step");
		form.put("action", "remove:1");

		Http.Answer answer = admin().post("/settings/sequence", form);

		assertThat(answer.body()).contains("First {firstName}.").contains("Third step").doesNotContain("Second step");
		assertThat(count("SELECT count(*) FROM sequence_steps")).isEqualTo(5);
	}

	/** The form of a sequence: first template, then (delay, unit, template) per step. */
	private static Map<String, String> steps(String first, String... rest) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("steps[0].delay", "0");
		form.put("steps[0].unit", "days");
		form.put("steps[0].template", first);
		for (int i = 0; i < rest.length; i += 3) {
			int step = i / 3 + 1;
			form.put("steps[" + step + "].delay", rest[i]);
			form.put("steps[" + step + "].unit", rest[i + 1]);
			form.put("steps[" + step + "].template", rest[i + 2]);
		}
		return form;
	}

	private StaffSession admin() {
		return StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

}
