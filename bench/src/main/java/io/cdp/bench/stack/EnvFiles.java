package io.cdp.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code NAME='value'} files the local run script writes into its run folder
 * ({@code secrets.env}, {@code demo-keys.env}, {@code postgres.env},
 * {@code demo-population.env}).
 */
public final class EnvFiles {

	private EnvFiles() {
	}

	/**
	 * The values of a file, empty when it does not exist.
	 * @param file the file
	 * @return its values by name
	 */
	public static Map<String, String> read(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return values;
		}
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				parse(line, values);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return values;
	}

	static void parse(String line, Map<String, String> into) {
		String trimmed = line.strip();
		int equals = trimmed.indexOf('=');
		if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
			return;
		}
		String value = trimmed.substring(equals + 1);
		if (value.length() >= 2
				&& (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
			value = value.substring(1, value.length() - 1);
		}
		into.put(trimmed.substring(0, equals), value);
	}

}
