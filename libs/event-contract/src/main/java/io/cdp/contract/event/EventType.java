package io.cdp.contract.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of call that produced a {@link CustomerEvent}, following the Segment spec.
 * Written in JSON in lower case ({@code "track"}); a value unknown to this version fails
 * to read, so consumers must be upgraded before producers start sending a new type.
 */
public enum EventType {

	/** Something the person did; {@link CustomerEvent#name()} names the action. */
	TRACK,

	/** Who the person is: identifiers plus traits. */
	IDENTIFY,

	/** A web page view; {@link CustomerEvent#name()} optionally names the page. */
	PAGE,

	/** A mobile screen view; {@link CustomerEvent#name()} optionally names the screen. */
	SCREEN,

	/** The person belongs to the account in {@link CustomerEvent#groupId()}. */
	GROUP,

	/** Links {@link CustomerEvent#previousId()} to the person's current identity. */
	ALIAS;

	/** The name in JSON, computed once: the publisher asks for it for every event. */
	private final String wireName = name().toLowerCase(Locale.ROOT);

	/**
	 * Returns the JSON form of this type.
	 * @return the lower-case name, for example {@code "track"}
	 */
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Reads a type from its JSON form, ignoring case.
	 * @param wireName the name, for example {@code "track"}
	 * @return the matching type
	 * @throws IllegalArgumentException if no type has that name
	 */
	@JsonCreator
	public static EventType fromWireName(String wireName) {
		return WireNames.lookup(EventType.class, wireName);
	}

}
