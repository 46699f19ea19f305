package io.cdp.profile.audience;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

/**
 * What reading an audience condition came to: the condition, or every problem found, each
 * under the path of its field ({@code condition.all[2].performed.withinDays}).
 */
public sealed interface ParsedCondition {

	/**
	 * The condition, or the problems as a 400 {@code invalid-request} naming each field.
	 * @return the condition
	 * @throws ProblemException when it is invalid
	 */
	AudienceCondition orThrow();

	/**
	 * A valid condition.
	 *
	 * @param condition the condition
	 */
	record Valid(AudienceCondition condition) implements ParsedCondition {

		@Override
		public AudienceCondition orThrow() {
			return this.condition;
		}

	}

	/**
	 * An invalid condition.
	 *
	 * @param errors a message per field path, in the order found; at least one
	 */
	record Invalid(Map<String, String> errors) implements ParsedCondition {

		/** Copies the map, keeping its order; it is immutable from then on. */
		public Invalid {
			errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
		}

		@Override
		public AudienceCondition orThrow() {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The audience condition is invalid")
				.withErrors(this.errors);
		}

	}

}
