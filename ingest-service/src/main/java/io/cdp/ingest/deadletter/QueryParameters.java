package io.cdp.ingest.deadletter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.cdp.ingest.collect.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a listing, decoded here from the raw query string rather than
 * by the servlet container, which fails the whole request on a parameter that is not
 * valid UTF-8 without saying which: here such a parameter is a 400 naming it. The first
 * value of a repeated parameter counts.
 */
final class QueryParameters {

	private static final int MAX_QUERY_LENGTH = 8192;

	private final Map<String, String> values;

	private QueryParameters(Map<String, String> values) {
		this.values = values;
	}

	static QueryParameters parse(@Nullable String query) {
		Map<String, String> values = new HashMap<>();
		if (query == null || query.isEmpty()) {
			return new QueryParameters(values);
		}
		if (query.length() > MAX_QUERY_LENGTH) {
			throw new InvalidRequestException(null,
					"The query string must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String rawName = (equals < 0) ? pair : pair.substring(0, equals);
			String name = decode(rawName, "query parameter name");
			String value = decode((equals < 0) ? "" : pair.substring(equals + 1), name);
			values.putIfAbsent(name, value);
		}
		return new QueryParameters(values);
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	/** Percent-decodes as UTF-8, strictly; {@code +} is a space. */
	private static String decode(String text, String name) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%') {
				int high = (i + 2 < text.length()) ? Character.digit(text.charAt(i + 1), 16) : -1;
				int low = (high >= 0) ? Character.digit(text.charAt(i + 2), 16) : -1;
				if (low < 0) {
					throw invalid(name);
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c < 0x80) {
				bytes.write(c);
			}
			else {
				// Not legal in a URL; the container passed it on as a character.
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw invalid(name);
		}
	}

	private static InvalidRequestException invalid(String name) {
		return new InvalidRequestException(name, name + " is not valid percent-encoded UTF-8");
	}

}
