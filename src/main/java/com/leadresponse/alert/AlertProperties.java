package com.leadresponse.alert;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Staff alert e-mail: the sender address ({@code LEAD_RESPONSE_ALERTS_MAIL_FROM}). The
 * SMTP server itself is Spring Boot's {@code spring.mail.*} ({@code SPRING_MAIL_HOST},
 * ...): with no host set, alerts go by SMS only.
 */
@Validated
@ConfigurationProperties("lead-response.alerts")
record AlertProperties(@NotBlank @DefaultValue("lead-response@localhost") String mailFrom) {
}
