package com.leadresponse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run, each next to its SPEC 7 target, printed and written into
 * {@code docs/performance.md} between the markers that keep the hand-written analysis
 * around them.
 */
final class Report {

	static final String BEGIN = "<!-- bench:begin (written by ./bench/run.sh; edit outside these markers) -->";

	static final String END = "<!-- bench:end -->";

	/** One measured figure; {@code pass} is null for figures without a target. */
	record Figure(String name, String value, String target, Boolean pass) {

		String verdict() {
			return (this.pass == null) ? "" : (this.pass ? "PASS" : "FAIL");
		}

	}

	private final List<Figure> figures = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final List<String> machine = new ArrayList<>();

	private String profile;

	void figure(String name, String value, String target, Boolean pass) {
		Figure figure = new Figure(name, value, target, pass);
		this.figures.add(figure);
		System.out.printf("  %-62s %-26s %-22s %s%n", name, value, target, figure.verdict());
	}

	void info(String name, String value) {
		figure(name, value, "", null);
	}

	void profile(String markdown) {
		this.profile = markdown;
	}

	void note(String text) {
		this.notes.add(text);
		System.out.println("  note: " + text);
	}

	void machine(String name, String value) {
		this.machine.add("| " + name + " | " + value.replace("|", "\\|").replace("\n", "<br>") + " |");
	}

	List<Figure> figures() {
		return this.figures;
	}

	String markdown(String command, String date) {
		StringBuilder out = new StringBuilder();
		out.append(BEGIN).append("\n\n");
		out.append("Run of ").append(date).append(" with `").append(command).append("`.\n\n");
		out.append("| machine | |\n| --- | --- |\n");
		this.machine.forEach((line) -> out.append(line).append('\n'));
		out.append("\n| figure | measured | SPEC 7 target | |\n| --- | --- | --- | --- |\n");
		for (Figure f : this.figures) {
			out.append("| ")
				.append(f.name())
				.append(" | ")
				.append(f.value())
				.append(" | ")
				.append(f.target())
				.append(" | ")
				.append(f.verdict().isEmpty() ? "" : "**" + f.verdict() + "**")
				.append(" |\n");
		}
		if (this.profile != null) {
			out.append("\n#### Where the CPU went (JDK Flight Recorder, this run)\n").append(this.profile);
		}
		if (!this.notes.isEmpty()) {
			out.append("\nNotes of this run:\n\n");
			this.notes.forEach((n) -> out.append("- ").append(n).append('\n'));
		}
		out.append('\n').append(END);
		return out.toString();
	}

	/** Replaces the generated part of the file, or appends it when it has none yet. */
	void write(Path file, String command, String date) throws IOException {
		String generated = markdown(command, date);
		String text = Files.exists(file) ? Files.readString(file) : "# Performance\n\n";
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin >= 0 && end > begin) {
			text = text.substring(0, begin) + generated + text.substring(end + END.length());
		}
		else {
			text = text + "\n" + generated + "\n";
		}
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}
