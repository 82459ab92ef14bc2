package com.leadresponse.sequence;

import java.util.List;

import com.leadresponse.settings.SetupContributor;
import com.leadresponse.settings.SetupItem;

import org.springframework.stereotype.Component;

/** The setup checklist's line on the texts every lead gets. */
@Component
class SequenceSetup implements SetupContributor {

	private final SequenceRepository sequences;

	SequenceSetup(SequenceRepository sequences) {
		this.sequences = sequences;
	}

	@Override
	public List<SetupItem> setupItems() {
		int steps = this.sequences.steps().size();
		return List.of(new SetupItem(30, "Read the texts leads get",
				"A new lead gets the first of " + steps + " texts within seconds, then the others until they reply.",
				false, "/settings/sequence", "Sequence"));
	}

}
