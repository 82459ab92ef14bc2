package com.leadresponse.periodic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/cron/process-followups}: one periodic pass now, for external schedulers
 * (SPEC 3), behind the {@code CRON_SECRET} bearer token.
 */
@RestController
class PeriodicPassController {

	private final PeriodicPass pass;

	private final PeriodicPassProperties properties;

	PeriodicPassController(PeriodicPass pass, PeriodicPassProperties properties) {
		this.pass = pass;
		this.properties = properties;
	}

	@RequestMapping(path = "/api/cron/process-followups", method = { RequestMethod.GET, RequestMethod.POST })
	Map<String, Object> processFollowups(
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		if (!StringUtils.hasText(this.properties.cronSecret())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		String expected = "Bearer " + this.properties.cronSecret();
		if (authorization == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				authorization.getBytes(StandardCharsets.UTF_8))) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Missing or wrong cron bearer token");
		}
		PeriodicPass.Result result = this.pass.runOnce();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		answer.put("processed", result.processed());
		answer.put("expired", result.expired());
		answer.put("cleaned", result.cleaned());
		answer.put("timestamp",
				DateTimeFormatter.ISO_INSTANT.format(result.timestamp().truncatedTo(ChronoUnit.MILLIS)));
		return answer;
	}

}
