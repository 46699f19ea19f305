package io.cdp.bench.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code --name value} pairs (and bare {@code --flag}s) of a bench command line, read
 * option by option with a default each, so that whatever was given and never read can be
 * refused as unknown at the end.
 */
public final class OptionReader {

	private final Map<String, String> values;

	private final Set<String> flagsGiven;

	private final Set<String> read = new HashSet<>();

	private OptionReader(Map<String, String> values, Set<String> flagsGiven) {
		this.values = values;
		this.flagsGiven = flagsGiven;
	}

	/**
	 * Splits a command line.
	 * @param arguments the command line
	 * @param flags the options that take no value
	 * @return the reader
	 * @throws IllegalArgumentException when an option lacks its value
	 */
	public static OptionReader of(String[] arguments, String... flags) {
		Set<String> flagNames = Set.of(flags);
		Map<String, String> values = new HashMap<>();
		Set<String> flagsGiven = new HashSet<>();
		for (int index = 0; index < arguments.length; index++) {
			String argument = arguments[index];
			if (argument.startsWith("--") && flagNames.contains(argument.substring(2))) {
				flagsGiven.add(argument.substring(2));
			}
			else if (argument.startsWith("--") && index + 1 < arguments.length) {
				values.put(argument.substring(2), arguments[++index]);
			}
			else {
				String expected = Arrays.stream(flags)
					.map((flag) -> "--" + flag + " or ")
					.collect(Collectors.joining());
				throw new IllegalArgumentException("Expected " + expected + "--option value, but got " + argument);
			}
		}
		return new OptionReader(values, flagsGiven);
	}

	/**
	 * Whether a flag was given.
	 * @param flag its name, without the dashes
	 * @return true if it was
	 */
	public boolean flag(String flag) {
		return this.flagsGiven.contains(flag);
	}

	/**
	 * Whether an option was given.
	 * @param option its name
	 * @return true if it was
	 */
	public boolean has(String option) {
		return this.values.containsKey(option);
	}

	/**
	 * An option's text.
	 * @param option its name
	 * @param fallback its value when not given
	 * @return the value
	 */
	public String text(String option, String fallback) {
		this.read.add(option);
		return this.values.getOrDefault(option, fallback);
	}

	/**
	 * An option's whole number, 0 or more.
	 * @param option its name
	 * @param fallback its value when not given
	 * @return the number
	 * @throws IllegalArgumentException when the value is not a whole number
	 */
	public int number(String option, int fallback) {
		this.read.add(option);
		String value = this.values.get(option);
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + option + " takes a whole number, not " + value);
		}
	}

	/**
	 * An option's whole number, above 0.
	 * @param option its name
	 * @param fallback its value when not given
	 * @return the number
	 * @throws IllegalArgumentException when the value is not a whole number above 0
	 */
	public int positive(String option, int fallback) {
		int number = number(option, fallback);
		if (number == 0) {
			throw new IllegalArgumentException("--" + option + " takes a number above 0");
		}
		return number;
	}

	/**
	 * An option's share, a number from 0 to 1.
	 * @param option its name
	 * @param fallback its value when not given
	 * @return the share
	 * @throws IllegalArgumentException when the value is not a number from 0 to 1
	 */
	public double share(String option, double fallback) {
		this.read.add(option);
		String value = this.values.get(option);
		if (value == null) {
			return fallback;
		}
		String problem = "--" + option + " takes a share from 0 to 1, like 0.1, not " + value;
		double share;
		try {
			share = Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(problem, ex);
		}
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException(problem);
		}
		return share;
	}

	/**
	 * An option's whole number of seconds.
	 * @param option its name
	 * @param fallback its value when not given, in seconds
	 * @return the duration
	 */
	public Duration seconds(String option, int fallback) {
		return Duration.ofSeconds(number(option, fallback));
	}

	/**
	 * An option's comma-separated items, each stripped.
	 * @param option its name
	 * @param fallback its value when not given
	 * @return the items, in order
	 */
	public List<String> items(String option, String fallback) {
		return Arrays.stream(text(option, fallback).split(",")).map(String::strip).toList();
	}

	/**
	 * Refuses the options that were given and never read.
	 * @throws IllegalArgumentException naming the first unknown option
	 */
	public void requireAllRead() {
		for (String option : this.values.keySet()) {
			if (!this.read.contains(option)) {
				throw new IllegalArgumentException("Unknown option --" + option);
			}
		}
	}

}
