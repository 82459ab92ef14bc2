package com.leadresponse.sequence;

import java.time.Duration;

/**
 * One step of the follow-up sequence: how long after the previous step it is due, and its
 * text.
 */
public record SequenceStep(int stepNumber, Duration delay, String template) {
}
