package io.cdp.profile.destination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.cdp.contract.profile.Consent;
import io.cdp.profile.api.JsonBodies;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates a destination from the admin API's JSON. Every problem is collected
 * and named by its field ({@code url}, {@code traits[3]}), and the whole list is answered
 * as one 400 {@code invalid-request}.
 */
final class DestinationParser {

	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

	private static final Pattern IDENTIFIER_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final Set<String> FIELDS = Set.of("name", "url", "audiences", "identifiers", "traits", "batchSize",
			"batchIntervalMs", "rateLimit", "deadLetterAfterHours", "consent");

	static final int MAX_PURPOSES = 20;

	static final int MAX_AUDIENCES = 100;

	static final int MAX_IDENTIFIERS = 20;

	static final int MAX_TRAITS = 100;

	static final int MAX_TEXT = 200;

	static final long MAX_INTERVAL_MS = 3_600_000;

	static final double MAX_RATE = 10_000;

	static final int MAX_DEAD_LETTER_HOURS = 720;

	private static final int MAX_ERRORS = 20;

	private final AddressRules rules;

	private final Map<String, String> errors = new LinkedHashMap<>();

	private DestinationParser(AddressRules rules) {
		this.rules = rules;
	}

	/**
	 * The destination the JSON describes.
	 * @param json the request body, an object
	 * @param rules the URL rules
	 * @return the validated destination
	 * @throws ProblemException 400 naming every field at fault
	 */
	static DestinationDefinition parse(JsonNode json, AddressRules rules) {
		return new DestinationParser(rules).read(json);
	}

	private DestinationDefinition read(JsonNode json) {
		for (String field : json.propertyNames()) {
			if (!FIELDS.contains(field)) {
				error(JsonBodies.abbreviate(field), "is not a field of a destination");
			}
		}
		String name = text(json, "name", true);
		if (name != null && !NAME.matcher(name).matches()) {
			error("name", "must match [a-z][a-z0-9_-]{0,62}");
		}
		String url = text(json, "url", true);
		if (url != null) {
			String refusal = this.rules.problem(url);
			if (refusal != null) {
				error("url", refusal);
			}
		}
		List<String> audiences = audiences(json.get("audiences"));
		List<String> identifiers = list(json.get("identifiers"), "identifiers", MAX_IDENTIFIERS, IDENTIFIER_TYPE);
		List<String> traits = list(json.get("traits"), "traits", MAX_TRAITS, null);
		List<String> consent = list(json.get("consent"), "consent", MAX_PURPOSES, Consent.PURPOSE);
		long batchSize = integer(json, "batchSize", 100, 1, 1000);
		long interval = integer(json, "batchIntervalMs", 1000, 0, MAX_INTERVAL_MS);
		double rate = number(json, "rateLimit", 10, MAX_RATE);
		long hours = integer(json, "deadLetterAfterHours", 24, 1, MAX_DEAD_LETTER_HOURS);
		if (!this.errors.isEmpty() || name == null || url == null) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The destination is invalid")
				.withErrors(this.errors);
		}
		return new DestinationDefinition(name, url, audiences, identifiers, traits, (int) batchSize, interval, rate,
				(int) hours, consent);
	}

	private @Nullable String text(JsonNode json, String field, boolean required) {
		JsonNode node = json.get(field);
		if (node == null || node.isNull()) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		if (!node.isString()) {
			error(field, "must be a string");
			return null;
		}
		String text = node.asString();
		if (text.isBlank()) {
			error(field, "must not be blank");
			return null;
		}
		return text;
	}

	/** Absent, null or {@code "all"} for every audience, else a list of ids or names. */
	private @Nullable List<String> audiences(@Nullable JsonNode node) {
		if (node == null || node.isNull() || (node.isString() && node.asString().equals("all"))) {
			return null;
		}
		if (node.isArray() && node.isEmpty()) {
			error("audiences", "must name at least one audience, or be \"all\"");
			return null;
		}
		return list(node, "audiences", MAX_AUDIENCES, null);
	}

	private List<String> list(@Nullable JsonNode node, String field, int max, @Nullable Pattern pattern) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			error(field, "must be an array of strings");
			return List.of();
		}
		if (node.size() > max) {
			error(field, "must have at most " + max + " entries");
			return List.of();
		}
		Set<String> values = new LinkedHashSet<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode element = node.get(i);
			String at = field + "[" + i + "]";
			if (!element.isString() || element.asString().isBlank()) {
				error(at, "must be a non-blank string");
			}
			else if (element.asString().length() > MAX_TEXT) {
				error(at, "must be at most " + MAX_TEXT + " characters");
			}
			else if (pattern != null && !pattern.matcher(element.asString()).matches()) {
				error(at,
						(pattern == Consent.PURPOSE)
								? "must be a purpose such as marketing: lower-case letters, digits, _ and -"
								: "must be an identifier type such as email or user_id");
			}
			else {
				values.add(element.asString());
			}
		}
		return new ArrayList<>(values);
	}

	private long integer(JsonNode json, String field, long absent, long min, long max) {
		JsonNode node = json.get(field);
		if (node == null || node.isNull()) {
			return absent;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
			error(field, "must be a whole number from " + min + " to " + max);
			return absent;
		}
		return node.asLong();
	}

	private double number(JsonNode json, String field, double absent, double max) {
		JsonNode node = json.get(field);
		if (node == null || node.isNull()) {
			return absent;
		}
		double value = node.isNumber() ? node.asDouble() : Double.NaN;
		if (!(value > 0 && value <= max)) {
			error(field, "must be a number of requests per second above 0, at most " + (long) max);
			return absent;
		}
		return value;
	}

	private void error(String field, String message) {
		if (this.errors.size() < MAX_ERRORS) {
			this.errors.putIfAbsent(field, message);
		}
	}

}
