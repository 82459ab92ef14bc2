package com.leadresponse.sources;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.leadresponse.jobs.Backoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Meta Lead Ads ({@code FACEBOOK_*}, SPEC 9): the app secret that signs webhooks, the
 * verify token of the subscription, the Page access token that reads leads, the Graph API
 * base and version, and how its reads are retried: from {@code initialBackoff}, doubled,
 * at most {@code maxBackoff} apart, never given up; how often each form's leads are read
 * back to fill a gap ({@code backfillInterval}). Secrets never appear in
 * {@link #toString()}.
 */
@Validated
@ConfigurationProperties("facebook")
record FacebookProperties(String appSecret, String verifyToken, String pageAccessToken,
		@NotNull @DefaultValue("https://graph.facebook.com") URI graphBaseUrl,
		@NotNull @Pattern(regexp = "v\\d+\\.\\d+") @DefaultValue("v24.0") String graphVersion,
		@NotNull @DefaultValue("5s") Duration initialBackoff, @NotNull @DefaultValue("1h") Duration maxBackoff,
		@Min(1) @DefaultValue("10") int readTimeoutSeconds, @NotNull @DefaultValue("1h") Duration backfillInterval) {

	boolean signed() {
		return StringUtils.hasText(this.appSecret);
	}

	boolean verifiable() {
		return StringUtils.hasText(this.verifyToken);
	}

	boolean canRead() {
		return StringUtils.hasText(this.pageAccessToken);
	}

	/** The one retry policy, with no last attempt: a Meta lead is never dropped. */
	Backoff backoff() {
		return new Backoff(this.initialBackoff, Integer.MAX_VALUE);
	}

	@Override
	public String toString() {
		return "FacebookProperties[graphBaseUrl=" + this.graphBaseUrl + ", graphVersion=" + this.graphVersion
				+ ", appSecret=" + (signed() ? "(set)" : "(unset)") + ", verifyToken="
				+ (verifiable() ? "(set)" : "(unset)") + ", pageAccessToken=" + (canRead() ? "(set)" : "(unset)") + "]";
	}

}
