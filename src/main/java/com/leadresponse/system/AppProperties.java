package com.leadresponse.system;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the service is reached from outside ({@code APP_PUBLIC_URL}): Twilio signs
 * webhooks against it and status callbacks are built from it.
 */
@Validated
@ConfigurationProperties("app")
public record AppProperties(@NotNull @DefaultValue("http://localhost:8080") URI publicUrl) {

	/** The public URL of a path of this service, without a trailing slash doubling. */
	public String urlOf(String path) {
		String base = this.publicUrl.toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return base + path;
	}

}
