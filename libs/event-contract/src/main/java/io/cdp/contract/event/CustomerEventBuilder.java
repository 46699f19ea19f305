package io.cdp.contract.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Collects the components of a {@link CustomerEvent} for mappers that fill them one at a
 * time, such as the Segment API and webhook adapters. {@link #build()} applies the
 * record's checks; a builder is not thread-safe and may be reused after building.
 */
public final class CustomerEventBuilder {

	private @Nullable String messageId;

	private @Nullable EventType type;

	private @Nullable String name;

	private @Nullable Channel channel;

	private @Nullable String sourceId;

	private final List<Identifier> identifiers = new ArrayList<>();

	private @Nullable String previousId;

	private @Nullable String groupId;

	private final Map<String, @Nullable Object> traits = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> properties = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> context = new LinkedHashMap<>();

	private @Nullable Instant occurredAt;

	private @Nullable Instant receivedAt;

	CustomerEventBuilder() {
	}

	/**
	 * Sets the dedupe key; left unset, a random one is generated.
	 * @param messageId the message id
	 * @return this builder
	 */
	public CustomerEventBuilder messageId(@Nullable String messageId) {
		this.messageId = messageId;
		return this;
	}

	/**
	 * Sets the kind of call.
	 * @param type the type
	 * @return this builder
	 */
	public CustomerEventBuilder type(EventType type) {
		this.type = type;
		return this;
	}

	/**
	 * Sets the event, page or screen name.
	 * @param name the name
	 * @return this builder
	 */
	public CustomerEventBuilder name(@Nullable String name) {
		this.name = name;
		return this;
	}

	/**
	 * Sets the touchpoint.
	 * @param channel the channel
	 * @return this builder
	 */
	public CustomerEventBuilder channel(Channel channel) {
		this.channel = channel;
		return this;
	}

	/**
	 * Sets the source that sent the event.
	 * @param sourceId the source id
	 * @return this builder
	 */
	public CustomerEventBuilder sourceId(String sourceId) {
		this.sourceId = sourceId;
		return this;
	}

	/**
	 * Adds an identifier after those already added.
	 * @param identifier the identifier
	 * @return this builder
	 */
	public CustomerEventBuilder identifier(Identifier identifier) {
		this.identifiers.add(identifier);
		return this;
	}

	/**
	 * Sets the identity an alias links from.
	 * @param previousId the previous id
	 * @return this builder
	 */
	public CustomerEventBuilder previousId(@Nullable String previousId) {
		this.previousId = previousId;
		return this;
	}

	/**
	 * Sets the account of a group call.
	 * @param groupId the group id
	 * @return this builder
	 */
	public CustomerEventBuilder groupId(@Nullable String groupId) {
		this.groupId = groupId;
		return this;
	}

	/**
	 * Adds traits, replacing those with the same keys.
	 * @param traits the traits
	 * @return this builder
	 */
	public CustomerEventBuilder traits(Map<String, ? extends @Nullable Object> traits) {
		this.traits.putAll(traits);
		return this;
	}

	/**
	 * Adds properties, replacing those with the same keys.
	 * @param properties the properties
	 * @return this builder
	 */
	public CustomerEventBuilder properties(Map<String, ? extends @Nullable Object> properties) {
		this.properties.putAll(properties);
		return this;
	}

	/**
	 * Adds context entries, replacing those with the same keys.
	 * @param context the context entries
	 * @return this builder
	 */
	public CustomerEventBuilder context(Map<String, ? extends @Nullable Object> context) {
		this.context.putAll(context);
		return this;
	}

	/**
	 * Sets when the event happened, already corrected for clock skew.
	 * @param occurredAt the time
	 * @return this builder
	 */
	public CustomerEventBuilder occurredAt(Instant occurredAt) {
		this.occurredAt = occurredAt;
		return this;
	}

	/**
	 * Sets when the platform received the event.
	 * @param receivedAt the time
	 * @return this builder
	 */
	public CustomerEventBuilder receivedAt(Instant receivedAt) {
		this.receivedAt = receivedAt;
		return this;
	}

	/**
	 * Builds the event.
	 * @return the event
	 * @throws NullPointerException if a required component was not set; the message names
	 * it
	 * @throws IllegalArgumentException if the record's rules are broken
	 */
	public CustomerEvent build() {
		return new CustomerEvent(this.messageId, this.type, this.name, this.channel, this.sourceId, this.identifiers,
				this.previousId, this.groupId, this.traits, this.properties, this.context, this.occurredAt,
				this.receivedAt);
	}

}
