package io.cdp.population.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * {@code --name value} options, each with an environment variable to fall back on, so
 * that secrets can be passed without showing on the process list.
 */
final class Options {

	private final Map<String, String> values = new HashMap<>();

	private final Function<String, @Nullable String> environment;

	Options(String[] arguments, int from, Function<String, @Nullable String> environment) {
		this.environment = environment;
		for (int index = from; index < arguments.length; index++) {
			String argument = arguments[index];
			if (!argument.startsWith("--") || index + 1 >= arguments.length) {
				throw new UsageException("Expected --option value, but got " + argument);
			}
			this.values.put(argument.substring(2), arguments[++index]);
		}
	}

	@Nullable String optional(String option, String variable) {
		String value = this.values.get(option);
		if (value == null) {
			value = this.environment.apply(variable);
		}
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	String required(String option, String variable) {
		String value = optional(option, variable);
		if (value == null) {
			throw new UsageException("--" + option + " (or " + variable + ") is required");
		}
		return value;
	}

	String withDefault(String option, String variable, String fallback) {
		String value = optional(option, variable);
		return (value != null) ? value : fallback;
	}

	int number(String option, String variable, int fallback) {
		String value = withDefault(option, variable, String.valueOf(fallback));
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + option + " must be a whole number, but is " + value);
		}
	}

	double share(String option, String variable, double fallback) {
		String value = optional(option, variable);
		if (value == null) {
			return fallback;
		}
		String problem = "--" + option + " must be a share between 0 and 1, such as 0.1, but is " + value;
		double share;
		try {
			share = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException(problem);
		}
		if (!(share >= 0 && share <= 1)) {
			throw new UsageException(problem);
		}
		return share;
	}

	/** A mistake on the command line, reported with the usage. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
