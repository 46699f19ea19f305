package io.cdp.contract.event;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of {@link EventContentRules#check(CustomerEvent)} on one event: fit for the
 * pipeline, possibly after repairs, or refused naming the field at fault.
 */
public sealed interface EventContent {

	/**
	 * The event may go on {@code cdp.events.v1}.
	 *
	 * @param event the event to publish: the checked one, or a repaired copy of it
	 * @param repairs what was changed, one line per change for logs and metrics (for
	 * example {@code properties.title: unpaired surrogate replaced}); empty when the
	 * event is unchanged
	 */
	record Valid(CustomerEvent event, List<String> repairs) implements EventContent {

		/**
		 * Checks the components and copies the repairs.
		 */
		public Valid {
			Objects.requireNonNull(event, "event must not be null");
			repairs = List.copyOf(repairs);
		}

		/**
		 * Tells whether the event was changed.
		 * @return true if {@link #event()} is a repaired copy
		 */
		public boolean repaired() {
			return !this.repairs.isEmpty();
		}

	}

	/**
	 * The event cannot go on {@code cdp.events.v1}; the message is rejected.
	 *
	 * @param field the path of the field at fault in the canonical event, such as
	 * {@code identifiers[0].value} or {@code traits.address}; always well-formed text
	 * @param reason what is wrong, for people; always well-formed text and never the
	 * offending value itself
	 */
	record Invalid(String field, String reason) implements EventContent {

		/**
		 * Checks the components.
		 */
		public Invalid {
			Objects.requireNonNull(field, "field must not be null");
			Objects.requireNonNull(reason, "reason must not be null");
		}

	}

}
