package io.cdp.population;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How people and systems write the same identifier differently: a capitalised or
 * upper-case email, a space copied along with it, a phone number with or without its
 * country code, in brackets, dots or dashes. Identity resolution must see through all of
 * it.
 */
final class Noise {

	/** The share of places that write an email otherwise than in lower case. */
	static final double EMAIL_VARIANT_RATE = 0.4;

	private Noise() {
	}

	/**
	 * The email as someone typed or a system stored it this time.
	 */
	static String emailAsWritten(SplittableRandom random, String email) {
		if (random.nextDouble() >= EMAIL_VARIANT_RATE) {
			return email;
		}
		return switch (random.nextInt(5)) {
			case 0 -> capitalised(email);
			case 1 -> email.toUpperCase(Locale.ROOT);
			case 2 -> " " + email;
			case 3 -> email + " ";
			default -> capitalised(email) + "  ";
		};
	}

	/**
	 * A US number in one of the ways people write it; all are the same E.164 number.
	 */
	static String phoneAsWritten(SplittableRandom random, String areaCode, String exchange, String line) {
		return switch (random.nextInt(7)) {
			case 0 -> "+1" + areaCode + exchange + line;
			case 1 -> "+1 " + areaCode + "-" + exchange + "-" + line;
			case 2 -> "(" + areaCode + ") " + exchange + "-" + line;
			case 3 -> areaCode + "." + exchange + "." + line;
			case 4 -> "1-" + areaCode + "-" + exchange + "-" + line;
			case 5 -> "+1 (" + areaCode + ") " + exchange + " " + line;
			default -> areaCode + " " + exchange + " " + line;
		};
	}

	/** {@code ada.lovelace@example.com} as {@code Ada.Lovelace@Example.com}. */
	private static String capitalised(String email) {
		StringBuilder written = new StringBuilder(email.length());
		boolean wordStart = true;
		for (char character : email.toCharArray()) {
			written.append(wordStart ? Character.toUpperCase(character) : character);
			wordStart = !Character.isLetterOrDigit(character);
		}
		return written.toString();
	}

}
