package io.cdp.ingest.intake;

/**
 * Strict UTF-8 validation (RFC 3629) of a body before it is parsed. The JSON parser
 * decodes some invalid sequences leniently (an overlong {@code C0 AF} becomes {@code /}),
 * so text could pass the door in a form that differs from its bytes; refusing them keeps
 * what is stored equal to what was sent. One pass without allocation; ASCII, the bulk of
 * every body, costs one comparison per byte.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Returns the offset of the first byte that is not part of a well-formed UTF-8
	 * sequence: an invalid lead byte, a missing or wrong continuation byte, an overlong
	 * form, an encoded surrogate (U+D800 to U+DFFF) or a code point above U+10FFFF.
	 * @param bytes the bytes
	 * @return the offset, or -1 if all bytes are well-formed UTF-8
	 */
	static int firstInvalid(byte[] bytes) {
		int index = 0;
		while (index < bytes.length) {
			int lead = bytes[index] & 0xFF;
			if (lead < 0x80) {
				index++;
				continue;
			}
			int length;
			int min;
			int max;
			if (lead >= 0xC2 && lead <= 0xDF) {
				length = 2;
				min = 0x80;
				max = 0xBF;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				length = 3;
				// E0 needs A0..BF (no overlong), ED needs 80..9F (no surrogate).
				min = (lead == 0xE0) ? 0xA0 : 0x80;
				max = (lead == 0xED) ? 0x9F : 0xBF;
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				length = 4;
				// F0 needs 90..BF (no overlong), F4 needs 80..8F (not above U+10FFFF).
				min = (lead == 0xF0) ? 0x90 : 0x80;
				max = (lead == 0xF4) ? 0x8F : 0xBF;
			}
			else {
				return index;
			}
			if (index + length > bytes.length) {
				return index;
			}
			int second = bytes[index + 1] & 0xFF;
			if (second < min || second > max) {
				return index;
			}
			for (int next = 2; next < length; next++) {
				int continuation = bytes[index + next] & 0xFF;
				if (continuation < 0x80 || continuation > 0xBF) {
					return index;
				}
			}
			index += length;
		}
		return -1;
	}

}
