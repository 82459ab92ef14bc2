package com.leadresponse.support;

import com.leadresponse.LeadResponseApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
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

	static SecondInstance start(MutableClock clock, TwilioStandIn twilio) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadResponseApplication.class)
			.initializers((ctx) -> ((GenericApplicationContext) ctx).registerBean("testClock", MutableClock.class,
					() -> clock, (definition) -> definition.setPrimary(true)))
			// Arguments, not builder properties: those are defaults, below
			// application.yml.
			.run("--server.port=0", "--spring.main.banner-mode=off", "--cron.scheduler-enabled=false",
					"--cron.secret=" + IntegrationTest.CRON_SECRET, "--lead.api-keys=" + IntegrationTest.API_KEY,
					"--admin.email=" + IntegrationTest.ADMIN_EMAIL,
					"--admin.password=" + IntegrationTest.ADMIN_PASSWORD,
					"--app.public-url=" + IntegrationTest.PUBLIC_URL,
					"--twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID,
					"--twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN, "--twilio.from-number=" + TwilioStandIn.FROM,
					"--twilio.api-base-url=" + twilio.baseUrl(), "--lead-response.sending.initial-backoff=0s",
					"--spring.datasource.url=" + TestDatabase.url(),
					"--spring.datasource.username=" + TestDatabase.username(),
					"--spring.datasource.password=" + TestDatabase.password());
		return new SecondInstance(context);
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
