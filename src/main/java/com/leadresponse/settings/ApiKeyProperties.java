package com.leadresponse.settings;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Intake API keys from {@code LEAD_API_KEYS} (comma-separated), accepted besides keys
 * made in the UI.
 */
@Validated
@ConfigurationProperties("lead")
record ApiKeyProperties(@DefaultValue List<String> apiKeys) {

	@Override
	public String toString() {
		return "ApiKeyProperties[" + this.apiKeys.size() + " keys]";
	}

}
