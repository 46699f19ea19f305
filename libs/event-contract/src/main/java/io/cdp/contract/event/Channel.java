package io.cdp.contract.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The touchpoint through which the business and the person interacted. Written in JSON in
 * lower case ({@code "web"}); a value unknown to this version fails to read, so consumers
 * must be upgraded before producers start sending a new channel.
 */
public enum Channel {

	/** The web site, through the browser SDK. */
	WEB,

	/** A mobile app, through the mobile SDKs. */
	MOBILE,

	/** Email delivery and engagement webhooks (SendGrid, Mailgun). */
	EMAIL,

	/** The support desk (Zendesk, Intercom). */
	SUPPORT,

	/** A back-end system calling the API directly. */
	SERVER;

	/** The name in JSON, computed once: the publisher asks for it for every event. */
	private final String wireName = name().toLowerCase(Locale.ROOT);

	/**
	 * Returns the JSON form of this channel.
	 * @return the lower-case name, for example {@code "web"}
	 */
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Reads a channel from its JSON form, ignoring case.
	 * @param wireName the name, for example {@code "web"}
	 * @return the matching channel
	 * @throws IllegalArgumentException if no channel has that name
	 */
	@JsonCreator
	public static Channel fromWireName(String wireName) {
		return WireNames.lookup(Channel.class, wireName);
	}

}
