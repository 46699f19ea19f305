package io.cdp.profile.audience;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;

/**
 * What a membership step counts per person and per day for a condition on events: the
 * events of one name whose properties pass every {@code where} condition. The conditions
 * are kept sorted and without repeats, so two audiences asking for the same events in a
 * different order share one counter.
 *
 * @param event the event (track, page or screen) name
 * @param where the conditions on the event's properties, sorted, without repeats
 */
public record EventCounter(String event, List<PropertyCondition> where) {

	private static final Comparator<PropertyCondition> ORDER = Comparator
		.comparing((PropertyCondition condition) -> String.join("\u0000", condition.property()))
		.thenComparing((condition) -> condition.comparison().op())
		.thenComparing((condition) -> String.valueOf(condition.comparison().value()));

	/** Sorts the conditions and drops repeats; the list is immutable from then on. */
	public EventCounter {
		TreeSet<PropertyCondition> sorted = new TreeSet<>(ORDER);
		sorted.addAll(where);
		where = List.copyOf(sorted);
	}

	/**
	 * The counter as canonical JSON text ({@code {"event":"Order
	 * Completed","where":[...]}}): equal counters have equal keys, so it can name the
	 * counter in a store or on a topic.
	 * @return the key
	 */
	public String key() {
		return ConditionJson.counter(ContractJson.mapper().createObjectNode(), this).toString();
	}

	/**
	 * Whether an event counts.
	 * @param event the event
	 * @return true when it has this counter's name and passes every condition
	 */
	public boolean counts(CustomerEvent event) {
		return counts(event.name(), event.properties());
	}

	/**
	 * Whether an event of a name with these properties counts.
	 * @param name the event's name, or null for one without
	 * @param properties the event's properties
	 * @return true when it has this counter's name and passes every condition
	 */
	public boolean counts(@Nullable String name, Map<String, ?> properties) {
		if (!this.event.equals(name)) {
			return false;
		}
		for (PropertyCondition condition : this.where) {
			if (!condition.comparison().test(ValuePaths.at(properties, condition.property()))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A condition on a property of the event, such as {@code total gte 100}.
	 *
	 * @param property the dotted path into the event's {@code properties}, by segment
	 * @param comparison how the property compares
	 */
	public record PropertyCondition(List<String> property, Comparison comparison) {

		/** Copies the path, which is immutable from then on. */
		public PropertyCondition {
			property = List.copyOf(property);
		}

	}

}
