package io.cdp.ingest.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/admin/dead-letters/replay}, checked: either {@code {"ids":
 * [..]}} or {@code {"filter": {..}, "limit": n, "afterId": id}}, at most
 * {@code maxReplay} letters either way. Every mistake is a 400 naming the field.
 *
 * @param ids the letters to replay, in order, without repeats; empty for a filter
 * @param filter the letters to replay, when no ids are given
 * @param limit the most letters a filter replay handles
 * @param afterId a filter replay handles letters with larger ids only
 */
record ReplayRequest(List<Long> ids, @Nullable DeadLetterFilter filter, int limit, long afterId) {

	private static final Set<String> FILTER_FIELDS = Set.of("source", "stage", "reason", "kind", "from", "to");

	private static final Set<String> FIELDS = Set.of("ids", "filter", "limit", "afterId");

	static ReplayRequest parse(@Nullable String body, int maxReplay) {
		JsonNode json = json(body);
		for (String name : json.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new InvalidRequestException(name, name + " is not a field of a replay; give ids or filter");
			}
		}
		JsonNode ids = json.get("ids");
		JsonNode filter = json.get("filter");
		if ((ids == null) == (filter == null)) {
			throw new InvalidRequestException("ids", "give either ids (a list of dead-letter ids) or filter");
		}
		if (ids != null) {
			if (json.has("limit") || json.has("afterId")) {
				throw new InvalidRequestException(json.has("limit") ? "limit" : "afterId",
						"limit and afterId go with a filter, not with ids");
			}
			return new ReplayRequest(ids(ids, maxReplay), null, 0, 0);
		}
		int limit = (int) number(json.get("limit"), "limit", 1, maxReplay, maxReplay);
		long afterId = number(json.get("afterId"), "afterId", 0, Long.MAX_VALUE, 0);
		return new ReplayRequest(List.of(), filter(filter), limit, afterId);
	}

	private static JsonNode json(@Nullable String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidRequestException(null, "The body is empty; a JSON object with ids or filter is required");
		}
		try {
			JsonNode json = ContractJson.mapper().readTree(body);
			if (json == null || !json.isObject()) {
				throw new InvalidRequestException(null, "The body must be a JSON object with ids or filter");
			}
			return json;
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException(null, "The body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static List<Long> ids(JsonNode ids, int maxReplay) {
		if (!ids.isArray() || ids.isEmpty()) {
			throw new InvalidRequestException("ids", "ids must be a non-empty list of dead-letter ids");
		}
		if (ids.size() > maxReplay) {
			throw new InvalidRequestException("ids", "at most " + maxReplay + " ids can be replayed in one call");
		}
		Set<Long> parsed = new LinkedHashSet<>();
		for (int i = 0; i < ids.size(); i++) {
			parsed.add(id(ids.get(i), "ids[" + i + "]"));
		}
		return new ArrayList<>(parsed);
	}

	/** A dead-letter id: a positive whole number, as a JSON number or string. */
	static long id(@Nullable JsonNode node, String field) {
		String text = (node == null) ? null
				: node.isIntegralNumber() ? node.asString() : node.isString() ? node.stringValue() : null;
		Long id = (text != null) ? parseId(text) : null;
		if (id == null) {
			throw new InvalidRequestException(field, field + " must be a dead-letter id (a positive whole number)");
		}
		return id;
	}

	/** A positive id from text, or null. */
	static @Nullable Long parseId(String text) {
		if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		long id = Long.parseLong(text);
		return (id > 0) ? id : null;
	}

	private static long number(@Nullable JsonNode node, String field, long min, long max, long absent) {
		if (node == null || node.isNull()) {
			return absent;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
			throw new InvalidRequestException(field, field + " must be a whole number from " + min + " to " + max);
		}
		return node.longValue();
	}

	private static DeadLetterFilter filter(JsonNode filter) {
		if (!filter.isObject()) {
			throw new InvalidRequestException("filter",
					"filter must be a JSON object of source, stage, reason, " + "kind, from and to");
		}
		Map<String, @Nullable String> values = new java.util.HashMap<>();
		for (Map.Entry<String, JsonNode> entry : filter.properties()) {
			String name = "filter." + entry.getKey();
			if (!FILTER_FIELDS.contains(entry.getKey())) {
				throw new InvalidRequestException(name,
						name + " is not a filter; use source, stage, reason, kind, " + "from and to");
			}
			JsonNode value = entry.getValue();
			if (!value.isNull() && !value.isString()) {
				throw new InvalidRequestException(name, name + " must be a string");
			}
			values.put(entry.getKey(), value.isNull() ? null : value.stringValue());
		}
		return DeadLetterFilter.parse("filter.", values.get("source"), values.get("stage"), values.get("reason"),
				values.get("kind"), values.get("from"), values.get("to"));
	}

}
