package io.cdp.ingest.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Walks of a parsed JSON tree that the intake does for every message, done by hand
 * because Jackson's general machinery costs several times more for them: turning an
 * object into plain Java maps (what {@code convertValue(node, Map.class)} gives) and
 * bounding the size of its compact text without writing it.
 */
final class JsonValues {

	/** The most UTF-8 bytes one UTF-16 character of a string takes: {@code \\u001f}. */
	private static final int MAX_BYTES_PER_CHAR = 6;

	/** The longest text of an int or a long: {@code -9223372036854775808}. */
	private static final int MAX_INTEGRAL_TEXT = 20;

	/** The longest text of a double or a float: {@code -2.2250738585072014E-308}. */
	private static final int MAX_FLOATING_TEXT = 24;

	private JsonValues() {
	}

	/**
	 * Returns an object as plain Java, as Jackson's {@code convertValue} to a map does:
	 * objects as {@link LinkedHashMap}s in their order, arrays as {@link ArrayList}s,
	 * numbers as the {@link Number} their node holds (Integer, Long, BigInteger, Double),
	 * strings, booleans and nulls.
	 * @param object an object node
	 * @return the map
	 */
	static Map<String, @Nullable Object> map(JsonNode object) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>(capacity(object.size()));
		for (Map.Entry<String, JsonNode> member : object.properties()) {
			map.put(member.getKey(), value(member.getValue()));
		}
		return map;
	}

	private static @Nullable Object value(JsonNode node) {
		return switch (node.getNodeType()) {
			case STRING -> node.stringValue();
			case NUMBER -> node.numberValue();
			case BOOLEAN -> node.booleanValue();
			case NULL -> null;
			case OBJECT -> map(node);
			case ARRAY -> list(node);
			// Not made by parsing JSON text; let Jackson decide.
			default -> ContractJson.mapper().treeToValue(node, Object.class);
		};
	}

	private static List<@Nullable Object> list(JsonNode array) {
		List<@Nullable Object> list = new ArrayList<>(array.size());
		for (JsonNode element : array) {
			list.add(value(element));
		}
		return list;
	}

	private static int capacity(int size) {
		return (int) (size / 0.75f) + 1;
	}

	/**
	 * Returns a number of bytes at least the size of the compact UTF-8 text of a node, as
	 * Jackson writes it: every character of a string or name counted at its longest
	 * (escaped), every number at the longest text of its kind.
	 * @param node the JSON
	 * @param stopAbove a size beyond which the caller needs no exact bound; the walk
	 * stops as soon as the bound passes it
	 * @return the bound, {@code Long.MAX_VALUE} when the tree holds a value of unbounded
	 * text (a big integer or decimal, a binary or a Java object)
	 */
	static long compactSizeBound(JsonNode node, long stopAbove) {
		return bound(node, 0, stopAbove);
	}

	private static long bound(JsonNode node, long sum, long stopAbove) {
		long total = sum;
		switch (node.getNodeType()) {
			case STRING -> total += text(node.stringValue());
			case BOOLEAN -> total += 5;
			case NULL -> total += 4;
			case NUMBER -> {
				switch (node.numberType()) {
					case INT, LONG -> total += MAX_INTEGRAL_TEXT;
					case FLOAT, DOUBLE -> total += MAX_FLOATING_TEXT;
					default -> {
						return Long.MAX_VALUE;
					}
				}
			}
			case OBJECT -> {
				// Braces, and a colon and a comma per member.
				total += 2 + 2L * node.size();
				for (Map.Entry<String, JsonNode> member : node.properties()) {
					total = bound(member.getValue(), total + text(member.getKey()), stopAbove);
					if (total > stopAbove) {
						return total;
					}
				}
			}
			case ARRAY -> {
				total += 2 + node.size();
				for (JsonNode element : node) {
					total = bound(element, total, stopAbove);
					if (total > stopAbove) {
						return total;
					}
				}
			}
			default -> {
				return Long.MAX_VALUE;
			}
		}
		return total;
	}

	private static long text(String text) {
		return 2 + (long) MAX_BYTES_PER_CHAR * text.length();
	}

}
