package io.cdp.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns a corpus cell (a target, a header or a body) into the exact bytes sent. The cells
 * are text, so what text cannot hold is written with escapes and directives:
 * <ul>
 * <li>{@code \xHH}: the raw byte HH (invalid UTF-8 such as {@code \xFF}, an overlong
 * {@code \xC0\xAF}, a NUL {@code \x00}, a tab {@code \x09}). JSON escapes such as
 * {@code \ud800} or {@code \u0000} are not touched: they reach the service as JSON
 * text.</li>
 * <li>{@code @mid}: the next message id of this request, {@code hc-<case>-<g|d><n>}; the
 * n-th {@code @mid} must belong to the n-th message of the request, so that the test
 * knows which messages the answer accepted.</li>
 * <li>{@code @uniq}: a token unique to this case and route, for bodies whose message id
 * the service derives from their content.</li>
 * <li>{@code @key(source)}, {@code @source(source)}: a source's write key and id;
 * {@code @profile}, {@code @cursor}: a stored profile's id and a real cursor of its
 * history; {@code @now}, {@code @epoch}: the time of sending.</li>
 * <li>{@code @deep(n)}: an object nested n levels deep, {@code {"a":{"a":...1...}}};
 * {@code @deeparr(n)}: arrays nested n levels deep.</li>
 * <li>{@code @repeat(n,text)}: the text n times; {@code @list(n,text)}: the text n times
 * separated by commas; in both, {@code @i} in the text is the repetition's index.</li>
 * <li>{@code @b64(text)}, {@code @b64url(text)}: the text's bytes in base64 (the second
 * URL-safe and unpadded); {@code @enc(charset,text)}: the text encoded in another
 * charset, such as UTF-16LE.</li>
 * </ul>
 * A directive's text runs to its matching parenthesis.
 */
final class RequestTemplate {

	/** What the directives resolve against: the test's sources, keys and profile. */
	interface Bindings {

		String writeKey(String source);

		String sourceId(String source);

		String profileId();

		String cursor();

	}

	private final Bindings bindings;

	private final String messageIdStem;

	private final List<String> messageIds = new ArrayList<>();

	/**
	 * @param bindings what directives resolve against
	 * @param messageIdStem the start of this request's message ids, such as
	 * {@code hc-track-nul-g}
	 */
	RequestTemplate(Bindings bindings, String messageIdStem) {
		this.bindings = bindings;
		this.messageIdStem = messageIdStem;
	}

	/** The message ids {@code @mid} produced so far, in order. */
	List<String> messageIds() {
		return List.copyOf(this.messageIds);
	}

	/** The cell's bytes. */
	byte[] expand(String cell) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(cell.length() + 16);
		expandInto(cell, out);
		return out.toByteArray();
	}

	/** The cell as text (targets and headers are ASCII once expanded). */
	String expandText(String cell) {
		return new String(expand(cell), StandardCharsets.ISO_8859_1);
	}

	private void expandInto(String cell, ByteArrayOutputStream out) {
		int i = 0;
		while (i < cell.length()) {
			char c = cell.charAt(i);
			if (c == '\\' && i + 1 < cell.length() && cell.charAt(i + 1) == 'x' && isHex(cell, i + 2)) {
				out.write(Integer.parseInt(cell.substring(i + 2, i + 4), 16));
				i += 4;
			}
			else if (c == '@') {
				i = directive(cell, i, out);
			}
			else {
				int codePoint = cell.codePointAt(i);
				out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(codePoint);
			}
		}
	}

	/** Expands the directive at {@code at}; returns the index after it. */
	private int directive(String cell, int at, ByteArrayOutputStream out) {
		String rest = cell.substring(at);
		if (rest.startsWith("@mid")) {
			String id = this.messageIdStem + this.messageIds.size();
			this.messageIds.add(id);
			write(out, id);
			return at + 4;
		}
		if (rest.startsWith("@uniq")) {
			write(out, this.messageIdStem.replaceFirst("^hc-", "u-"));
			return at + 5;
		}
		if (rest.startsWith("@profile")) {
			write(out, this.bindings.profileId());
			return at + 8;
		}
		if (rest.startsWith("@cursor")) {
			write(out, this.bindings.cursor());
			return at + 7;
		}
		if (rest.startsWith("@now")) {
			write(out, Instant.now().toString());
			return at + 4;
		}
		if (rest.startsWith("@epoch")) {
			write(out, Long.toString(Instant.now().getEpochSecond()));
			return at + 6;
		}
		int open = cell.indexOf('(', at);
		String name = (open > at) ? cell.substring(at + 1, open) : "";
		if (!name.matches("key|source|deep|deeparr|repeat|list|b64|b64url|enc")) {
			out.write('@');
			return at + 1;
		}
		int close = matchingParenthesis(cell, open);
		String argument = cell.substring(open + 1, close);
		switch (name) {
			case "key" -> write(out, this.bindings.writeKey(argument));
			case "source" -> write(out, this.bindings.sourceId(argument));
			case "deep" -> write(out, "{\"a\":".repeat(count(argument)) + "1" + "}".repeat(count(argument)));
			case "deeparr" -> write(out, "[".repeat(count(argument)) + "]".repeat(count(argument)));
			case "repeat", "list" -> repeat(argument, name.equals("list"), out);
			case "b64" -> write(out, Base64.getEncoder().encodeToString(expand(argument)));
			case "b64url" -> write(out, Base64.getUrlEncoder().withoutPadding().encodeToString(expand(argument)));
			default -> encode(argument, out);
		}
		return close + 1;
	}

	private void repeat(String argument, boolean commaSeparated, ByteArrayOutputStream out) {
		int comma = argument.indexOf(',');
		int times = count(argument.substring(0, comma));
		String text = argument.substring(comma + 1);
		for (int index = 0; index < times; index++) {
			if (commaSeparated && index > 0) {
				out.write(',');
			}
			expandInto(text.replace("@i", Integer.toString(index)), out);
		}
	}

	private void encode(String argument, ByteArrayOutputStream out) {
		int comma = argument.indexOf(',');
		Charset charset = Charset.forName(argument.substring(0, comma).strip());
		String text = new String(expand(argument.substring(comma + 1)), StandardCharsets.UTF_8);
		out.writeBytes(text.getBytes(charset));
	}

	private static int count(String text) {
		return Integer.parseInt(text.strip());
	}

	private static int matchingParenthesis(String cell, int open) {
		int depth = 0;
		for (int i = open; i < cell.length(); i++) {
			char c = cell.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("unbalanced parentheses after position " + open + " in: " + cell);
	}

	private static boolean isHex(String cell, int at) {
		return at + 1 < cell.length() && Character.digit(cell.charAt(at), 16) >= 0
				&& Character.digit(cell.charAt(at + 1), 16) >= 0;
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
