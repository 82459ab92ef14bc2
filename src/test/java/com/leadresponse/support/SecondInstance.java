package com.leadresponse.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.leadresponse.LeadResponseApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A second instance of the product, in the same JVM but its own application context, web
 * server, connection pool and scheduler-free periodic tasks, on the test database that
 * the first instance uses: guarantees across instances are shown against it (SPEC 2).
 * Both instances read the same settable clock.
 */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance with the same configuration as {@link IntegrationTest}'s (its
	 * {@code @SpringBootTest} properties, the test database, the stand-in) and the same
	 * clock, with {@code properties} ({@code name=value}) changed. The properties are
	 * passed as arguments: builder properties would rank below application.yml.
	 */
	public static SecondInstance start(MutableClock clock, TwilioStandIn twilio, String... properties) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String property : IntegrationTest.class.getAnnotation(SpringBootTest.class).properties()) {
			put(values, property);
		}
		put(values, "server.port=0");
		put(values, "spring.main.banner-mode=off");
		put(values, "twilio.api-base-url=" + twilio.baseUrl());
		put(values, "facebook.graph-base-url=" + IntegrationTest.graph.baseUrl());
		put(values, "spring.datasource.url=" + TestDatabase.url());
		put(values, "spring.datasource.username=" + TestDatabase.username());
		put(values, "spring.datasource.password=" + TestDatabase.password());
		// A test may change a property of this instance: its value replaces the default.
		for (String property : properties) {
			put(values, property);
		}
		List<String> args = new ArrayList<>();
		values.forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadResponseApplication.class)
			.initializers((ctx) -> {
				GenericApplicationContext beans = (GenericApplicationContext) ctx;
				beans.registerBean("testClock", MutableClock.class, () -> clock,
						(definition) -> definition.setPrimary(true));
				beans.registerBean("testSchedulerClock", RunningClock.class, () -> new RunningClock(clock),
						(definition) -> definition.setPrimary(true));
			})
			.run(args.toArray(String[]::new));
		return new SecondInstance(context);
	}

	private static void put(Map<String, String> values, String property) {
		int equals = property.indexOf('=');
		values.put(property.substring(0, equals), property.substring(equals + 1));
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public Http http() {
		return new Http(port());
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
