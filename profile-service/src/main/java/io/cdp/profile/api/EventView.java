package io.cdp.profile.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One event of a person's history, with the columns it is filtered by and the whole
 * canonical event.
 *
 * @param messageId the event's message id
 * @param profileId the profile the event was first resolved to; after a merge that can be
 * one of the survivor's {@code mergedProfileIds}
 * @param occurredAt when it happened
 * @param receivedAt when the platform received it
 * @param type event type ({@code track}, {@code identify}, ...)
 * @param name event name of track, page and screen events, else null
 * @param channel the touchpoint ({@code web}, {@code email}, ...)
 * @param sourceId the source that sent it
 * @param event the canonical event as published on {@code cdp.events.v1}, passed through
 * as stored
 */
record EventView(String messageId, String profileId, Instant occurredAt, Instant receivedAt, String type,
		@Nullable String name, String channel, String sourceId,
		@JsonRawValue @Schema(type = "object", description = "the canonical CustomerEvent") String event) {

}
