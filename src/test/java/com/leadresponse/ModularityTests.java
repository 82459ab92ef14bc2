package com.leadresponse;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the feature boundaries of STYLE.md: no cycles, and features use only each other's
 * public API.
 */
class ModularityTests {

	@Test
	void featuresDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
		ApplicationModules.of(LeadResponseApplication.class).verify();
	}

}
