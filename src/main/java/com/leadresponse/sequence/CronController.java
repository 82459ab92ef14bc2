package com.leadresponse.sequence;

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
 * {@code /api/cron/process-followups}: one pass of every periodic task, for external
 * schedulers (SPEC 3).
 */
@RestController
class CronController {

	private final PeriodicTasks tasks;

	private final CronProperties properties;

	CronController(PeriodicTasks tasks, CronProperties properties) {
		this.tasks = tasks;
		this.properties = properties;
	}

	@RequestMapping(path = "/api/cron/process-followups", method = { RequestMethod.GET, RequestMethod.POST })
	Map<String, Object> processFollowups(
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		if (!StringUtils.hasText(this.properties.secret())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		String expected = "Bearer " + this.properties.secret();
		if (authorization == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				authorization.getBytes(StandardCharsets.UTF_8))) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Missing or wrong cron bearer token");
		}
		PeriodicTasks.PassResult result = this.tasks.runOnce();
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
