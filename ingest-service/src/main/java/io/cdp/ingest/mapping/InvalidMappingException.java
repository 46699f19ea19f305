package io.cdp.ingest.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A mapping that cannot be used, with every problem found in it, so that one answer to
 * the admin names them all. Fields are named from the request's root
 * ({@code mapping.identifiers.email}).
 */
class InvalidMappingException extends RuntimeException {

	private final List<Problem> problems;

	/**
	 * Creates the exception.
	 * @param problems the problems, at least one, in mapping order
	 */
	InvalidMappingException(List<Problem> problems) {
		super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid mapping has at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems.
	 * @return the problems in mapping order
	 */
	List<Problem> problems() {
		return this.problems;
	}

	/**
	 * Returns the problems by field, as source checks report them; two problems of one
	 * field are joined.
	 * @return the messages by field, in mapping order
	 */
	Map<String, String> byField() {
		return this.problems.stream()
			.collect(Collectors.toMap(Problem::field, Problem::message, (first, second) -> first + "; " + second,
					LinkedHashMap::new));
	}

	/**
	 * One problem.
	 *
	 * @param field the field at fault, such as {@code mapping.identifiers.email}
	 * @param message what is wrong, naming the field, for people
	 */
	record Problem(String field, String message) {

		Problem {
			Objects.requireNonNull(field, "field must not be null");
			Objects.requireNonNull(message, "message must not be null");
		}

	}

}
