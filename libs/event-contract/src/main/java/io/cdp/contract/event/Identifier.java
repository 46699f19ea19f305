package io.cdp.contract.event;

import java.util.Objects;

/**
 * One name by which a channel knows a person, such as {@code email:ada@example.com}.
 *
 * <p>
 * The value is kept exactly as the source sent it; identity resolution normalises it
 * first (see {@code io.cdp.contract.normalization}). In JSON:
 * {@code {"type":"email","value":"…"}}.
 *
 * @param type the kind of identifier
 * @param value the identifier as sent; may be empty or junk until normalised
 */
public record Identifier(IdentifierType type, String value) {

	/**
	 * Checks that both components are present.
	 * @param type the kind of identifier
	 * @param value the identifier as sent
	 */
	public Identifier {
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Builds an identifier from a type name, for callers that read the type from
	 * configuration.
	 * @param type the type name, see {@link IdentifierType#of(String)}
	 * @param value the identifier as sent
	 * @return the identifier
	 */
	public static Identifier of(String type, String value) {
		return new Identifier(IdentifierType.of(type), value);
	}

	/**
	 * Parses the {@code type:value} form used by the profile lookup API. The first colon
	 * separates the two, because a type name cannot contain one but a value can.
	 * @param key the key, for example {@code email:ada@example.com}
	 * @return the identifier
	 * @throws IllegalArgumentException if there is no colon or the type name is invalid
	 */
	public static Identifier parse(String key) {
		int colon = key.indexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException("identifier must have the form type:value");
		}
		return of(key.substring(0, colon), key.substring(colon + 1));
	}

	/**
	 * Returns the {@code type:value} form, which {@link #parse(String)} reads back.
	 * @return the key, for example {@code email:ada@example.com}
	 */
	public String key() {
		return this.type.name() + ":" + this.value;
	}

}
