package io.cdp.profile.computed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.computed.TraitDefinition.Aggregate;
import io.cdp.profile.computed.TraitDefinition.Condition;
import io.cdp.profile.computed.TraitDefinition.Operator;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates a computed trait definition from the admin API's JSON. Every
 * problem is collected and named by its field ({@code name},
 * {@code filter.conditions[2].value}), and the whole list is answered as one 400
 * {@code invalid-request}; nothing of the JSON is ever evaluated. The bounds keep a
 * definition's SQL small: a few paths, values and names, each of bounded length.
 */
final class TraitDefinitionParser {

	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	/**
	 * The fields of the stored event JSON a path may start with: the free-form maps and
	 * the event's own text fields.
	 */
	static final Set<String> ROOTS = Set.of("properties", "context", "traits", "name", "type", "channel", "sourceId",
			"groupId", "previousId");

	static final int MAX_DEPTH = 8;

	static final int MAX_SEGMENT = 100;

	static final int MAX_NAMES = 50;

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_CONDITIONS = 20;

	static final int MAX_IN_VALUES = 100;

	static final int MAX_TEXT_VALUE = 1000;

	static final int MAX_WINDOW_DAYS = 3650;

	/** The largest number a condition may hold, as {@code profile.json_number} reads. */
	private static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");

	/**
	 * At most so many problems are listed: a 10,000-element array has one, named once.
	 */
	private static final int MAX_ERRORS = 20;

	private static final Set<String> FIELDS = Set.of("name", "aggregate", "property", "window", "filter");

	private static final Set<String> FILTER_FIELDS = Set.of("events", "types", "channels", "conditions");

	private static final Set<String> CONDITION_FIELDS = Set.of("property", "op", "value");

	private final Map<String, String> errors = new LinkedHashMap<>();

	private TraitDefinitionParser() {
	}

	/**
	 * The definition the JSON describes.
	 * @param json the request body
	 * @return the validated definition
	 * @throws ProblemException a 400 {@code invalid-request} naming every invalid field
	 */
	static TraitDefinition parse(@Nullable JsonNode json) {
		return new TraitDefinitionParser().read(json);
	}

	private TraitDefinition read(@Nullable JsonNode json) {
		if (json == null || !json.isObject()) {
			throw invalid(Map.of("body", "must be a JSON object with name, aggregate, property, window and filter"));
		}
		unknownFields(json, FIELDS, "");
		String name = name(json.get("name"));
		Aggregate aggregate = aggregate(json.get("aggregate"));
		List<String> property = null;
		JsonNode propertyJson = json.get("property");
		if (propertyJson != null && !propertyJson.isNull()) {
			property = path("property", propertyJson);
		}
		else if (aggregate != null && aggregate != Aggregate.COUNT) {
			error("property", "is required for " + aggregate.wireName() + ": a path into the event, such as "
					+ "properties.total");
		}
		Integer windowDays = window(json.get("window"));
		JsonNode filter = json.get("filter");
		List<String> events = List.of();
		List<String> types = List.of();
		List<String> channels = List.of();
		List<Condition> conditions = List.of();
		if (filter != null && !filter.isNull()) {
			if (!filter.isObject()) {
				error("filter", "must be an object with events, types, channels and conditions");
			}
			else {
				unknownFields(filter, FILTER_FIELDS, "filter.");
				events = names("filter.events", filter.get("events"), null);
				types = names("filter.types", filter.get("types"),
						Arrays.stream(EventType.values()).map(EventType::wireName).toList());
				channels = names("filter.channels", filter.get("channels"),
						Arrays.stream(Channel.values()).map(Channel::wireName).toList());
				conditions = conditions(filter.get("conditions"));
			}
		}
		if (!this.errors.isEmpty() || name == null || aggregate == null) {
			throw invalid(this.errors);
		}
		return new TraitDefinition(name, aggregate, property, windowDays, events, types, channels, conditions);
	}

	private @Nullable String name(@Nullable JsonNode json) {
		if (json == null || json.isNull()) {
			error("name", "is required: lower-case letters, digits and _, starting with a letter, at most 63");
			return null;
		}
		if (!json.isString() || !NAME.matcher(json.asString()).matches()) {
			error("name", "must be lower-case letters, digits and _, starting with a letter, at most 63 characters");
			return null;
		}
		return json.asString();
	}

	private @Nullable Aggregate aggregate(@Nullable JsonNode json) {
		String choices = String.join(", ", Arrays.stream(Aggregate.values()).map(Aggregate::wireName).toList());
		if (json == null || json.isNull()) {
			error("aggregate", "is required: one of " + choices);
			return null;
		}
		if (json.isString()) {
			for (Aggregate aggregate : Aggregate.values()) {
				if (aggregate.wireName().equals(json.asString())) {
					return aggregate;
				}
			}
		}
		error("aggregate", "must be one of " + choices);
		return null;
	}

	private @Nullable Integer window(@Nullable JsonNode json) {
		if (json == null || json.isNull()) {
			return null;
		}
		if (!json.isObject()) {
			error("window", "must be an object such as {\"days\": 90}, or absent for all time");
			return null;
		}
		unknownFields(json, Set.of("days"), "window.");
		JsonNode days = json.get("days");
		if (days == null || !days.isIntegralNumber() || !days.canConvertToInt() || days.intValue() < 1
				|| days.intValue() > MAX_WINDOW_DAYS) {
			error("window.days", "must be a whole number of days from 1 to " + MAX_WINDOW_DAYS);
			return null;
		}
		return days.intValue();
	}

	/** A list of names, each one of {@code allowed} when given. */
	private List<String> names(String field, @Nullable JsonNode json, @Nullable List<String> allowed) {
		if (json == null || json.isNull()) {
			return List.of();
		}
		if (!json.isArray()) {
			error(field, "must be an array of strings");
			return List.of();
		}
		if (json.size() > MAX_NAMES) {
			error(field, "must have at most " + MAX_NAMES + " entries, not " + json.size());
			return List.of();
		}
		List<String> names = new ArrayList<>();
		for (int index = 0; index < json.size(); index++) {
			String item = field + "[" + index + "]";
			JsonNode value = json.get(index);
			if (!value.isString() || value.asString().isEmpty()) {
				error(item, "must be a non-empty string");
				continue;
			}
			String text = value.asString();
			String problem = ParameterText.problem(item, text);
			if (problem != null) {
				error(item, problem);
			}
			else if (text.length() > MAX_NAME_LENGTH) {
				error(item, "must be at most " + MAX_NAME_LENGTH + " characters");
			}
			else if (allowed != null && !allowed.contains(text.toLowerCase(Locale.ROOT))) {
				error(item, "must be one of " + String.join(", ", allowed));
			}
			else {
				names.add((allowed != null) ? text.toLowerCase(Locale.ROOT) : text);
			}
		}
		return names;
	}

	private List<Condition> conditions(@Nullable JsonNode json) {
		if (json == null || json.isNull()) {
			return List.of();
		}
		if (!json.isArray()) {
			error("filter.conditions", "must be an array of {property, op, value}");
			return List.of();
		}
		if (json.size() > MAX_CONDITIONS) {
			error("filter.conditions", "must have at most " + MAX_CONDITIONS + " conditions, not " + json.size());
			return List.of();
		}
		List<Condition> conditions = new ArrayList<>();
		for (int index = 0; index < json.size(); index++) {
			String field = "filter.conditions[" + index + "]";
			JsonNode item = json.get(index);
			if (!item.isObject()) {
				error(field, "must be an object {property, op, value}");
				continue;
			}
			unknownFields(item, CONDITION_FIELDS, field + ".");
			JsonNode propertyJson = item.get("property");
			List<String> property = null;
			if (propertyJson == null || propertyJson.isNull()) {
				error(field + ".property", "is required: a path into the event, such as properties.plan");
			}
			else {
				property = path(field + ".property", propertyJson);
			}
			Operator op = operator(field + ".op", item.get("op"));
			JsonNode value = (op != null) ? value(field + ".value", op, item.get("value")) : null;
			if (property != null && op != null && !this.errors.containsKey(field + ".value")) {
				conditions.add(new Condition(property, op, value));
			}
		}
		return conditions;
	}

	private @Nullable Operator operator(String field, @Nullable JsonNode json) {
		String choices = String.join(", ", Arrays.stream(Operator.values()).map(Operator::wireName).toList());
		if (json != null && json.isString()) {
			for (Operator op : Operator.values()) {
				if (op.wireName().equals(json.asString())) {
					return op;
				}
			}
		}
		error(field, "must be one of " + choices);
		return null;
	}

	/** The condition's value, as the operator needs it. */
	private @Nullable JsonNode value(String field, Operator op, @Nullable JsonNode json) {
		boolean absent = json == null || json.isNull();
		switch (op) {
			case EXISTS -> {
				if (!absent && !json.isBoolean()) {
					error(field, "must be true (present), false (absent) or left out for exists");
				}
				return absent ? null : json;
			}
			case GT, GTE, LT, LTE -> {
				if (absent || !number(field, json)) {
					error(field, "must be a number below 1e15 in magnitude for " + op.wireName());
				}
				return json;
			}
			case IN -> {
				if (absent || !json.isArray() || json.isEmpty() || json.size() > MAX_IN_VALUES) {
					error(field, "must be an array of 1 to " + MAX_IN_VALUES + " strings, numbers or booleans for in");
					return json;
				}
				for (int index = 0; index < json.size(); index++) {
					scalar(field + "[" + index + "]", json.get(index));
				}
				return json;
			}
			case CONTAINS -> {
				if (absent || !json.isString() || json.asString().isEmpty()) {
					error(field, "must be a non-empty string for contains");
					return json;
				}
				scalar(field, json);
				return json;
			}
			default -> {
				if (absent) {
					error(field, "is required for " + op.wireName() + ": a string, number or boolean");
					return json;
				}
				scalar(field, json);
				return json;
			}
		}
	}

	/** A string, number or boolean that a condition can hold. */
	private void scalar(String field, JsonNode json) {
		if (json.isString()) {
			String problem = ParameterText.problem(field, json.asString());
			if (problem != null) {
				error(field, problem);
			}
			else if (json.asString().length() > MAX_TEXT_VALUE) {
				error(field, "must be at most " + MAX_TEXT_VALUE + " characters");
			}
		}
		else if (json.isNumber()) {
			if (!number(field, json)) {
				error(field, "must be a number below 1e15 in magnitude, with at most 10 decimals");
			}
		}
		else if (!json.isBoolean()) {
			error(field, "must be a string, number or boolean");
		}
	}

	private static boolean number(String field, JsonNode json) {
		if (!json.isNumber()) {
			return false;
		}
		if (json.isFloatingPointNumber() && !Double.isFinite(json.doubleValue()) && !json.isBigDecimal()) {
			return false;
		}
		BigDecimal value = json.decimalValue();
		return value.abs().compareTo(MAX_NUMBER) < 0 && value.stripTrailingZeros().scale() <= 10;
	}

	/**
	 * A dotted path into the stored event JSON: a known root, then up to
	 * {@value #MAX_DEPTH} segments in all, each a key or an array index.
	 */
	private @Nullable List<String> path(String field, JsonNode json) {
		if (!json.isString() || json.asString().isEmpty()) {
			error(field, "must be a dotted path into the event, such as properties.total");
			return null;
		}
		String text = json.asString();
		String problem = ParameterText.problem(field, text);
		if (problem != null) {
			error(field, problem);
			return null;
		}
		if (text.length() > MAX_DEPTH * (MAX_SEGMENT + 1)) {
			error(field, "must be at most " + MAX_DEPTH * (MAX_SEGMENT + 1) + " characters");
			return null;
		}
		List<String> segments = List.of(text.split("\\.", -1));
		if (segments.size() > MAX_DEPTH) {
			error(field, "must have at most " + MAX_DEPTH + " segments");
			return null;
		}
		for (String segment : segments) {
			if (segment.isEmpty() || segment.length() > MAX_SEGMENT
					|| segment.chars().anyMatch(Character::isISOControl)) {
				error(field, "each segment must be 1 to " + MAX_SEGMENT + " characters, without control characters");
				return null;
			}
		}
		if (!ROOTS.contains(segments.get(0))) {
			error(field, "must start with one of " + String.join(", ", ROOTS.stream().sorted().toList()));
			return null;
		}
		if (segments.size() == 1 && (segments.get(0).equals("properties") || segments.get(0).equals("context")
				|| segments.get(0).equals("traits"))) {
			error(field, "must name a field inside " + segments.get(0) + ", such as " + segments.get(0) + ".plan");
			return null;
		}
		return segments;
	}

	private void unknownFields(JsonNode json, Set<String> known, String prefix) {
		for (String name : json.propertyNames()) {
			if (!known.contains(name)) {
				error(prefix + abbreviate(name),
						"is not a field here; the fields are " + String.join(", ", known.stream().sorted().toList()));
			}
		}
	}

	private void error(String field, String message) {
		if (this.errors.size() < MAX_ERRORS) {
			this.errors.putIfAbsent(field, message);
		}
	}

	private static ProblemException invalid(Map<String, String> errors) {
		return new ProblemException(ProblemType.INVALID_REQUEST, "The computed trait definition is invalid")
			.withErrors(errors);
	}

	private static String abbreviate(String text) {
		String safe = text.replaceAll("\\p{Cntrl}", "?");
		return (safe.length() <= 64) ? safe : safe.substring(0, 64) + "…";
	}

}
