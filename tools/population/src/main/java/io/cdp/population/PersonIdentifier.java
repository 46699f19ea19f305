package io.cdp.population;

import java.util.Objects;

/**
 * An identifier that names a person, in the normalised form identity resolution gives it
 * (a lower-case email, an E.164 phone), whatever form the events wrote it in.
 *
 * @param type the platform's identifier type: {@code user_id}, {@code anonymous_id},
 * {@code device_id}, {@code email} or {@code phone}
 * @param value the normalised value
 */
public record PersonIdentifier(String type, String value) implements Comparable<PersonIdentifier> {

	/** Identifier type of a login id. */
	public static final String USER_ID = "user_id";

	/** Identifier type of a browser cookie, an app install or a help-desk requester. */
	public static final String ANONYMOUS_ID = "anonymous_id";

	/** Identifier type of a mobile device id. */
	public static final String DEVICE_ID = "device_id";

	/** Identifier type of an email address. */
	public static final String EMAIL = "email";

	/** Identifier type of a phone number. */
	public static final String PHONE = "phone";

	public PersonIdentifier {
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * The identifier as the profile API's lookup takes it.
	 * @return {@code type:value}
	 */
	public String key() {
		return this.type + ":" + this.value;
	}

	@Override
	public int compareTo(PersonIdentifier other) {
		return key().compareTo(other.key());
	}

}
