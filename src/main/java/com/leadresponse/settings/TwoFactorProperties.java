package com.leadresponse.settings;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The TOTP codes of two-factor sign-in (RFC 6238, SPEC 11): what every common
 * authenticator app reads from the QR code (6 digits, HMAC-SHA1, 30 s steps) unless set
 * otherwise. {@code allowedSteps} is how many steps before or after now a code may come
 * from, for a phone's clock that is a little off.
 */
@Validated
@ConfigurationProperties("lead-response.two-factor")
record TwoFactorProperties(@NotBlank @DefaultValue("Lead Response") String issuer,
		@Min(6) @Max(8) @DefaultValue("6") int digits, @NotNull @DefaultValue("30s") Duration period,
		@Min(0) @Max(2) @DefaultValue("1") int allowedSteps, @Min(5) @Max(20) @DefaultValue("10") int recoveryCodes) {
}
