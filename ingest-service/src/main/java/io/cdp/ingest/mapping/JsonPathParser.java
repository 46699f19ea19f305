package io.cdp.ingest.mapping;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses the JSONPath subset that a mapping may use: RFC 9535 singular queries, that is
 * the root {@code $} followed by member names ({@code .customer}, {@code ['first name']},
 * {@code ["first name"]}) and array indexes ({@code [0]}, or {@code [-1]} for the last
 * element). Wildcards, slices, filters, unions and descendant segments select several
 * values while a mapped field holds one, so they are refused with a message that says so.
 * A dozen lines of grammar do not justify a library that would accept what a mapping
 * cannot use.
 */
final class JsonPathParser {

	/** Enough for any real array, small enough that parsing cannot overflow. */
	private static final int MAX_INDEX_DIGITS = 9;

	private final String path;

	private int position;

	private JsonPathParser(String path) {
		this.path = path;
	}

	/**
	 * Parses a path.
	 * @param path the path, starting with {@code $}
	 * @return its steps, none for {@code $} itself
	 * @throws IllegalArgumentException if the path is not in the subset; the message says
	 * what is wrong and where, counting characters from 1
	 */
	static List<PathStep> parse(String path) {
		return new JsonPathParser(path).steps();
	}

	private List<PathStep> steps() {
		if (!this.path.startsWith("$")) {
			throw new IllegalArgumentException("a JSONPath starts with $");
		}
		this.position = 1;
		List<PathStep> steps = new ArrayList<>();
		while (!atEnd()) {
			char next = this.path.charAt(this.position);
			if (next == '.') {
				this.position++;
				steps.add(new PathStep.Name(memberName()));
			}
			else if (next == '[') {
				this.position++;
				steps.add(bracketed());
			}
			else {
				throw error("expected '.' or '['");
			}
		}
		return List.copyOf(steps);
	}

	private String memberName() {
		if (!atEnd() && this.path.charAt(this.position) == '.') {
			throw unsupported("descendant segments (..)");
		}
		if (!atEnd() && this.path.charAt(this.position) == '*') {
			throw unsupported("wildcards (*)");
		}
		int start = this.position;
		while (!atEnd() && isNameCharacter(this.path.charAt(this.position), this.position == start)) {
			this.position++;
		}
		if (this.position == start) {
			throw error("expected a member name (letters, digits and '_'; quote others as ['name'])");
		}
		return this.path.substring(start, this.position);
	}

	private PathStep bracketed() {
		skipBlanks();
		char next = atEnd() ? ']' : this.path.charAt(this.position);
		PathStep step;
		if (next == '\'' || next == '"') {
			step = new PathStep.Name(quoted(next));
		}
		else if (next == '-' || isDigit(next)) {
			step = new PathStep.Index(index());
		}
		else if (next == '*') {
			throw unsupported("wildcards (*)");
		}
		else if (next == '?') {
			throw unsupported("filters ([?...])");
		}
		else if (next == ':') {
			throw unsupported("slices ([start:end])");
		}
		else {
			throw error("expected a quoted name or an index");
		}
		skipBlanks();
		if (!atEnd() && this.path.charAt(this.position) == ',') {
			throw unsupported("unions ([a,b])");
		}
		if (!atEnd() && this.path.charAt(this.position) == ':') {
			throw unsupported("slices ([start:end])");
		}
		if (atEnd() || this.path.charAt(this.position) != ']') {
			throw error("expected ']'");
		}
		this.position++;
		return step;
	}

	private int index() {
		int start = this.position;
		if (this.path.charAt(this.position) == '-') {
			this.position++;
		}
		int digitsStart = this.position;
		while (!atEnd() && isDigit(this.path.charAt(this.position))) {
			this.position++;
		}
		String digits = this.path.substring(digitsStart, this.position);
		if (digits.isEmpty()) {
			throw error("expected digits");
		}
		if ((digits.length() > 1 && digits.charAt(0) == '0') || (digits.equals("0") && digitsStart > start)) {
			throw errorAt(start, "an index is written without leading zeros or a minus zero");
		}
		if (digits.length() > MAX_INDEX_DIGITS) {
			throw errorAt(start, "an index has at most " + MAX_INDEX_DIGITS + " digits");
		}
		return Integer.parseInt(this.path.substring(start, this.position));
	}

	private String quoted(char quote) {
		int start = this.position;
		this.position++;
		StringBuilder name = new StringBuilder();
		while (!atEnd()) {
			char next = this.path.charAt(this.position++);
			if (next == quote) {
				return name.toString();
			}
			if (next != '\\') {
				name.append(next);
				continue;
			}
			if (atEnd()) {
				break;
			}
			char escaped = this.path.charAt(this.position++);
			switch (escaped) {
				case '\\', '\'', '"', '/' -> name.append(escaped);
				case 'b' -> name.append('\b');
				case 'f' -> name.append('\f');
				case 'n' -> name.append('\n');
				case 'r' -> name.append('\r');
				case 't' -> name.append('\t');
				case 'u' -> name.append(unicodeEscape());
				default -> throw errorAt(this.position - 2, "unknown escape \\" + escaped);
			}
		}
		throw errorAt(start, "the quoted name is not closed");
	}

	private char unicodeEscape() {
		int start = this.position - 2;
		if (this.position + 4 > this.path.length()) {
			throw errorAt(start, "\\u needs four hex digits");
		}
		String hex = this.path.substring(this.position, this.position + 4);
		if (!hex.chars().allMatch((digit) -> Character.digit(digit, 16) >= 0)) {
			throw errorAt(start, "\\u needs four hex digits");
		}
		this.position += 4;
		return (char) HexFormat.fromHexDigits(hex);
	}

	private void skipBlanks() {
		while (!atEnd() && " \t\n\r".indexOf(this.path.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private boolean atEnd() {
		return this.position >= this.path.length();
	}

	/** RFC 9535 shorthand names: a letter, '_' or non-ASCII, then digits too. */
	private static boolean isNameCharacter(char character, boolean first) {
		return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_'
				|| character >= 0x80 || (!first && isDigit(character));
	}

	private static boolean isDigit(char character) {
		return character >= '0' && character <= '9';
	}

	private IllegalArgumentException unsupported(String what) {
		return errorAt(this.position,
				what + " are not supported: a mapped field reads one value, with names and indexes only");
	}

	private IllegalArgumentException error(String what) {
		return errorAt(this.position, what);
	}

	private IllegalArgumentException errorAt(int at, String what) {
		return new IllegalArgumentException(what + " at character " + (at + 1));
	}

}
