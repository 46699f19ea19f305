package io.cdp.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One interaction of a person with the business, from any channel, in the canonical shape
 * that goes onto {@code cdp.events.v1}.
 *
 * <p>
 * A single record for all {@link EventType types} rather than one record per type: every
 * channel maps into the same components, the serving store keeps one events table, and a
 * new webhook or mapped source needs no new Java type. The invariants that matter
 * downstream are checked here: a track has a name, an alias a previous id, a group a
 * group id.
 *
 * <p>
 * Collections are copied on construction. The three free-form maps are deep, unmodifiable
 * copies that keep JSON nulls and nested objects and arrays. Missing collections become
 * empty. In JSON, absent optional components are omitted and a top-level
 * {@code schemaVersion} is written.
 *
 * @param messageId the dedupe key, unique per event; a random UUID is generated when null
 * or blank; at most {@value #MAX_MESSAGE_ID_LENGTH} characters
 * @param type the kind of call
 * @param name the event name of a track, or the page or screen name; null otherwise
 * @param channel the touchpoint
 * @param sourceId the configured source that sent the event
 * @param identifiers the names the sender knows the person by, not yet normalised; all of
 * them belong to the same person
 * @param previousId for an alias, the identity being linked to the current one
 * @param groupId for a group call, the account the person belongs to
 * @param traits who the person (identify) or account (group) is
 * @param properties facts about this event, such as a product or a revenue
 * @param context facts about the circumstances: page, device, campaign, locale, ip
 * @param occurredAt when it happened, already corrected for client clock skew (see
 * {@link ClockSkew})
 * @param receivedAt when the platform received it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "schemaVersion" })
public record CustomerEvent(String messageId, EventType type, @Nullable String name, Channel channel, String sourceId,
		List<Identifier> identifiers, @Nullable String previousId, @Nullable String groupId,
		Map<String, @Nullable Object> traits, Map<String, @Nullable Object> properties,
		Map<String, @Nullable Object> context, Instant occurredAt, Instant receivedAt) {

	/** The version of the JSON shape written by this class; readers reject any other. */
	public static final int SCHEMA_VERSION = 1;

	/** The longest accepted message id, matching the serving store's column. */
	public static final int MAX_MESSAGE_ID_LENGTH = 100;

	/**
	 * Validates the components and copies the collections.
	 * @throws NullPointerException if a required component is null; the message names it
	 * @throws IllegalArgumentException if the message id is too long or a type-specific
	 * component is missing
	 */
	public CustomerEvent {
		if (messageId == null || messageId.isBlank()) {
			messageId = UUID.randomUUID().toString();
		}
		if (messageId.length() > MAX_MESSAGE_ID_LENGTH) {
			throw new IllegalArgumentException(
					"messageId must be at most " + MAX_MESSAGE_ID_LENGTH + " characters but has " + messageId.length());
		}
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(channel, "channel must not be null");
		Objects.requireNonNull(sourceId, "sourceId must not be null");
		Objects.requireNonNull(occurredAt, "occurredAt must not be null");
		Objects.requireNonNull(receivedAt, "receivedAt must not be null");
		requirePresent(type != EventType.TRACK || isPresent(name), "a track event needs a name");
		requirePresent(type != EventType.ALIAS || isPresent(previousId), "an alias event needs a previousId");
		requirePresent(type != EventType.GROUP || isPresent(groupId), "a group event needs a groupId");
		identifiers = (identifiers != null) ? List.copyOf(identifiers) : List.of();
		traits = FreeFormJson.copyOf(traits, "traits");
		properties = FreeFormJson.copyOf(properties, "properties");
		context = FreeFormJson.copyOf(context, "context");
	}

	/**
	 * Starts a builder, for callers that set only some components.
	 * @return a new builder
	 */
	public static CustomerEventBuilder builder() {
		return new CustomerEventBuilder();
	}

	/**
	 * Returns the version of the JSON shape, so that it is written into every serialised
	 * event. It is ignored when reading; the serde checks it before.
	 * @return {@value #SCHEMA_VERSION}
	 */
	@JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
	public int schemaVersion() {
		return SCHEMA_VERSION;
	}

	/**
	 * Returns the first identifier of the given type.
	 * @param identifierType the type to look for
	 * @return the identifier, or empty if the event carries none of that type
	 */
	public Optional<Identifier> identifier(IdentifierType identifierType) {
		return this.identifiers.stream().filter(identifier -> identifier.type().equals(identifierType)).findFirst();
	}

	/**
	 * Returns a copy with other identifiers, typically the normalised ones.
	 * @param replacement the identifiers of the copy
	 * @return a copy with the same message id
	 */
	public CustomerEvent withIdentifiers(List<Identifier> replacement) {
		return new CustomerEvent(this.messageId, this.type, this.name, this.channel, this.sourceId, replacement,
				this.previousId, this.groupId, this.traits, this.properties, this.context, this.occurredAt,
				this.receivedAt);
	}

	private static boolean isPresent(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static void requirePresent(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
