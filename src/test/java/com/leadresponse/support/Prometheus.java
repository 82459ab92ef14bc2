package com.leadresponse.support;

import java.util.Arrays;

/**
 * Reads one value from the text the product serves at {@code /actuator/prometheus}, as a
 * Prometheus server would scrape it (with the metrics bearer token).
 */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The value of the series {@code name} whose labels include every
	 * {@code label="value"} given; fails when the endpoint does not show it.
	 */
	public static double value(Http http, String name, String... labels) {
		Http.Answer answer = http.get("/actuator/prometheus", "Authorization",
				"Bearer " + IntegrationTest.METRICS_TOKEN);
		if (answer.status() != 200) {
			throw new IllegalStateException("/actuator/prometheus answered " + answer.status());
		}
		return answer.body()
			.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> Arrays.stream(labels).allMatch((label) -> line.contains(label)))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"/actuator/prometheus shows no " + name + " with " + String.join(",", labels)));
	}

	/** A label matcher in the exposition format: {@code name="value"}. */
	public static String label(String name, String value) {
		return name + "=\"" + value + "\"";
	}

}
