package io.cdp.ingest.webhook.intercom;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the properties of a conversation event: the conversation itself, who acted, and
 * what the action set (the rating, the assignee, the snooze).
 *
 * <p>
 * Intercom sends only the conversation part that caused the notification in
 * {@code conversation_parts}, so its first part is the reply, note, assignment or snooze
 * the event is about. Its author is the agent who acted: their id and name become
 * properties, never identifiers, because the event belongs on the customer's history and
 * an agent's email on it would merge every customer they talk to into one profile.
 */
final class IntercomConversations {

	private static final String ITEM = IntercomPeople.ITEM;

	/** The part that caused the notification. */
	static final String PART = ITEM + ".conversation_parts.conversation_parts.0";

	/** Author types of the people a conversation is with, as opposed to teammates. */
	private static final Set<String> CUSTOMER_TYPES = Set.of("user", "lead", "contact");

	private IntercomConversations() {
	}

	/**
	 * Returns the properties of a conversation event.
	 * @param body the notification
	 * @param mapping what its topic becomes
	 * @return the properties, with at least {@code conversation_id}
	 * @throws InvalidFieldException if a field the event needs is missing or malformed
	 */
	static Map<String, @Nullable Object> properties(JsonNode body, IntercomEvents.Mapping mapping) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		properties.put("conversation_id", JsonFields.requiredText(body, ITEM + ".id"));
		JsonFields.putPresent(properties, "state", JsonFields.text(body, ITEM + ".state"));
		JsonFields.putPresent(properties, "priority", JsonFields.text(body, ITEM + ".priority"));
		if (mapping.author() != null) {
			properties.put("author", mapping.author().value());
			JsonFields.putPresent(properties, "part_id", JsonFields.text(body, PART + ".id"));
		}
		if (mapping.author() == IntercomEvents.Author.AGENT) {
			putAgent(properties, body);
		}
		String name = (mapping.name() != null) ? mapping.name() : "";
		switch (name) {
			case IntercomEvents.SATISFACTION_RATED -> putRating(properties, body);
			case IntercomEvents.CONVERSATION_ASSIGNED -> putAssignee(properties, body);
			case IntercomEvents.CONVERSATION_SNOOZED -> putSnoozedUntil(properties, body);
			default -> {
				// The conversation's id and state say all there is.
			}
		}
		return properties;
	}

	/**
	 * The agent who wrote the part: a teammate ({@code admin}) or a bot. A part written
	 * by a user, lead or contact names no agent, so that a customer is never recorded as
	 * one.
	 */
	private static void putAgent(Map<String, @Nullable Object> properties, JsonNode body) {
		String author = PART + ".author";
		String type = JsonFields.text(body, author + ".type");
		if (type == null || CUSTOMER_TYPES.contains(type)) {
			return;
		}
		JsonFields.putPresent(properties, "agent_id", JsonFields.text(body, author + ".id"));
		JsonFields.putPresent(properties, "agent_name", JsonFields.text(body, author + ".name"));
		properties.put("agent_type", type);
	}

	private static void putRating(Map<String, @Nullable Object> properties, JsonNode body) {
		String ratingPath = ITEM + ".conversation_rating.rating";
		if (!(JsonFields.value(body, ratingPath) instanceof Number rating)) {
			throw new InvalidFieldException(ratingPath, ratingPath + " must be a number");
		}
		// Intercom rates on a scale of 1 to 5, which is already a CSAT score.
		properties.put("score", rating);
		properties.put("rating", rating);
		JsonFields.putPresent(properties, "comment", JsonFields.text(body, ITEM + ".conversation_rating.remark"));
	}

	/**
	 * The new assignee: the assignment part's {@code assigned_to} says it; without it the
	 * conversation's own assignee fields (API 2.x {@code admin_assignee_id} and
	 * {@code team_assignee_id}, API 1.x {@code assignee}) do.
	 */
	private static void putAssignee(Map<String, @Nullable Object> properties, JsonNode body) {
		String assignedTo = firstObject(body, PART + ".assigned_to", ITEM + ".assignee");
		if (assignedTo != null) {
			JsonFields.putPresent(properties, "assignee_type", JsonFields.text(body, assignedTo + ".type"));
			JsonFields.putPresent(properties, "assignee_id", JsonFields.text(body, assignedTo + ".id"));
			JsonFields.putPresent(properties, "assignee_name", JsonFields.text(body, assignedTo + ".name"));
			return;
		}
		String adminId = JsonFields.text(body, ITEM + ".admin_assignee_id");
		String teamId = JsonFields.text(body, ITEM + ".team_assignee_id");
		if (adminId != null) {
			properties.put("assignee_type", "admin");
			properties.put("assignee_id", adminId);
			JsonFields.putPresent(properties, "team_assignee_id", teamId);
		}
		else if (teamId != null) {
			properties.put("assignee_type", "team");
			properties.put("assignee_id", teamId);
		}
	}

	private static void putSnoozedUntil(Map<String, @Nullable Object> properties, JsonNode body) {
		Instant snoozedUntil = JsonFields.epochSeconds(body, ITEM + ".snoozed_until");
		JsonFields.putPresent(properties, "snoozed_until", (snoozedUntil != null) ? snoozedUntil.toString() : null);
	}

	private static @Nullable String firstObject(JsonNode body, String... paths) {
		for (String path : paths) {
			if (JsonFields.object(body, path) != null) {
				return path;
			}
		}
		return null;
	}

}
