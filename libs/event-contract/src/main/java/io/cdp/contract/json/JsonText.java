package io.cdp.contract.json;

/**
 * Makes JSON text readable by a strict UTF-8 JSON reader: every unpaired UTF-16
 * surrogate, whether raw or written as a {@code \\uD800}-style escape (which Jackson
 * writes for one in a property name and then refuses to read back), becomes U+FFFD.
 * Paired surrogates and every other escape are kept as they are.
 */
final class JsonText {

	private static final String REPLACEMENT_ESCAPE = "\\uFFFD";

	private JsonText() {
	}

	/**
	 * Repairs JSON text.
	 * @param json the text
	 * @return the same instance when nothing needed repair, else the repaired text
	 */
	static String repair(String json) {
		StringBuilder out = null;
		int length = json.length();
		for (int i = 0; i < length; i++) {
			char c = json.charAt(i);
			int span;
			String replacement = null;
			if (c == '\\' && i + 1 < length) {
				int unit = (json.charAt(i + 1) == 'u') ? hex(json, i + 2) : -1;
				if (unit >= 0 && Character.isSurrogate((char) unit)) {
					boolean paired = Character.isHighSurrogate((char) unit) && i + 12 <= length
							&& json.charAt(i + 6) == '\\' && json.charAt(i + 7) == 'u'
							&& Character.isLowSurrogate((char) Math.max(0, hex(json, i + 8)));
					span = paired ? 12 : 6;
					replacement = paired ? null : REPLACEMENT_ESCAPE;
				}
				else {
					span = 2;
				}
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1))) {
				span = 2;
			}
			else {
				span = 1;
				replacement = Character.isSurrogate(c) ? "\uFFFD" : null;
			}
			if (replacement != null && out == null) {
				out = new StringBuilder(length + 8).append(json, 0, i);
			}
			if (out != null) {
				if (replacement != null) {
					out.append(replacement);
				}
				else {
					out.append(json, i, i + span);
				}
			}
			i += span - 1;
		}
		return (out != null) ? out.toString() : json;
	}

	/** The four hex digits at the index as a number, or -1 when they are not. */
	private static int hex(String text, int from) {
		if (from + 4 > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < from + 4; i++) {
			int digit = Character.digit(text.charAt(i), 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}

}
