package io.cdp.profile.audience;

import java.util.List;
import java.util.Set;

/**
 * One node of an audience condition, as read from its JSON by {@link ConditionParser}: a
 * combination of other conditions, or a test of one thing about the person. Windows are
 * whole UTC days: a window of {@code N} days is the current UTC day and the {@code N - 1}
 * days before it.
 */
public sealed interface Condition {

	/**
	 * Every condition holds.
	 *
	 * @param conditions at least one
	 */
	record All(List<Condition> conditions) implements Condition {

		/** Copies the list, which is immutable from then on. */
		public All {
			conditions = List.copyOf(conditions);
		}

	}

	/**
	 * At least one condition holds.
	 *
	 * @param conditions at least one
	 */
	record Any(List<Condition> conditions) implements Condition {

		/** Copies the list, which is immutable from then on. */
		public Any {
			conditions = List.copyOf(conditions);
		}

	}

	/**
	 * The condition does not hold.
	 *
	 * @param condition the condition negated
	 */
	record Not(Condition condition) implements Condition {

	}

	/**
	 * A trait, or a value inside one, compares: {@code {"trait": "address.city", "op":
	 * "eq", "value": "Paris"}}.
	 *
	 * @param path the trait's name, then keys or indexes inside its value
	 * @param comparison the comparison
	 */
	record Trait(List<String> path, Comparison comparison) implements Condition {

		/**
		 * Copies the path, which is immutable from then on.
		 * @throws IllegalArgumentException when the path is empty
		 */
		public Trait {
			if (path.isEmpty()) {
				throw new IllegalArgumentException("a trait condition needs the trait's name");
			}
			path = List.copyOf(path);
		}

	}

	/**
	 * A computed trait compares: {@code {"computedTrait": "orders_90d", "op": "gte",
	 * "value": 3}}.
	 *
	 * @param name the computed trait's name
	 * @param comparison the comparison
	 */
	record ComputedTrait(String name, Comparison comparison) implements Condition {

	}

	/**
	 * The person's journey is in one of the stages given and one of the statuses given:
	 * {@code {"journey": {"stage": ["purchase", "retention"], "status": ["at-risk"]}}}.
	 * An empty set does not restrict.
	 *
	 * @param stages the furthest stage reached is one of these
	 * @param statuses the status ({@code active}, {@code at-risk}, {@code churned}) is
	 * one of these
	 */
	record Journey(Set<String> stages, Set<String> statuses) implements Condition {

		/** Copies the sets, which are immutable from then on. */
		public Journey {
			stages = Set.copyOf(stages);
			statuses = Set.copyOf(statuses);
		}

	}

	/**
	 * A customer-experience value compares: {@code {"cx": "satisfaction.npsScore", "op":
	 * "lte", "value": 6}}.
	 *
	 * @param path the value
	 * @param comparison the comparison
	 */
	record Cx(CxPath path, Comparison comparison) implements Condition {

	}

	/**
	 * The person has an identifier of a type: {@code {"identifier": "email"}}.
	 *
	 * @param type the identifier type
	 */
	record Identifier(String type) implements Condition {

	}

	/**
	 * The person interacted on a channel in the last {@code days} days, or did not:
	 * {@code {"channel": "web", "notSeenForDays": 30}}. A person never seen there was not
	 * seen in any window.
	 *
	 * @param channel a channel ({@code web}, {@code email}...) or {@code any}
	 * @param seen true for {@code seenWithinDays}, false for {@code notSeenForDays}
	 * @param days the window, 1 to 3,650 days
	 */
	record Channel(String channel, boolean seen, int days) implements Condition {

		/** The channel name that stands for every channel. */
		public static final String ANY = "any";

	}

	/**
	 * The person performed counted events at least and at most so many times in the
	 * window: {@code {"performed": {"event": "Order Completed", "atLeast": 2,
	 * "withinDays": 30}}}.
	 *
	 * @param counter the events counted
	 * @param atLeast the least count, 0 to 1,000,000
	 * @param atMost the greatest count, or -1 for no limit
	 * @param withinDays the window, 1 to 3,650 days
	 */
	record Performed(EventCounter counter, long atLeast, long atMost, int withinDays) implements Condition {

		/**
		 * Whether a count passes.
		 * @param count the count in the window
		 * @return true when it is within the bounds
		 */
		public boolean passes(long count) {
			return count >= this.atLeast && (this.atMost < 0 || count <= this.atMost);
		}

	}

	/**
	 * The person performed no counted event in the window: {@code {"notPerformed":
	 * {"event": "Email Opened", "withinDays": 60}}}.
	 *
	 * @param counter the events counted
	 * @param withinDays the window, 1 to 3,650 days
	 */
	record NotPerformed(EventCounter counter, int withinDays) implements Condition {

	}

	/**
	 * The person granted consent for a purpose: {@code {"consent": "marketing"}}. A
	 * purpose the person never answered is not granted.
	 *
	 * @param purpose the purpose
	 */
	record Consent(String purpose) implements Condition {

	}

}
