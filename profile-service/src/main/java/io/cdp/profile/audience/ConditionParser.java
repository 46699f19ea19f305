package io.cdp.profile.audience;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.cdp.contract.event.Channel;
import io.cdp.contract.profile.JourneyStatus;
import io.cdp.profile.audience.EventCounter.PropertyCondition;
import io.cdp.profile.cx.JourneyStage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates an audience condition from its JSON. Every problem is collected and
 * named by the path of its field ({@code condition.all[2].performed.withinDays}), and no
 * input, however hostile, makes it throw: the answer is a {@link ParsedCondition}.
 * Nothing of the JSON is ever evaluated as code or compiled to a pattern; the bounds
 * below keep a condition cheap to evaluate for every person on every change.
 */
public final class ConditionParser {

	/** How deep conditions nest: the root is at depth 1. */
	public static final int MAX_DEPTH = 10;

	/** How many conditions one audience holds in all, combinations included. */
	public static final int MAX_NODES = 200;

	/** The longest string anywhere in a condition. */
	public static final int MAX_TEXT = 256;

	/** The most values of {@code in} and {@code notIn}. */
	public static final int MAX_IN_VALUES = 1000;

	/** The longest window, in days. */
	public static final int MAX_WINDOW_DAYS = 3650;

	/** The greatest count of {@code atLeast} and {@code atMost}. */
	public static final int MAX_COUNT = 1_000_000;

	/** The most {@code where} conditions on one event. */
	public static final int MAX_WHERE = 20;

	/** The most segments of a dotted path. */
	public static final int MAX_PATH_SEGMENTS = 8;

	/** At most so many problems are listed: a 10,000-element array has one. */
	static final int MAX_ERRORS = 20;

	private static final Pattern COMPUTED_TRAIT = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final Pattern IDENTIFIER_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

	/** The largest number a condition may hold in magnitude, as computed traits take. */
	private static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");

	private static final List<String> KINDS = List.of("all", "any", "not", "trait", "computedTrait", "journey", "cx",
			"identifier", "channel", "performed", "notPerformed", "consent");

	private static final List<String> STATUSES = List.of(JourneyStatus.ACTIVE, JourneyStatus.AT_RISK,
			JourneyStatus.CHURNED);

	private final Map<String, String> errors = new LinkedHashMap<>();

	private int nodes;

	private ConditionParser() {
	}

	/**
	 * Reads the condition of an audience, its fields named from {@code condition}.
	 * @param json the condition's JSON, or null when absent
	 * @return the condition, or every problem
	 */
	public static ParsedCondition parse(@Nullable JsonNode json) {
		return parse(json, "condition");
	}

	/**
	 * Reads a condition whose fields are named from a given path.
	 * @param json the condition's JSON, or null when absent
	 * @param field the path of the condition in its document, such as {@code condition}
	 * @return the condition, or every problem
	 */
	public static ParsedCondition parse(@Nullable JsonNode json, String field) {
		ConditionParser parser = new ConditionParser();
		Condition root = null;
		if (json == null || json.isNull() || json.isMissingNode()) {
			parser.error(field, "is required: an object such as {\"all\": [...]} or {\"trait\": \"plan\", \"op\": "
					+ "\"eq\", \"value\": \"pro\"}");
		}
		else {
			root = parser.condition(json, field, 1);
		}
		if (root == null || !parser.errors.isEmpty()) {
			if (parser.errors.isEmpty()) {
				parser.error(field, "is invalid");
			}
			return new ParsedCondition.Invalid(parser.errors);
		}
		return new ParsedCondition.Valid(new AudienceCondition(root));
	}

	private @Nullable Condition condition(JsonNode json, String field, int depth) {
		if (depth > MAX_DEPTH) {
			error(field, "nests too deep: conditions nest at most " + MAX_DEPTH + " levels");
			return null;
		}
		if (++this.nodes > MAX_NODES) {
			error(field, "is one condition too many: an audience has at most " + MAX_NODES + " in all");
			return null;
		}
		if (!json.isObject()) {
			error(field, "must be an object with one of " + String.join(", ", KINDS));
			return null;
		}
		List<String> kinds = KINDS.stream().filter(json::has).toList();
		if (kinds.size() != 1) {
			error(field, (kinds.isEmpty() ? "must have one of " : "must have only one of ") + String.join(", ", KINDS)
					+ (kinds.isEmpty() ? "" : ", not " + String.join(" and ", kinds)));
			return null;
		}
		String kind = kinds.get(0);
		String at = field + "." + kind;
		JsonNode body = json.get(kind);
		return switch (kind) {
			case "all", "any" -> combination(json, field, kind, body, at, depth);
			case "not" -> negation(json, field, body, at, depth);
			case "trait" -> trait(json, field, body, at);
			case "computedTrait" -> computedTrait(json, field, body, at);
			case "cx" -> cx(json, field, body, at);
			case "journey" -> journey(json, field, body, at);
			case "identifier" -> identifier(json, field, body, at);
			case "channel" -> channel(json, field, body, at);
			case "performed" -> performed(json, field, body, at);
			case "notPerformed" -> notPerformed(json, field, body, at);
			default -> consent(json, field, body, at);
		};
	}

	private @Nullable Condition combination(JsonNode json, String field, String kind, JsonNode body, String at,
			int depth) {
		unknownFields(json, Set.of(kind), field);
		if (!body.isArray() || body.isEmpty()) {
			error(at, "must be an array of at least one condition");
			return null;
		}
		if (body.size() > MAX_NODES) {
			error(at, "must have at most " + MAX_NODES + " conditions, not " + body.size());
			return null;
		}
		List<Condition> conditions = new ArrayList<>();
		for (int index = 0; index < body.size() && this.nodes <= MAX_NODES; index++) {
			Condition item = condition(body.get(index), at + "[" + index + "]", depth + 1);
			if (item != null) {
				conditions.add(item);
			}
		}
		if (conditions.size() != body.size()) {
			return null;
		}
		return kind.equals("all") ? new Condition.All(conditions) : new Condition.Any(conditions);
	}

	private @Nullable Condition negation(JsonNode json, String field, JsonNode body, String at, int depth) {
		unknownFields(json, Set.of("not"), field);
		Condition negated = condition(body, at, depth + 1);
		return (negated != null) ? new Condition.Not(negated) : null;
	}

	private @Nullable Condition trait(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("trait", "op", "value"), field);
		List<String> path = path(at, body, "a dotted path into the traits, such as address.city");
		Comparison comparison = comparison(json, field);
		return (path != null && comparison != null) ? new Condition.Trait(path, comparison) : null;
	}

	private @Nullable Condition computedTrait(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("computedTrait", "op", "value"), field);
		String name = named(at, body, COMPUTED_TRAIT, "a computed trait's name: lower-case letters, digits and _");
		Comparison comparison = comparison(json, field);
		return (name != null && comparison != null) ? new Condition.ComputedTrait(name, comparison) : null;
	}

	private @Nullable Condition cx(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("cx", "op", "value"), field);
		CxPath path = null;
		if (body.isString() && body.asString().length() <= MAX_TEXT) {
			path = CxPath.of(body.asString());
		}
		if (path == null) {
			error(at, "must be one of " + CxPath.choices());
		}
		Comparison comparison = comparison(json, field);
		return (path != null && comparison != null) ? new Condition.Cx(path, comparison) : null;
	}

	private @Nullable Condition journey(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("journey"), field);
		if (!body.isObject()) {
			error(at, "must be an object with stage, status or both, such as {\"stage\": [\"purchase\"]}");
			return null;
		}
		unknownFields(body, Set.of("stage", "status"), at);
		List<String> stageNames = Arrays.stream(JourneyStage.values()).map(JourneyStage::wireName).toList();
		Set<String> stages = choices(at + ".stage", body.get("stage"), stageNames);
		Set<String> statuses = choices(at + ".status", body.get("status"), STATUSES);
		if (stages == null || statuses == null) {
			return null;
		}
		if (stages.isEmpty() && statuses.isEmpty()) {
			error(at, "must give stage, status or both");
			return null;
		}
		return new Condition.Journey(stages, statuses);
	}

	private @Nullable Condition identifier(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("identifier"), field);
		String type = named(at, body, IDENTIFIER_TYPE, "an identifier type such as email, user_id or phone");
		return (type != null) ? new Condition.Identifier(type) : null;
	}

	private @Nullable Condition channel(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("channel", "seenWithinDays", "notSeenForDays"), field);
		List<String> channels = new ArrayList<>(Arrays.stream(Channel.values()).map(Channel::wireName).toList());
		channels.add(Condition.Channel.ANY);
		String channel = (body.isString() && channels.contains(body.asString())) ? body.asString() : null;
		if (channel == null) {
			error(at, "must be one of " + String.join(", ", channels));
		}
		boolean seen = json.has("seenWithinDays");
		if (seen == json.has("notSeenForDays")) {
			error(field, "must have one of seenWithinDays and notSeenForDays");
			return null;
		}
		String daysField = seen ? "seenWithinDays" : "notSeenForDays";
		Long days = whole(field + "." + daysField, json.get(daysField), 1, MAX_WINDOW_DAYS, "days");
		return (channel != null && days != null) ? new Condition.Channel(channel, seen, days.intValue()) : null;
	}

	private @Nullable Condition performed(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("performed"), field);
		if (!body.isObject()) {
			error(at, "must be an object such as {\"event\": \"Order Completed\", \"atLeast\": 2, \"withinDays\": 30}");
			return null;
		}
		unknownFields(body, Set.of("event", "atLeast", "atMost", "withinDays", "where"), at);
		EventCounter counter = counter(body, at);
		boolean bounded = body.has("atLeast") || body.has("atMost");
		Long atLeast = bounded ? optionalWhole(at + ".atLeast", body.get("atLeast"), 0L) : Long.valueOf(1);
		Long atMost = optionalWhole(at + ".atMost", body.get("atMost"), -1L);
		if (atLeast != null && atMost != null && atMost >= 0 && atMost < atLeast) {
			error(at + ".atMost", "must not be less than atLeast");
			return null;
		}
		Long days = whole(at + ".withinDays", body.get("withinDays"), 1, MAX_WINDOW_DAYS, "days");
		if (counter == null || atLeast == null || atMost == null || days == null) {
			return null;
		}
		return new Condition.Performed(counter, atLeast, atMost, days.intValue());
	}

	private @Nullable Condition notPerformed(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("notPerformed"), field);
		if (!body.isObject()) {
			error(at, "must be an object such as {\"event\": \"Email Opened\", \"withinDays\": 60}");
			return null;
		}
		unknownFields(body, Set.of("event", "withinDays", "where"), at);
		EventCounter counter = counter(body, at);
		Long days = whole(at + ".withinDays", body.get("withinDays"), 1, MAX_WINDOW_DAYS, "days");
		return (counter != null && days != null) ? new Condition.NotPerformed(counter, days.intValue()) : null;
	}

	private @Nullable Condition consent(JsonNode json, String field, JsonNode body, String at) {
		unknownFields(json, Set.of("consent"), field);
		String purpose = named(at, body, PURPOSE, "a purpose such as marketing: lower-case letters, digits, _ and -");
		return (purpose != null) ? new Condition.Consent(purpose) : null;
	}

	private @Nullable EventCounter counter(JsonNode body, String at) {
		String event = text(at + ".event", body.get("event"), "the event's name, such as Order Completed");
		List<PropertyCondition> where = new ArrayList<>();
		JsonNode whereJson = body.get("where");
		boolean whereValid = true;
		if (whereJson != null && !whereJson.isNull()) {
			if (!whereJson.isArray() || whereJson.size() > MAX_WHERE) {
				error(at + ".where", "must be an array of at most " + MAX_WHERE + " {property, op, value}");
				return null;
			}
			for (int index = 0; index < whereJson.size(); index++) {
				PropertyCondition condition = propertyCondition(whereJson.get(index), at + ".where[" + index + "]");
				whereValid &= condition != null;
				if (condition != null) {
					where.add(condition);
				}
			}
		}
		return (event != null && whereValid) ? new EventCounter(event, where) : null;
	}

	private @Nullable PropertyCondition propertyCondition(JsonNode json, String field) {
		if (!json.isObject()) {
			error(field, "must be an object {property, op, value}");
			return null;
		}
		unknownFields(json, Set.of("property", "op", "value"), field);
		List<String> path = path(field + ".property", json.get("property"),
				"a dotted path into the event's properties, such as total or items.0.sku");
		Comparison comparison = comparison(json, field);
		return (path != null && comparison != null) ? new PropertyCondition(path, comparison) : null;
	}

	private @Nullable Comparison comparison(JsonNode json, String field) {
		JsonNode opJson = json.get("op");
		Operator op = (opJson != null && opJson.isString()) ? Operator.fromWireName(opJson.asString()) : null;
		if (op == null) {
			error(field + ".op", "must be one of "
					+ String.join(", ", Arrays.stream(Operator.values()).map(Operator::wireName).toList()));
			return null;
		}
		return ComparisonValues.read(this, op, field + ".value", json.get("value"));
	}

	/** A non-empty list of names, each one of the choices, or null when invalid. */
	private @Nullable Set<String> choices(String field, @Nullable JsonNode json, List<String> allowed) {
		if (json == null || json.isNull()) {
			return Set.of();
		}
		if (!json.isArray() || json.isEmpty() || json.size() > allowed.size()) {
			error(field, "must be an array of 1 to " + allowed.size() + " of " + String.join(", ", allowed));
			return null;
		}
		Set<String> names = new LinkedHashSet<>();
		for (int index = 0; index < json.size(); index++) {
			JsonNode item = json.get(index);
			if (!item.isString() || !allowed.contains(item.asString())) {
				error(field + "[" + index + "]", "must be one of " + String.join(", ", allowed));
				return null;
			}
			names.add(item.asString());
		}
		return names;
	}

	/**
	 * A dotted path: at most {@value #MAX_PATH_SEGMENTS} segments, each a key or an array
	 * index, without control characters.
	 */
	private @Nullable List<String> path(String field, @Nullable JsonNode json, String what) {
		String text = text(field, json, what);
		if (text == null) {
			return null;
		}
		List<String> segments = List.of(text.split("\\.", -1));
		if (segments.size() > MAX_PATH_SEGMENTS || segments.stream()
			.anyMatch((segment) -> segment.isEmpty() || segment.chars().anyMatch(Character::isISOControl))) {
			error(field, "must be " + what + ": at most " + MAX_PATH_SEGMENTS
					+ " non-empty segments, without control characters");
			return null;
		}
		return segments;
	}

	private @Nullable String named(String field, JsonNode json, Pattern pattern, String what) {
		if (!json.isString() || json.asString().length() > MAX_TEXT || !pattern.matcher(json.asString()).matches()) {
			error(field, "must be " + what);
			return null;
		}
		return json.asString();
	}

	/**
	 * A non-empty string of at most {@value #MAX_TEXT} characters that is valid Unicode
	 * without NUL, or null after naming the problem.
	 */
	@Nullable String text(String field, @Nullable JsonNode json, String what) {
		if (json == null || !json.isString() || json.asString().isEmpty()) {
			error(field, "must be a non-empty string: " + what);
			return null;
		}
		String text = json.asString();
		if (text.length() > MAX_TEXT) {
			error(field, "must be at most " + MAX_TEXT + " characters");
			return null;
		}
		if (text.indexOf('\0') >= 0 || text.codePoints().anyMatch(ConditionParser::isSurrogate)) {
			error(field, "must be valid Unicode text, without NUL or an unpaired surrogate");
			return null;
		}
		return text;
	}

	/** A whole number within bounds, or null after naming the problem. */
	private @Nullable Long whole(String field, @Nullable JsonNode json, long min, long max, String unit) {
		if (json == null || !json.isIntegralNumber() || !json.canConvertToLong() || json.longValue() < min
				|| json.longValue() > max) {
			error(field, "must be a whole number of " + unit + " from " + min + " to " + max);
			return null;
		}
		return json.longValue();
	}

	private @Nullable Long optionalWhole(String field, @Nullable JsonNode json, long absent) {
		return (json == null || json.isNull()) ? Long.valueOf(absent) : whole(field, json, 0, MAX_COUNT, "events");
	}

	/**
	 * Whether a JSON number is one a condition may hold: finite, below 1e15 in magnitude,
	 * with at most 10 decimals.
	 */
	static boolean boundedNumber(JsonNode json) {
		if (!json.isNumber()
				|| (json.isFloatingPointNumber() && !json.isBigDecimal() && !Double.isFinite(json.doubleValue()))) {
			return false;
		}
		BigDecimal value = json.decimalValue();
		return value.abs().compareTo(MAX_NUMBER) < 0 && value.stripTrailingZeros().scale() <= 10;
	}

	private void unknownFields(JsonNode json, Set<String> known, String field) {
		for (String name : json.propertyNames()) {
			if (!known.contains(name)) {
				error(field + "." + printable(name),
						"is not a field here; the fields are " + String.join(", ", known.stream().sorted().toList()));
			}
		}
	}

	void error(String field, String message) {
		if (this.errors.size() < MAX_ERRORS) {
			this.errors.putIfAbsent(field, message);
		}
	}

	/** Whether a code point is a surrogate: one left unpaired in its string. */
	private static boolean isSurrogate(int codePoint) {
		return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
	}

	/**
	 * A field name as it may be shown: at most 64 characters, control characters and
	 * unpaired surrogates replaced.
	 */
	private static String printable(String name) {
		StringBuilder shown = new StringBuilder();
		name.codePoints()
			.limit(64)
			.forEach((c) -> shown.appendCodePoint((Character.isISOControl(c) || isSurrogate(c)) ? '?' : c));
		return (name.codePointCount(0, name.length()) > 64) ? shown + "…" : shown.toString();
	}

}
