package io.cdp.ingest.mapping;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step of a JSONPath: a member of an object or an element of an array. A step that
 * does not fit the node it meets (a name on an array, an index past the end) selects
 * nothing, as in JSONPath itself, so the mapped field is simply absent.
 */
sealed interface PathStep {

	/**
	 * Selects this step's child.
	 * @param node the node reached so far
	 * @return the child, or null if there is none
	 */
	@Nullable JsonNode select(JsonNode node);

	/**
	 * A member name: {@code .customer} or {@code ['first name']}.
	 *
	 * @param name the member name, unescaped
	 */
	record Name(String name) implements PathStep {

		@Override
		public @Nullable JsonNode select(JsonNode node) {
			return node.isObject() ? node.get(this.name) : null;
		}

	}

	/**
	 * An array index: {@code [0]}, or {@code [-1]} for the last element.
	 *
	 * @param index from the start when zero or positive, from the end when negative
	 */
	record Index(int index) implements PathStep {

		@Override
		public @Nullable JsonNode select(JsonNode node) {
			if (!node.isArray()) {
				return null;
			}
			return node.get((this.index >= 0) ? this.index : node.size() + this.index);
		}

	}

}
