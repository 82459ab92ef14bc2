package com.leadresponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
		String diagram = inNameOrder(Files.readString(folder.resolve("components.puml")).strip());
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

	/**
	 * The diagram with its components and its relationships each in name order. The
	 * Documenter writes them in the order of a map keyed by identity hash codes, which
	 * changes with whatever ran before in the same JVM (a Spring Boot test, say); the
	 * order of the lines of a diagram means nothing.
	 */
	static String inNameOrder(String diagram) {
		List<String> lines = new ArrayList<>(diagram.lines().toList());
		for (Predicate<String> kind : List.<Predicate<String>>of((line) -> line.strip().startsWith("component "),
				(line) -> line.contains(" --> "))) {
			List<Integer> positions = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				if (kind.test(lines.get(i))) {
					positions.add(i);
				}
			}
			List<String> sorted = positions.stream().map(lines::get).sorted().toList();
			for (int i = 0; i < positions.size(); i++) {
				lines.set(positions.get(i), sorted.get(i));
			}
		}
		return String.join("\n", lines);
	}

}
