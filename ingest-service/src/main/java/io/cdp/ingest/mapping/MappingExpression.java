package io.cdp.ingest.mapping;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Where a mapped field takes its value from in each element: a JSON Pointer
 * ({@code /customer/email}), a JSONPath ({@code $.customer.email}) or a constant
 * ({@code {"const": "Order Completed"}}). In the mapping JSON a pointer is a string
 * starting with {@code /}, a path one starting with {@code $}; anything else is refused
 * when the source is created, so a typo never turns into a silently empty field.
 */
sealed interface MappingExpression {

	/**
	 * Returns the value of this expression in one element.
	 * @param element the element, a JSON object
	 * @return the value, or null when it is absent or JSON null
	 */
	@Nullable JsonNode valueIn(JsonNode element);

	/**
	 * Returns the expression as the mapping writes it, for messages.
	 * @return the text, such as {@code /customer/email}
	 */
	String text();

	/**
	 * An RFC 6901 JSON Pointer, evaluated by Jackson.
	 *
	 * @param text the pointer as written
	 * @param pointer the compiled pointer
	 */
	record Pointer(String text, JsonPointer pointer) implements MappingExpression {

		/**
		 * {@code ~} only escapes {@code ~0} and {@code ~1}; Jackson would keep others.
		 */
		private static final Pattern BAD_ESCAPE = Pattern.compile("~(?![01])");

		/**
		 * Compiles a pointer.
		 * @param text the pointer, starting with {@code /}
		 * @return the expression
		 * @throws IllegalArgumentException if it is not an RFC 6901 pointer
		 */
		static Pointer of(String text) {
			if (!text.startsWith("/")) {
				throw new IllegalArgumentException("a JSON Pointer starts with /");
			}
			if (BAD_ESCAPE.matcher(text).find()) {
				throw new IllegalArgumentException("'~' must be followed by 0 (for ~) or 1 (for /)");
			}
			return new Pointer(text, JsonPointer.compile(text));
		}

		@Override
		public @Nullable JsonNode valueIn(JsonNode element) {
			JsonNode value = element.at(this.pointer);
			return (value.isMissingNode() || value.isNull()) ? null : value;
		}

	}

	/**
	 * A JSONPath of names and indexes (see {@link JsonPathParser}).
	 *
	 * @param text the path as written
	 * @param steps its steps after {@code $}
	 */
	record Path(String text, List<PathStep> steps) implements MappingExpression {

		public Path {
			steps = List.copyOf(steps);
		}

		/**
		 * Parses a path.
		 * @param text the path, starting with {@code $}
		 * @return the expression
		 * @throws IllegalArgumentException if it is not in the supported subset
		 */
		static Path of(String text) {
			return new Path(text, JsonPathParser.parse(text));
		}

		@Override
		public @Nullable JsonNode valueIn(JsonNode element) {
			JsonNode node = element;
			for (PathStep step : this.steps) {
				node = step.select(node);
				if (node == null) {
					return null;
				}
			}
			return node.isNull() ? null : node;
		}

	}

	/**
	 * The same value for every element, such as an event name.
	 *
	 * @param value the value
	 */
	record Constant(JsonNode value) implements MappingExpression {

		public Constant {
			// A copy, so that the mapping stays as it was checked whatever happens to the
			// source's JSON.
			value = Objects.requireNonNull(value, "value must not be null").deepCopy();
		}

		@Override
		public @Nullable JsonNode valueIn(JsonNode element) {
			return this.value.isNull() ? null : this.value;
		}

		@Override
		public String text() {
			return "{\"const\": " + ContractJson.mapper().writeValueAsString(this.value) + "}";
		}

	}

}
