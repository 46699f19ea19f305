package io.cdp.profile.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a text parameter may hold before it is compared with stored text. PostgreSQL
 * cannot hold the NUL character in text, so a statement with one fails; an unpaired
 * UTF-16 surrogate has no UTF-8 form at all. Neither can match a stored value, and both
 * are refused as invalid parameters rather than left to fail the query.
 */
public final class ParameterText {

	private ParameterText() {
	}

	/**
	 * What is wrong with the value, if anything.
	 * @param parameter the parameter's name, for the message
	 * @param value the decoded value
	 * @return the message naming the parameter, or null when the value is usable
	 */
	public static @Nullable String problem(String parameter, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\0') {
				return parameter + " must not contain the NUL character";
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return parameter + " must be valid Unicode text, without an unpaired surrogate";
			}
		}
		return null;
	}

	/**
	 * Checks the value and throws when it is unusable.
	 * @throws InvalidParameterException naming the parameter
	 */
	public static String require(String parameter, String value) {
		String problem = problem(parameter, value);
		if (problem != null) {
			throw new InvalidParameterException(parameter, problem);
		}
		return value;
	}

	/**
	 * Decodes UTF-8 strictly: an invalid byte, an overlong form or an encoded surrogate
	 * is an error, never a replacement character.
	 * @return the text, or empty if the bytes are not UTF-8
	 */
	static Optional<String> utf8(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer text = decoder.decode(ByteBuffer.wrap(bytes));
			return Optional.of(text.toString());
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

}
