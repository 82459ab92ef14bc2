package com.leadresponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the feature boundaries of STYLE.md (no cycles, only declared dependencies, only
 * each feature's public API) and the module diagram of {@code docs/architecture.md} true
 * to the code.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(LeadResponseApplication.class);

	private static final Path ARCHITECTURE = Path.of("docs/architecture.md");

	private static final String BEGIN = "<!-- modules:begin (written by ModularityTests; edit outside these markers) -->";

	private static final String END = "<!-- modules:end -->";

	@Test
	void featuresDependOnEachOtherOnlyAsDeclaredThroughTheirPublicApiAndWithoutCycles() {
		MODULES.verify();
	}

	/**
	 * The diagram in the docs is the one Spring Modulith's Documenter draws from the
	 * code; {@code -Darchitecture.update=true} writes it there.
	 */
	@Test
	void architectureDocShowsTheModulesAsTheCodeHasThem() throws IOException {
		Path folder = Path.of("target/spring-modulith-docs");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
			.writeModulesAsPlantUml(DiagramOptions.defaults().withStyle(DiagramOptions.DiagramStyle.UML));
		String diagram = Files.readString(folder.resolve("components.puml")).strip();
		String block = BEGIN + "\n\n```plantuml\n" + diagram + "\n```\n\n" + END;
		String doc = Files.readString(ARCHITECTURE);
		String current = doc.substring(doc.indexOf(BEGIN), doc.indexOf(END) + END.length());
		if (Boolean.getBoolean("architecture.update")) {
			Files.writeString(ARCHITECTURE, doc.replace(current, block));
			return;
		}
		// The Documenter lists modules and relations in no fixed order: compare lines.
		assertThat(current.lines().sorted().toList())
			.as("docs/architecture.md's module diagram; rewrite it with "
					+ "mvn test -Dtest=ModularityTests -Darchitecture.update=true")
			.isEqualTo(block.lines().sorted().toList());
	}

}
