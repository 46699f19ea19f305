package io.cdp.profile.audience;

import java.util.List;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the value at a dotted path: each segment a key of an object, or the index of an
 * element of an array ({@code items.0.sku}).
 */
final class ValuePaths {

	private ValuePaths() {
	}

	/** The value at the path inside a JSON value, or null. */
	static @Nullable JsonNode at(@Nullable JsonNode root, List<String> path) {
		JsonNode current = root;
		for (String segment : path) {
			if (current == null) {
				return null;
			}
			if (current.isObject()) {
				current = current.get(segment);
			}
			else if (current.isArray()) {
				int index = index(segment);
				current = (index >= 0) ? current.get(index) : null;
			}
			else {
				return null;
			}
		}
		return current;
	}

	/**
	 * The value at the path inside decoded JSON (maps, lists, strings, numbers,
	 * booleans), as JSON, or null.
	 */
	static @Nullable JsonNode at(Map<String, ?> root, List<String> path) {
		Object current = root;
		for (String segment : path) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(segment);
			}
			else if (current instanceof List<?> list) {
				int index = index(segment);
				current = (index >= 0 && index < list.size()) ? list.get(index) : null;
			}
			else {
				return null;
			}
		}
		return (current != null) ? ContractJson.mapper().valueToTree(current) : null;
	}

	/** The segment as an array index, or -1. */
	private static int index(String segment) {
		if (segment.isEmpty() || segment.length() > 9) {
			return -1;
		}
		for (int i = 0; i < segment.length(); i++) {
			if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
				return -1;
			}
		}
		return Integer.parseInt(segment);
	}

}
