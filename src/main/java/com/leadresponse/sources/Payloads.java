package com.leadresponse.sources;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import com.leadresponse.lead.LeadSubmission;

/** Reading sources' JSON the way each documents it, leniently: unknown fields ignored. */
final class Payloads {

	private Payloads() {
	}

	/** A text field, or null when it is missing, null or not a scalar. */
	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isString()) {
			return value.asString();
		}
		return (value.isNumber() || value.isBoolean()) ? value.asString() : null;
	}

	/** The first of these fields that has text. */
	static String first(JsonNode node, String... fields) {
		for (String field : fields) {
			String value = text(node, field);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	/** "first last", leaving out what is missing; null when both are. */
	static String fullName(String first, String last) {
		String name = ((first != null) ? first.strip() : "") + " " + ((last != null) ? last.strip() : "");
		return name.isBlank() ? null : name.strip();
	}

	/** Questions and answers from an array of objects with the two named fields. */
	static List<LeadSubmission.Answer> answers(JsonNode array, String question, String answer) {
		List<LeadSubmission.Answer> answers = new ArrayList<>();
		if (array.isArray()) {
			for (JsonNode item : array) {
				String q = text(item, question);
				String a = text(item, answer);
				if (q != null || a != null) {
					answers.add(new LeadSubmission.Answer(q, a));
				}
			}
		}
		return answers;
	}

	/**
	 * The answer when there is one, so that an empty value is not shown as a question.
	 */
	static void addIfPresent(List<LeadSubmission.Answer> answers, String question, String answer) {
		if (answer != null && !answer.isBlank()) {
			answers.add(new LeadSubmission.Answer(question, answer));
		}
	}

}
