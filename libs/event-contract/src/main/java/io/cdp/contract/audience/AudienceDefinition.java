package io.cdp.contract.audience;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * An audience's definition as the admin API publishes it on the compacted topic
 * {@code cdp.audiences.v1}, keyed by {@link #audienceId()}; a tombstone (null value)
 * deletes the audience. The membership step reads the topic as a global store, so every
 * task knows every audience.
 *
 * <p>
 * The admin API publishes each definition again every minute, so a consumer must take the
 * same definition more than once without effect: a definition replaces the one it holds
 * when its {@link #version()} differs.
 *
 * @param audienceId the audience's id, as text
 * @param name the audience's name, unique among the audiences
 * @param condition the condition, in the canonical JSON the profile service's condition
 * parser reads
 * @param version counts the replacements of the definition, from 1
 * @param updatedAt when the definition was created or last replaced
 */
public record AudienceDefinition(String audienceId, String name, JsonNode condition, long version, Instant updatedAt) {

	/** Checks the required components. */
	public AudienceDefinition {
		Objects.requireNonNull(audienceId, "audienceId must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(condition, "condition must not be null");
		Objects.requireNonNull(updatedAt, "updatedAt must not be null");
	}

}
