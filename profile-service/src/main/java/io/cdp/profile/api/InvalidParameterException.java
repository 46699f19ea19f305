package io.cdp.profile.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

/**
 * One or more query or path parameters are invalid; answered 400 naming every one of them
 * with what is wrong under {@code errors}.
 */
public class InvalidParameterException extends ProblemException {

	private final Map<String, String> errors;

	public InvalidParameterException(Map<String, String> errors) {
		super(ProblemType.INVALID_PARAMETER, summary(errors));
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
		withErrors(this.errors);
	}

	public InvalidParameterException(String parameter, String message) {
		this(Map.of(parameter, message));
	}

	/** Every invalid parameter with its message, in the order they were checked. */
	public Map<String, String> errors() {
		return this.errors;
	}

	private static String summary(Map<String, String> errors) {
		return (errors.size() == 1) ? errors.values().iterator().next()
				: "Invalid parameters: " + String.join(", ", errors.keySet());
	}

}
