package io.cdp.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to check a query offline: that its brackets and quotes pair up, and
 * which metrics it reads.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "sum", "min", "max", "avg", "count", "stddev",
			"stdvar", "topk", "bottomk", "quantile", "count_values", "group");

	private PromQl() {
	}

	/**
	 * The metric names a query reads.
	 * @throws IllegalArgumentException when its brackets or quotes do not pair up
	 */
	static Set<String> metrics(String query) {
		String rest = STRING.matcher(query).replaceAll("0");
		requireBalanced(query, rest);
		rest = LABEL_MATCHERS.matcher(rest).replaceAll(" ");
		rest = RANGE.matcher(rest).replaceAll(" ");
		rest = GROUPING.matcher(rest).replaceAll(" ");
		Set<String> metrics = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(rest);
		while (identifier.find()) {
			String name = identifier.group(1);
			boolean call = identifier.group(2) != null;
			if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				metrics.add(name);
			}
		}
		return metrics;
	}

	private static void requireBalanced(String query, String withoutStrings) {
		Deque<Character> open = new ArrayDeque<>();
		if (withoutStrings.indexOf('"') >= 0 || withoutStrings.indexOf('\'') >= 0) {
			throw new IllegalArgumentException("Unclosed string in " + query);
		}
		for (char c : withoutStrings.toCharArray()) {
			switch (c) {
				case '(', '[', '{' -> open.push(c);
				case ')', ']', '}' -> {
					char expected = (c == ')') ? '(' : (c == ']') ? '[' : '{';
					if (open.isEmpty() || open.pop() != expected) {
						throw new IllegalArgumentException("Unbalanced '" + c + "' in " + query);
					}
				}
				default -> {
				}
			}
		}
		if (!open.isEmpty()) {
			throw new IllegalArgumentException("Unclosed '" + open.peek() + "' in " + query);
		}
	}

}
