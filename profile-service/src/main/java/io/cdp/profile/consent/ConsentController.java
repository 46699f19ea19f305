package io.cdp.profile.consent;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.profile.api.JsonBodies;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.identity.CommandPublisher;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v1/admin/profiles/{profileId}/consent}: records consent answers a person
 * gave outside the tracked channels (a support call, a form of another system), source
 * {@code admin}. The profile state is written only by the identity topology, so the
 * answers go to the profile step as a command on its commands topic, as computed traits
 * and splits do; the call answers 202 once Kafka has them, and the profile shows them
 * moments later. They follow the rules of every answer: per purpose, the newest by
 * {@code occurredAt} wins.
 */
@RestController
@Tag(name = "Consent", description = "Consent answers per purpose on the profile")
class ConsentController {

	/** A consent call is a few hundred bytes; anything much larger is not one. */
	private static final int MAX_BODY = 16 * 1024;

	private static final int MAX_PURPOSES = 50;

	/**
	 * How far ahead of this service's clock an answer's time may be: a time further ahead
	 * would outrank every genuine answer until then.
	 */
	private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	private static final String PURPOSE_RULE = "a purpose such as marketing: lower-case letters, digits, _ and -";

	private final ConsentRepository profiles;

	private final CommandPublisher publisher;

	private final Clock clock;

	ConsentController(ConsentRepository profiles, CommandPublisher publisher) {
		this.profiles = profiles;
		this.publisher = publisher;
		this.clock = Clock.systemUTC();
	}

	@PutMapping(path = "/v1/admin/profiles/{profileId}/consent", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Record a person's consent answers",
			description = "Each purpose is granted (true) or denied (false), source admin, at occurredAt (now when "
					+ "absent). Per purpose the newest answer wins, whatever its source. A merged-away id records "
					+ "them on the surviving profile. 202 once accepted; the profile shows them moments later.",
			requestBody = @RequestBody(required = true,
					description = "{\"purposes\": {\"marketing\": true, \"analytics\": false}, "
							+ "\"occurredAt\": \"2026-03-01T10:00:00Z\"}"))
	ResponseEntity<ConsentReceipt> record(@PathVariable String profileId, HttpServletRequest request)
			throws IOException {
		String id = ParameterText.require("profileId", profileId);
		JsonNode body = JsonBodies.readObject(request, MAX_BODY, "A consent request", "purposes");
		String messageId = "consent-" + UUID.randomUUID();
		Map<String, Consent> answers = answers(body, messageId, this.clock.instant());
		ProfileRef target = this.profiles.activeProfile(id)
			.orElseThrow(() -> new ProblemException(ProblemType.PROFILE_NOT_FOUND, "No profile has id " + id)
				.with("profileId", id));
		try {
			this.publisher.publishConsent(target, answers);
		}
		catch (IllegalStateException ex) {
			throw new ProblemException(ProblemType.IDENTITY_STATE_UNAVAILABLE,
					"The consent answers could not be handed to identity resolution; try again", ex)
				.withHeader("Retry-After", "5");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/v1/profiles/" + target.profileId()))
			.body(new ConsentReceipt(target.profileId(), messageId, answers));
	}

	/** The answers of the body, every problem of it named by its field. */
	private static Map<String, Consent> answers(JsonNode body, String messageId, Instant now) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : body.propertyNames()) {
			if (!field.equals("purposes") && !field.equals("occurredAt")) {
				errors.put(JsonBodies.abbreviate(field), "is not a field of a consent request (purposes, occurredAt)");
			}
		}
		Instant occurredAt = occurredAt(body.get("occurredAt"), now, errors);
		Map<String, Consent> answers = new LinkedHashMap<>();
		JsonNode purposes = body.get("purposes");
		if (purposes == null || purposes.isNull()) {
			errors.put("purposes", "is required: an object such as {\"marketing\": true}");
		}
		else if (!purposes.isObject() || purposes.isEmpty()) {
			errors.put("purposes", "must be an object naming at least one purpose, such as {\"marketing\": true}");
		}
		else if (purposes.size() > MAX_PURPOSES) {
			errors.put("purposes", "must name at most " + MAX_PURPOSES + " purposes");
		}
		else {
			for (Map.Entry<String, JsonNode> purpose : purposes.properties()) {
				String field = "purposes." + JsonBodies.abbreviate(purpose.getKey());
				if (!Consent.isPurpose(purpose.getKey())) {
					errors.put(field, "is not " + PURPOSE_RULE);
				}
				else if (!purpose.getValue().isBoolean()) {
					errors.put(field, "must be true (granted) or false (denied)");
				}
				else if (occurredAt != null) {
					answers.put(purpose.getKey(),
							Consent.of(purpose.getValue().booleanValue(), Consent.ADMIN, occurredAt, messageId));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The consent request is invalid")
				.withErrors(errors);
		}
		return answers;
	}

	private static @Nullable Instant occurredAt(@Nullable JsonNode node, Instant now, Map<String, String> errors) {
		if (node == null || node.isNull()) {
			return now;
		}
		if (!node.isString()) {
			errors.put("occurredAt", "must be an ISO-8601 time such as 2026-03-01T10:00:00Z");
			return null;
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(node.asString()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.put("occurredAt", "must be an ISO-8601 time such as 2026-03-01T10:00:00Z");
			return null;
		}
		if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
			errors.put("occurredAt", "must not be in the future");
			return null;
		}
		return at;
	}

	/**
	 * Consent answers accepted for a profile.
	 *
	 * @param profileId the profile that takes them (the survivor of a merged-away id)
	 * @param messageId the id the answers carry on the profile
	 * @param answers the answers by purpose
	 */
	record ConsentReceipt(String profileId, String messageId, Map<String, Consent> answers) {

	}

}
