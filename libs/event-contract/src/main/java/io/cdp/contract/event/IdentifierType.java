package io.cdp.contract.event;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The kind of an {@link Identifier}, such as {@code email} or {@code device_id}.
 *
 * <p>
 * Not an enum because data engineers configure custom types (a loyalty card number, a CRM
 * id) for new sources without a release of this contract. A name is lower-case snake case
 * matching {@code [a-z][a-z0-9_]{0,63}}, so it is safe in topic keys, SQL values and the
 * {@code type:value} lookup syntax. In JSON a type is its plain name.
 */
public final class IdentifierType {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	/** The id the business gave a known (logged-in) person. */
	public static final IdentifierType USER_ID = new IdentifierType("user_id");

	/**
	 * The id an SDK gives a visitor before they are known, usually a cookie or install
	 * id.
	 */
	public static final IdentifierType ANONYMOUS_ID = new IdentifierType("anonymous_id");

	/** An email address; normalised to lower case. */
	public static final IdentifierType EMAIL = new IdentifierType("email");

	/** A phone number; normalised to E.164. */
	public static final IdentifierType PHONE = new IdentifierType("phone");

	/** A hardware or advertising id of a mobile device. */
	public static final IdentifierType DEVICE_ID = new IdentifierType("device_id");

	private final String name;

	private IdentifierType(String name) {
		this.name = name;
	}

	/**
	 * Returns the type with the given name, built in or custom.
	 * @param name the type name, for example {@code email} or {@code loyalty_card}
	 * @return the type
	 * @throws IllegalArgumentException if the name does not match
	 * {@code [a-z][a-z0-9_]{0,63}}
	 */
	@JsonCreator
	public static IdentifierType of(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("identifier type '" + name
					+ "' is not valid: use lower-case letters, digits and '_', starting with a letter, at most 64");
		}
		return new IdentifierType(name);
	}

	/**
	 * Returns the name that identifies this type in JSON, keys and configuration.
	 * @return the name, for example {@code user_id}
	 */
	@JsonValue
	public String name() {
		return this.name;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof IdentifierType type && this.name.equals(type.name);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
