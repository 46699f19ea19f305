package io.cdp.profile.computed;

import java.util.List;
import java.util.Locale;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A computed trait as defined through the admin API, validated
 * ({@link TraitDefinitionParser}): an aggregate of an event property over the events of a
 * window that pass a filter. It is data: {@link TraitSql} turns it into SQL whose text
 * depends only on its shape (which aggregate, which filters, which operators), every
 * name, path and value being a bind parameter.
 *
 * @param name the trait's name, unique, such as {@code orders_90d}
 * @param aggregate what is computed
 * @param property the path into the stored event JSON whose values are aggregated, null
 * for a count of events
 * @param windowDays only events of the last so many days, or null for all time
 * @param events only events with one of these names, or any when empty
 * @param types only events of these types ({@code track}, {@code page}...), or any when
 * empty
 * @param channels only events of these channels, or any when empty
 * @param conditions only events whose properties pass every one of these
 */
record TraitDefinition(String name, Aggregate aggregate, @Nullable List<String> property, @Nullable Integer windowDays,
		List<String> events, List<String> types, List<String> channels, List<Condition> conditions) {

	TraitDefinition {
		property = (property != null) ? List.copyOf(property) : null;
		events = List.copyOf(events);
		types = List.copyOf(types);
		channels = List.copyOf(channels);
		conditions = List.copyOf(conditions);
	}

	/** The definition as JSON, in the form the API takes and shows it. */
	ObjectNode toJson() {
		ObjectNode json = ContractJson.mapper().createObjectNode();
		json.put("name", this.name);
		json.put("aggregate", this.aggregate.wireName());
		if (this.property != null) {
			json.put("property", String.join(".", this.property));
		}
		if (this.windowDays != null) {
			json.putObject("window").put("days", this.windowDays);
		}
		ObjectNode filter = json.putObject("filter");
		strings(filter.putArray("events"), this.events);
		strings(filter.putArray("types"), this.types);
		strings(filter.putArray("channels"), this.channels);
		ArrayNode conditions = filter.putArray("conditions");
		for (Condition condition : this.conditions) {
			ObjectNode item = conditions.addObject();
			item.put("property", String.join(".", condition.property()));
			item.put("op", condition.op().wireName());
			if (condition.value() != null) {
				item.set("value", condition.value());
			}
		}
		return json;
	}

	private static void strings(ArrayNode array, List<String> values) {
		values.forEach(array::add);
	}

	/** What a computed trait computes from the values of its matching events. */
	enum Aggregate {

		/** How many matching events (with the property, when one is given). */
		COUNT,

		/** The sum of the property's numeric values. */
		SUM,

		/** The least numeric value. */
		MIN,

		/** The greatest numeric value. */
		MAX,

		/** The value of the earliest event that has one, by occurredAt then messageId. */
		FIRST,

		/** The value of the latest event that has one. */
		LAST,

		/** How many different values (numbers equal by value). */
		DISTINCT_COUNT;

		String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** How a condition compares the event's property with its value. */
	enum Operator {

		/**
		 * Equal: numbers as numbers (a numeric string included), anything else as JSON.
		 */
		EQ,

		/** Not equal, or absent. */
		NEQ,

		/** Greater than a number. */
		GT,

		/** Greater than or equal to a number. */
		GTE,

		/** Less than a number. */
		LT,

		/** Less than or equal to a number. */
		LTE,

		/**
		 * Present and not null ({@code value} true or absent), or absent ({@code false}).
		 */
		EXISTS,

		/** Equal to one of the values of an array. */
		IN,

		/** A string that contains the text, or an array that holds the value. */
		CONTAINS;

		String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One condition on an event's property.
	 *
	 * @param property the path into the stored event JSON
	 * @param op the comparison
	 * @param value what it compares with, as validated for the operator
	 */
	record Condition(List<String> property, Operator op, @Nullable JsonNode value) {

		Condition {
			property = List.copyOf(property);
		}

	}

}
