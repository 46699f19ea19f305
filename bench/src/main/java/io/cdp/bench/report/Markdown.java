package io.cdp.bench.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lines of a Markdown table, shared by both reports. */
final class Markdown {

	private Markdown() {
	}

	/**
	 * A table row: the cells as given (a cell may itself hold several, joined by " | ").
	 */
	static String row(Object... cells) {
		return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n"));
	}

	/** A count with thousands separators: 12,300. */
	static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	/** Free text as one cell: no pipe, no line break, at most 160 characters. */
	static String cell(String text) {
		String flat = text.replace("|", "\\|").replaceAll("\\s+", " ").strip();
		return (flat.length() > 160) ? flat.substring(0, 160) + "…" : flat;
	}

}
