package com.leadresponse.sequence;

import java.time.Duration;
import java.util.List;

import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwoCachingInstancesTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sequence's steps are kept by each instance (issue 16: no statement for them in
 * every new lead's instant response), and an edit is seen everywhere within a second
 * though each copy would last an hour: made on one instance, on another, or by an
 * operator's SQL.
 */
class SequenceStepsCacheTest extends TwoCachingInstancesTest {

	@Test
	void anEditOnOneInstanceIsUsedThereAtOnceAndOnTheOtherWithinASecond() {
		List<SequenceStep> before = steps(this.first);
		assertThat(steps(this.second)).isEqualTo(before).isNotEmpty();

		this.first.bean(SequenceEditor.class)
			.save(List.of(new SequenceStep(1, Duration.ZERO, "Hi {firstName}, we got your request."),
					new SequenceStep(2, Duration.ofHours(2), "Still want that bore quoted?")));

		// The instance that made the change uses it at once, without the notification.
		assertThat(templates(this.first)).containsExactly("Hi {firstName}, we got your request.",
				"Still want that bore quoted?");
		await().atMost(SEEN_WITHIN)
			.until(() -> templates(this.second)
				.equals(List.of("Hi {firstName}, we got your request.", "Still want that bore quoted?")));

		this.second.bean(SequenceEditor.class)
			.save(List.of(new SequenceStep(1, Duration.ZERO, "Thanks, {firstName}: a call is coming.")));
		assertThat(templates(this.second)).containsExactly("Thanks, {firstName}: a call is coming.");
		await().atMost(SEEN_WITHIN)
			.until(() -> templates(this.first).equals(List.of("Thanks, {firstName}: a call is coming.")));
	}

	@Test
	void anOperatorsSqlIsSeenByEveryInstance() {
		assertThat(steps(this.first)).isNotEmpty();
		assertThat(steps(this.second)).isNotEmpty();

		this.jdbc.sql("UPDATE sequence_steps SET template = 'Edited by SQL' WHERE step_number = 1").update();

		await().atMost(SEEN_WITHIN)
			.until(() -> templates(this.first).get(0).equals("Edited by SQL")
					&& templates(this.second).get(0).equals("Edited by SQL"));

		this.jdbc.sql("DELETE FROM sequence_steps WHERE step_number > 1").update();

		await().atMost(SEEN_WITHIN).until(() -> steps(this.first).size() == 1 && steps(this.second).size() == 1);
	}

	private static List<SequenceStep> steps(SecondInstance instance) {
		return instance.bean(SequenceRepository.class).steps();
	}

	private static List<String> templates(SecondInstance instance) {
		return steps(instance).stream().map(SequenceStep::template).toList();
	}

}
