package com.leadresponse.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.system.PageFormats;
import com.leadresponse.webhook.WebhookSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard (SPEC 6), open to all staff: what the owner asks of it (leads per day,
 * speed to lead and the first human response, reply rate, leads, won and lost by source,
 * lost reasons, blocked sends by reason, expired sequences, calls, missed calls and the
 * time from a missed call to its text) over 7, 30 or 90 days; and the operator's figures
 * (webhooks, deduplication) on a page of their own.
 */
@Controller
class DashboardController {

	static final List<Integer> PERIODS = List.of(7, 30, 90);

	private final DashboardRepository figures;

	private final BusinessSettings business;

	private final WebhookSettings webhooks;

	private final MeterRegistry meters;

	private final PageFormats formats;

	private final Clock clock;

	DashboardController(DashboardRepository figures, BusinessSettings business, WebhookSettings webhooks,
			MeterRegistry meters, PageFormats formats, Clock clock) {
		this.figures = figures;
		this.business = business;
		this.webhooks = webhooks;
		this.meters = meters;
		this.formats = formats;
		this.clock = clock;
	}

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(defaultValue = "30") int days, Model model) {
		int period = PERIODS.contains(days) ? days : 30;
		ZoneId zone = this.business.zone();
		Instant now = this.clock.instant();
		LocalDate today = now.atZone(zone).toLocalDate();
		LocalDate first = today.minusDays(period - 1);
		Instant from = first.atStartOfDay(zone).toInstant();
		List<LocalDate> dayList = new ArrayList<>();
		for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
			dayList.add(d);
		}

		Map<LocalDate, Integer> leads = this.figures.leadsPerDay(from, zone);
		Map<LocalDate, Integer> expired = this.figures.expiredPerDay(from, zone);
		DashboardRepository.SpeedToLead speed = this.figures.speedToLead(from);
		DashboardRepository.SpeedToLead human = this.figures.firstHumanResponse(from);
		DashboardRepository.ReplyRate replies = this.figures.replyRate(from);
		List<DashboardRepository.Reason> blocked = this.figures.blockedByReason(from);

		model.addAttribute("days", period);
		model.addAttribute("periods", PERIODS);
		model.addAttribute("fromDay", this.formats.day(first));
		model.addAttribute("zone", zone);
		model.addAttribute("leadsTotal", sum(leads));
		model.addAttribute("leadsChart",
				DayChart.of(dayList, leads, (v) -> count((long) v, "lead"), this.formats::day));
		model.addAttribute("speedMedian", seconds(speed.medianSeconds()));
		model.addAttribute("speedP90", seconds(speed.p90Seconds()));
		model.addAttribute("speedLeads", speed.leads());
		// Bars against at least 10 s: a fast day is a short bar, not a full one.
		model.addAttribute("speedChart", DayChart.of(dayList, this.figures.medianSpeedPerDay(from, zone),
				(v) -> this.formats.duration(Duration.ofMillis((long) (v * 1000))), this.formats::day, 10));
		model.addAttribute("humanMedian", seconds(human.medianSeconds()));
		model.addAttribute("humanP90", seconds(human.p90Seconds()));
		model.addAttribute("humanLeads", human.leads());
		List<DashboardRepository.SourceFigures> sources = this.figures.bySource(from);
		model.addAttribute("sources", sources);
		Map<String, String> sourceSpeeds = new HashMap<>();
		sources.forEach((source) -> sourceSpeeds.put(source.source(), seconds(source.speedMedianSeconds())));
		model.addAttribute("sourceSpeeds", sourceSpeeds);
		List<DashboardRepository.Reason> lost = this.figures.lostReasons(from);
		model.addAttribute("lostReasons", lost);
		model.addAttribute("lostMax", lost.stream().mapToInt(DashboardRepository.Reason::count).max().orElse(0));
		model.addAttribute("replyRate",
				(replies.texted() > 0) ? Math.round(100.0 * replies.replied() / replies.texted()) + "%" : "–");
		model.addAttribute("replied", replies.replied());
		model.addAttribute("texted", replies.texted());
		int blockedTotal = blocked.stream().mapToInt(DashboardRepository.Reason::count).sum();
		int blockedMax = blocked.stream().mapToInt(DashboardRepository.Reason::count).max().orElse(0);
		model.addAttribute("blocked", blocked);
		model.addAttribute("blockedTotal", blockedTotal);
		model.addAttribute("blockedMax", blockedMax);
		DashboardRepository.CallFigures calls = this.figures.calls(from);
		model.addAttribute("calls", calls);
		model.addAttribute("missedToText", seconds(calls.medianSecondsToText()));
		model.addAttribute("expiredTotal", sum(expired));
		model.addAttribute("expiredChart",
				DayChart.of(dayList, expired, (v) -> count((long) v, "sequence"), this.formats::day));
		return "dashboard/dashboard";
	}

	/**
	 * The operator's figures (SPEC 6: on their own page, not the owner's): Twilio
	 * webhooks processed once, and the duplicates ignored.
	 */
	@GetMapping("/dashboard/operations")
	String operations(@RequestParam(defaultValue = "7") int days, Model model) {
		int period = PERIODS.contains(days) ? days : 7;
		ZoneId zone = this.business.zone();
		LocalDate today = this.clock.instant().atZone(zone).toLocalDate();
		LocalDate first = today.minusDays(period - 1);
		Instant from = first.atStartOfDay(zone).toInstant();
		List<LocalDate> dayList = new ArrayList<>();
		for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
			dayList.add(d);
		}
		Map<String, Map<LocalDate, Integer>> webhooks = this.figures.webhooksPerDay(from, zone);
		model.addAttribute("days", period);
		model.addAttribute("periods", PERIODS);
		model.addAttribute("fromDay", this.formats.day(first));
		model.addAttribute("zone", zone);
		model.addAttribute("inboundTotal", sum(webhooks.get("twilio_inbound")));
		model.addAttribute("statusTotal", sum(webhooks.get("twilio_status")));
		model.addAttribute("webhookChart",
				DayChart.of(dayList, total(webhooks), (v) -> count((long) v, "webhook"), this.formats::day));
		model.addAttribute("retentionHours", this.webhooks.retention().toHours());
		model.addAttribute("duplicatesHere", duplicatesSinceStart());
		return "dashboard/operations";
	}

	/**
	 * Copies of webhooks this instance ignored since it started: Micrometer's counter is
	 * per instance, and the database keeps no record of a duplicate.
	 */
	private long duplicatesSinceStart() {
		return Math
			.round(this.meters.find("webhooks.deduplicated").counters().stream().mapToDouble(Counter::count).sum());
	}

	private String seconds(Double value) {
		return (value != null) ? this.formats.duration(Duration.ofMillis(Math.round(value * 1000))) : "–";
	}

	private static int sum(Map<LocalDate, Integer> perDay) {
		return (perDay != null) ? perDay.values().stream().mapToInt(Integer::intValue).sum() : 0;
	}

	private static Map<LocalDate, Integer> total(Map<String, Map<LocalDate, Integer>> byType) {
		Map<LocalDate, Integer> total = new HashMap<>();
		byType.values().forEach((days) -> days.forEach((day, n) -> total.merge(day, n, Integer::sum)));
		return total;
	}

	private static String count(long n, String noun) {
		return n + " " + noun + ((n == 1) ? "" : "s");
	}

}
